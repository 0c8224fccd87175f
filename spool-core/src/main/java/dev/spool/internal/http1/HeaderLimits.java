package dev.spool.internal.http1;

/**
 * Limits on a response head, so a hostile server cannot make the parser hold unbounded memory.
 *
 * @param maxHeadBytes the most bytes of status line plus header block, and of a trailer section
 *     (64 KiB by default)
 * @param maxFields the most header fields (100 by default, as http.client's _MAXHEADERS)
 * @param maxLineBytes the most bytes in one line of the head, of the trailers or of a chunk size
 *     (by default the head's 64 KiB: one large Content-Security-Policy, Link or Set-Cookie line may
 *     take the whole head)
 */
public record HeaderLimits(int maxHeadBytes, int maxFields, int maxLineBytes) {
    /** 64 KiB head, 100 fields, and one line as long as the head. */
    public static final HeaderLimits DEFAULT = new HeaderLimits(64 * 1024, 100, 64 * 1024);
}
