package dev.spool;

/**
 * Thrown when a blocking pool ({@code poolBlock(true)}) has no free connection within {@code poolTimeout}.
 */
public class PoolTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public PoolTimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public PoolTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
