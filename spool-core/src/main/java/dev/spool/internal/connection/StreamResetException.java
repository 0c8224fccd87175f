package dev.spool.internal.connection;

import dev.spool.internal.http2.ErrorCode;
import java.io.IOException;

/** The server reset an HTTP/2 stream (RST_STREAM) after it began processing it. */
public final class StreamResetException extends IOException {
    private static final long serialVersionUID = 1L;

    StreamResetException(int streamId, int code) {
        super("the server reset HTTP/2 stream " + streamId + " (" + ErrorCode.describe(code) + ")");
    }
}
