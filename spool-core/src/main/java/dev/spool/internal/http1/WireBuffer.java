package dev.spool.internal.http1;

import java.util.Arrays;

/**
 * The bytes of one connection that the response parser has taken in and not yet consumed: one
 * array, compacted in place and grown only as far as a bound, with the position of the next unread
 * byte. Its fields are read and moved directly by the parser's readers, which run on one thread.
 */
final class WireBuffer {
    /** 16 KiB: holds a typical head whole and matches common socket read sizes. */
    static final int INITIAL_CAPACITY = 16 * 1024;

    /** The bytes; {@code [pos, limit)} is unconsumed. */
    byte[] buf = new byte[INITIAL_CAPACITY];
    /** Start of the unconsumed bytes. */
    int pos;
    /** End of the bytes written into {@link #buf}. */
    int limit;
    /** Whether the peer closed its side: no more bytes will come. */
    boolean eof;
    /** How many bytes after {@link #pos} are known to hold no LF, so a partial line is not rescanned. */
    private int scanned;
    /** How far {@link #room} may grow the array. */
    private final int maxCapacity;

    WireBuffer(int maxCapacity) {
        this.maxCapacity = maxCapacity;
    }

    /** How many bytes are buffered but not yet consumed. */
    int available() {
        return limit - pos;
    }

    /** Starts the array over when everything was consumed, so reads land at its front. */
    void rewindIfEmpty() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
    }

    /**
     * Makes at least {@code want} bytes free after {@link #limit}, compacting, then growing up to the
     * bound, and returns the array.
     *
     * @throws IllegalStateException if unconsumed bytes fill the array to its bound
     */
    byte[] room(int want) {
        if (buf.length - limit >= want) {
            return buf;
        }
        compact();
        if (buf.length - limit >= want) {
            return buf;
        }
        int capacity = Math.max(buf.length, Math.min(maxCapacity, Math.max(2 * buf.length, limit + want)));
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, capacity);
        }
        if (limit == buf.length) {
            throw new IllegalStateException("the input buffer is full of unconsumed bytes; call next() first");
        }
        return buf;
    }

    /** Copies bytes in, growing the array as much as needed (no bound: the caller already holds them). */
    void append(byte[] b, int off, int len) {
        if (buf.length - limit < len) {
            compact();
            if (buf.length - limit < len) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, limit + len));
            }
        }
        System.arraycopy(b, off, buf, limit, len);
        limit += len;
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

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }
}
