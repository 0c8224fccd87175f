package dev.spool;

/**
 * The root of every exception Spool throws; unchecked, with any low-level cause attached as
 * {@link #getCause()}.
 */
public class SpoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public SpoolException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the low-level cause. */
    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
