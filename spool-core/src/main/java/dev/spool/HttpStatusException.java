package dev.spool;

/**
 * Thrown by {@link Response#raiseForStatus()} for a 4xx or 5xx response; carries that response.
 */
public class HttpStatusException extends SpoolException {
    private static final long serialVersionUID = 1L;

    private final transient Response response;

    /** Creates the exception for a response whose status is an error. */
    public HttpStatusException(Response response) {
        super(response.status() + " " + (response.status() < 500 ? "Client Error" : "Server Error") + ": "
                + response.reason() + " for url: " + response.url());
        this.response = response;
    }

    /** The response whose status was an error. */
    public Response response() {
        return response;
    }

    /** The response's status code. */
    public int status() {
        return response.status();
    }
}
