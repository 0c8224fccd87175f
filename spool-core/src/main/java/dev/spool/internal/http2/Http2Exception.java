package dev.spool.internal.http2;

import java.io.IOException;

/**
 * The peer's bytes broke RFC 9113 or one of our limits: carries the section 7 error code to send
 * back, whether it ends the whole connection (GOAWAY) or one stream (RST_STREAM, section 5.4), and
 * a message naming what was wrong.
 */
public final class Http2Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final int streamId;
    private final boolean connectionError;

    private Http2Exception(ErrorCode errorCode, int streamId, boolean connectionError, String message) {
        super(message);
        this.errorCode = errorCode;
        this.streamId = streamId;
        this.connectionError = connectionError;
    }

    /** A connection error (section 5.4.1): the connection must be closed with GOAWAY carrying the code. */
    public static Http2Exception connection(ErrorCode errorCode, String message) {
        return new Http2Exception(errorCode, 0, true, message);
    }

    /** A stream error (section 5.4.2): the stream is reset with RST_STREAM; the connection goes on. */
    public static Http2Exception stream(int streamId, ErrorCode errorCode, String message) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("a stream error needs a stream id > 0, got " + streamId);
        }
        return new Http2Exception(errorCode, streamId, false, message);
    }

    /** The RFC 9113 section 7 code to send to the peer. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Whether the whole connection is unusable (else only {@link #streamId()} is). */
    public boolean isConnectionError() {
        return connectionError;
    }

    /** The stream a stream error concerns; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }
}
