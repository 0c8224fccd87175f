package dev.spool;

/**
 * Thrown when a call is cancelled ({@code future.cancel(true)} on {@link RequestBuilder#sendAsync()})
 * or its thread is interrupted while it waits or does I/O: the call was aborted where it stood, its
 * connection (if it had one mid-exchange) closed. The message names the phase the call was in.
 */
public class CallCancelledException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public CallCancelledException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public CallCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
