package dev.spool.internal.connection;

import java.io.IOException;

/**
 * A request the server never processed (HTTP/2 GOAWAY above its stream, REFUSED_STREAM, or a
 * connection that could take no new stream): safe to send again on another connection whatever its
 * method (RFC 9113 section 8.7).
 */
public final class UnprocessedException extends IOException {
    private static final long serialVersionUID = 1L;

    UnprocessedException(String message, Throwable cause) {
        super(message, cause);
    }
}
