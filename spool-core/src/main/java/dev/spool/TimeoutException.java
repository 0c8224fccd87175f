package dev.spool;

/**
 * The common parent of Spool's timeout exceptions (connect, read, pool, and the total call deadline).
 */
public class TimeoutException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public TimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
