package dev.spool;

/**
 * Thrown when a call's total deadline ({@code callTimeout}) passes: the deadline covers the pool wait,
 * DNS, connect, TLS, writing the request, the response head, retries and redirects with their waits,
 * and the body of a buffered response. The message names the phase the call was in.
 */
public class CallTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public CallTimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public CallTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
