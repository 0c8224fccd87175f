package dev.spool.internal.http2;

/**
 * The error codes of RFC 9113 section 7, carried by RST_STREAM and GOAWAY frames and by
 * {@link Http2Exception}. A received code outside this table is legal (section 7: "unknown or
 * unsupported error codes MUST NOT trigger any special behavior"), so frames keep codes as an
 * {@code int} and {@link #forCode(int)} answers null for one not listed here.
 */
public enum ErrorCode {
    /** 0x0: graceful shutdown, not an error. */
    NO_ERROR(0x0),
    /** 0x1: an unspecific protocol error. */
    PROTOCOL_ERROR(0x1),
    /** 0x2: an unexpected internal error. */
    INTERNAL_ERROR(0x2),
    /** 0x3: the peer broke the flow-control protocol. */
    FLOW_CONTROL_ERROR(0x3),
    /** 0x4: a SETTINGS frame was not acknowledged in time. */
    SETTINGS_TIMEOUT(0x4),
    /** 0x5: a frame arrived after the stream was half-closed. */
    STREAM_CLOSED(0x5),
    /** 0x6: a frame had an invalid size. */
    FRAME_SIZE_ERROR(0x6),
    /** 0x7: the stream was refused before any application processing. */
    REFUSED_STREAM(0x7),
    /** 0x8: the stream is no longer needed. */
    CANCEL(0x8),
    /** 0x9: the field-section compression context could not be maintained. */
    COMPRESSION_ERROR(0x9),
    /** 0xa: the connection for a CONNECT request was reset or closed. */
    CONNECT_ERROR(0xa),
    /** 0xb: the peer is generating excessive load. */
    ENHANCE_YOUR_CALM(0xb),
    /** 0xc: the transport does not meet minimum security requirements. */
    INADEQUATE_SECURITY(0xc),
    /** 0xd: the endpoint requires HTTP/1.1 instead of HTTP/2. */
    HTTP_1_1_REQUIRED(0xd);

    private static final ErrorCode[] BY_CODE = values();

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The 32-bit code on the wire. */
    public int code() {
        return code;
    }

    /** The code with this wire value, or null when RFC 9113 does not define it. */
    public static ErrorCode forCode(int code) {
        // The codes are 0..13 in declaration order.
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** A readable name for any wire code: {@code PROTOCOL_ERROR (0x1)} or {@code unknown error code 0x2a}. */
    public static String describe(int code) {
        ErrorCode known = forCode(code);
        String hex = "0x" + Integer.toHexString(code);
        return known == null ? "unknown error code " + hex : known + " (" + hex + ")";
    }
}
