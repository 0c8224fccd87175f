package dev.spool.internal.http1;

import java.io.IOException;

/**
 * The server's bytes broke HTTP/1.1 framing or a limit; the message says what, in plain words.
 * The transport translates it (with host and port) into {@code dev.spool.ProtocolException}.
 */
public final class Http1Exception extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public Http1Exception(String message) {
        super(message);
    }
}
