package dev.spool;

/**
 * Thrown when a request follows more redirects than its limit allows.
 */
public class TooManyRedirectsException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public TooManyRedirectsException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public TooManyRedirectsException(String message, Throwable cause) {
        super(message, cause);
    }
}
