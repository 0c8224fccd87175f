package dev.spool;

/**
 * Thrown when the server sends nothing for longer than the read timeout; the connection is discarded.
 */
public class ReadTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public ReadTimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public ReadTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
