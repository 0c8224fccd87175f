package dev.spool.internal;

import java.util.Arrays;

/**
 * Bytes taken in from a peer and not yet consumed: one array, compacted in place and grown only as
 * far as a bound, with the position of the next unread byte. The HTTP/1.1 parser's buffer and the
 * HTTP/2 frame reader's input extend it; they read and move its fields directly, on one thread.
 */
public class InputWindow {
    /** The bytes; {@code [pos, limit)} is unconsumed. */
    public byte[] buf;
    /** Start of the unconsumed bytes. */
    public int pos;
    /** End of the bytes written into {@link #buf}. */
    public int limit;
    /** How far {@link #room} may grow the array. */
    private final int maxCapacity;

    /** An empty window of {@code initialCapacity} bytes that {@link #room} grows up to {@code maxCapacity}. */
    protected InputWindow(int initialCapacity, int maxCapacity) {
        this.buf = new byte[initialCapacity];
        this.maxCapacity = maxCapacity;
    }

    /** How many bytes are buffered but not yet consumed. */
    public final int available() {
        return limit - pos;
    }

    /**
     * Makes at least {@code want} bytes free after {@link #limit}, compacting, then growing up to the
     * bound, and returns the array.
     *
     * @throws IllegalStateException if unconsumed bytes fill the array to its bound
     */
    public final byte[] room(int want) {
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
    public final void append(byte[] b, int off, int len) {
        if (buf.length - limit < len) {
            compact();
            if (buf.length - limit < len) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, limit + len));
            }
        }
        System.arraycopy(b, off, buf, limit, len);
        limit += len;
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }
}
