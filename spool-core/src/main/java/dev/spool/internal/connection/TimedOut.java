package dev.spool.internal.connection;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * The exceptions of an operation the {@link Watchdog} ended, made in one place so that
 * {@link Failures} can word each the same way wherever it happens.
 */
final class TimedOut {
    private TimedOut() {
    }

    /** A read whose deadline passed. */
    static SocketTimeoutException read(IOException cause) {
        return withCause(new SocketTimeoutException("Read timed out"), cause);
    }

    /** A write that made no progress for the timeout: the peer stopped reading. */
    static SocketTimeoutException write(int timeoutMillis, IOException cause) {
        return withCause(new WriteTimeoutException(timeoutMillis), cause);
    }

    /** A connect (TCP, proxy handshake and TLS handshake together) whose deadline passed. */
    static SocketTimeoutException connect(IOException cause) {
        return withCause(new SocketTimeoutException("connect timed out"), cause);
    }

    private static SocketTimeoutException withCause(SocketTimeoutException e, IOException cause) {
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** A write that made no progress for the timeout; Failures words it for the user. */
    static final class WriteTimeoutException extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;
        final int timeoutMillis;

        WriteTimeoutException(int timeoutMillis) {
            super("write made no progress for " + timeoutMillis + " ms");
            this.timeoutMillis = timeoutMillis;
        }
    }
}
