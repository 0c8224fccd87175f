package dev.spool.internal.http1;

import dev.spool.internal.InputWindow;

/**
 * The bytes of one connection that the response parser has taken in and not yet consumed: one
 * array, compacted in place and grown only as far as a bound, with the position of the next unread
 * byte. Its fields are read and moved directly by the parser's readers, which run on one thread.
 */
final class WireBuffer extends InputWindow {
    /** 16 KiB: holds a typical head whole and matches common socket read sizes. */
    static final int INITIAL_CAPACITY = 16 * 1024;

    /** Whether the peer closed its side: no more bytes will come. */
    boolean eof;
    /** How many bytes after {@link #pos} are known to hold no LF, so a partial line is not rescanned. */
    private int scanned;

    WireBuffer(int maxCapacity) {
        super(INITIAL_CAPACITY, maxCapacity);
    }

    /** Starts the array over when everything was consumed, so reads land at its front. */
    void rewindIfEmpty() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
    }

    /** Index of the next LF at or after {@link #pos}, or -1 (then the scan resumes where it stopped). */
    int findLf() {
        byte[] b = buf;
        for (int i = pos + scanned, end = limit; i < end; i++) {
            if (b[i] == '\n') {
                scanned = 0;
                return i;
            }
        }
        scanned = limit - pos;
        return -1;
    }
}
