package dev.spool.retry;

import dev.spool.Response;
import dev.spool.SpoolException;

/**
 * Thrown when a {@link Retry} policy runs out of attempts: it carries the last response (a status
 * that was retried, with its body read) or the last error (as {@link #getCause()}).
 */
public class RetryExhaustedException extends SpoolException {
    private static final long serialVersionUID = 1L;

    private final transient Response response;

    /** Creates the exception with a message naming the request and the budget that ran out. */
    public RetryExhaustedException(String message, Response response, Throwable cause) {
        super(message, cause);
        this.response = response;
    }

    /** The last response when the attempts ended on a status, else null (see {@link #getCause()}). */
    public Response response() {
        return response;
    }
}
