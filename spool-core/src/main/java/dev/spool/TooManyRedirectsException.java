package dev.spool;

/**
 * Thrown when a request follows more redirects than its limit allows.
 */
public class TooManyRedirectsException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** The last redirect response (its body already dropped), or null. */
    private final transient Response response;

    /** Creates the exception with a message that names what went wrong. */
    public TooManyRedirectsException(String message) {
        super(message);
        this.response = null;
    }

    /** Creates the exception with a message and the redirect response that went over the limit. */
    public TooManyRedirectsException(String message, Response response) {
        super(message);
        this.response = response;
    }

    /** Creates the exception with a message and the low-level cause. */
    public TooManyRedirectsException(String message, Throwable cause) {
        super(message, cause);
        this.response = null;
    }

    /** The redirect response that went over the limit (its history holds the ones before), or null. */
    public Response response() {
        return response;
    }
}
