package dev.spool.internal.http2;

import java.util.Arrays;

/**
 * The bytes a {@link FrameReader} has taken in and not yet consumed: one array, compacted in place
 * and grown only as far as a bound (one largest frame plus one read), with the position of the next
 * unread byte. Read and moved directly by the reader, on one thread.
 */
final class FrameInput {
    /** 16 KiB: one default-size frame and a typical socket read. */
    static final int INITIAL_CAPACITY = 16 * 1024 + FrameFormat.HEADER_LENGTH;

    /** The bytes; {@code [pos, limit)} is unconsumed. */
    byte[] buf = new byte[INITIAL_CAPACITY];
    /** Start of the unconsumed bytes. */
    int pos;
    /** End of the bytes written into {@link #buf}. */
    int limit;
    private final int maxCapacity;

    FrameInput(int maxCapacity) {
        this.maxCapacity = Math.max(maxCapacity, INITIAL_CAPACITY);
    }

    /** How many bytes are buffered but not yet consumed. */
    int available() {
        return limit - pos;
    }

    /** Big-endian unsigned 24-bit integer at {@code i}. */
    int u24(int i) {
        return (buf[i] & 0xff) << 16 | (buf[i + 1] & 0xff) << 8 | buf[i + 2] & 0xff;
    }

    /** Big-endian 32-bit integer at {@code i}. */
    int i32(int i) {
        return (buf[i] & 0xff) << 24 | (buf[i + 1] & 0xff) << 16 | (buf[i + 2] & 0xff) << 8 | buf[i + 3] & 0xff;
    }

    /** Big-endian 64-bit integer at {@code i}. */
    long i64(int i) {
        return (long) i32(i) << 32 | i32(i + 4) & 0xffffffffL;
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

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }
}
