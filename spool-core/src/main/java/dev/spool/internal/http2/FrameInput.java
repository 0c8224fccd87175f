package dev.spool.internal.http2;

import dev.spool.internal.InputWindow;

/**
 * The bytes a {@link FrameReader} has taken in and not yet consumed: one array, compacted in place
 * and grown only as far as a bound (one largest frame plus one read), with the position of the next
 * unread byte. Read and moved directly by the reader, on one thread.
 */
final class FrameInput extends InputWindow {
    /** 16 KiB: one default-size frame and a typical socket read. */
    static final int INITIAL_CAPACITY = 16 * 1024 + FrameFormat.HEADER_LENGTH;

    FrameInput(int maxCapacity) {
        super(INITIAL_CAPACITY, Math.max(maxCapacity, INITIAL_CAPACITY));
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
}
