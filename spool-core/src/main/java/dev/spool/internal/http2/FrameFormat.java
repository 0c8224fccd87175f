package dev.spool.internal.http2;

import java.nio.charset.StandardCharsets;

/**
 * The wire constants of RFC 9113: the connection preface, the 9-byte frame header, the frame type
 * codes (section 6), their flags and the SETTINGS identifiers (section 6.5.2).
 */
final class FrameFormat {
    /** The client connection preface, section 3.4: {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}. */
    static final byte[] CLIENT_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Length (3), type (1), flags (1), reserved bit and stream id (4). */
    static final int HEADER_LENGTH = 9;
    /** The largest payload length the 24-bit field can carry. */
    static final int MAX_LENGTH_FIELD = (1 << 24) - 1;
    /** The smallest SETTINGS_MAX_FRAME_SIZE allowed, and its initial value (section 4.2). */
    static final int MIN_MAX_FRAME_SIZE = 1 << 14;
    /** The largest stream id and window size: 2^31-1. */
    static final int MAX_31_BIT = Integer.MAX_VALUE;

    static final int TYPE_DATA = 0x0;
    static final int TYPE_HEADERS = 0x1;
    static final int TYPE_PRIORITY = 0x2;
    static final int TYPE_RST_STREAM = 0x3;
    static final int TYPE_SETTINGS = 0x4;
    static final int TYPE_PUSH_PROMISE = 0x5;
    static final int TYPE_PING = 0x6;
    static final int TYPE_GOAWAY = 0x7;
    static final int TYPE_WINDOW_UPDATE = 0x8;
    static final int TYPE_CONTINUATION = 0x9;

    /** DATA, HEADERS: the last frame the sender will send on the stream. */
    static final int FLAG_END_STREAM = 0x1;
    /** SETTINGS, PING: an acknowledgement (same bit as END_STREAM). */
    static final int FLAG_ACK = 0x1;
    /** HEADERS, PUSH_PROMISE, CONTINUATION: the field block ends in this frame. */
    static final int FLAG_END_HEADERS = 0x4;
    /** DATA, HEADERS, PUSH_PROMISE: a pad-length byte leads, padding trails. */
    static final int FLAG_PADDED = 0x8;
    /** HEADERS: 5 bytes of (deprecated) priority fields follow the pad length. */
    static final int FLAG_PRIORITY = 0x20;

    static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    static final int SETTINGS_ENABLE_PUSH = 0x2;
    static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
    static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

    private FrameFormat() {
    }

    /** The frame type's name for messages: {@code HEADERS}, or {@code unknown type 0x2a}. */
    static String typeName(int type) {
        return switch (type) {
            case TYPE_DATA -> "DATA";
            case TYPE_HEADERS -> "HEADERS";
            case TYPE_PRIORITY -> "PRIORITY";
            case TYPE_RST_STREAM -> "RST_STREAM";
            case TYPE_SETTINGS -> "SETTINGS";
            case TYPE_PUSH_PROMISE -> "PUSH_PROMISE";
            case TYPE_PING -> "PING";
            case TYPE_GOAWAY -> "GOAWAY";
            case TYPE_WINDOW_UPDATE -> "WINDOW_UPDATE";
            case TYPE_CONTINUATION -> "CONTINUATION";
            default -> "frame of unknown type 0x" + Integer.toHexString(type);
        };
    }
}
