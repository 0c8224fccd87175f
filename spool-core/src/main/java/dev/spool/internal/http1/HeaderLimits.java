package dev.spool.internal.http1;

/**
 * Limits on a response head, so a hostile server cannot make the parser hold unbounded memory.
 *
 * @param maxHeadBytes the most bytes of status line plus header block (64 KiB by default)
 * @param maxFields the most header fields (100 by default, as http.client's _MAXHEADERS)
 * @param maxLineBytes the most bytes in one line of the head (status line or field; 16 KiB by default)
 */
public record HeaderLimits(int maxHeadBytes, int maxFields, int maxLineBytes) {
    /** 64 KiB head, 100 fields, 16 KiB lines. */
    public static final HeaderLimits DEFAULT = new HeaderLimits(64 * 1024, 100, 16 * 1024);
}
