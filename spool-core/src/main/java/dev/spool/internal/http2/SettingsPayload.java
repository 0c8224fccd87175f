package dev.spool.internal.http2;

/**
 * The parameters of one received SETTINGS frame (RFC 9113 section 6.5), checked value by value as
 * section 6.5.2 requires of a client; unknown identifiers are dropped.
 */
final class SettingsPayload {
    int[] ids = new int[6];
    long[] values = new long[6];
    int count;

    /** Reads the {@code len / 6} parameters at {@code off}. */
    void read(FrameInput in, int off, int len) throws Http2Exception {
        count = 0;
        int n = len / 6;
        if (ids.length < n) {
            ids = new int[n];
            values = new long[n];
        }
        for (int i = off, end = off + len; i < end; i += 6) {
            int id = (in.buf[i] & 0xff) << 8 | in.buf[i + 1] & 0xff;
            long value = in.i32(i + 2) & 0xffffffffL;
            if (id < FrameFormat.SETTINGS_HEADER_TABLE_SIZE || id > FrameFormat.SETTINGS_MAX_HEADER_LIST_SIZE) {
                continue; // unknown settings are ignored (section 6.5.2)
            }
            check(id, value);
            ids[count] = id;
            values[count] = value;
            count++;
        }
    }

    private static void check(int id, long value) throws Http2Exception {
        switch (id) {
            case FrameFormat.SETTINGS_ENABLE_PUSH -> {
                if (value > 1) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
                            "SETTINGS_ENABLE_PUSH must be 0 or 1, got " + value);
                }
                if (value == 1) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
                            "the server sent SETTINGS_ENABLE_PUSH 1, which only a client may send (RFC 9113 section 6.5.2)");
                }
            }
            case FrameFormat.SETTINGS_INITIAL_WINDOW_SIZE -> {
                if (value > FrameFormat.MAX_31_BIT) {
                    throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
                            "SETTINGS_INITIAL_WINDOW_SIZE " + value + " is above 2^31-1");
                }
            }
            case FrameFormat.SETTINGS_MAX_FRAME_SIZE -> {
                if (value < FrameFormat.MIN_MAX_FRAME_SIZE || value > FrameFormat.MAX_LENGTH_FIELD) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
                            "SETTINGS_MAX_FRAME_SIZE " + value + " is outside [16384, 16777215]");
                }
            }
            default -> {
                // HEADER_TABLE_SIZE, MAX_CONCURRENT_STREAMS, MAX_HEADER_LIST_SIZE: any 32-bit value
            }
        }
    }
}
