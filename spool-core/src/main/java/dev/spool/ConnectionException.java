package dev.spool;

/**
 * Thrown when a connection cannot be made or breaks: refused, reset, closed early, or a TLS failure.
 */
public class ConnectionException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public ConnectionException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
