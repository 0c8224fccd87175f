package dev.spool;

/**
 * Thrown by {@link Response#raiseForStatus()} for a 4xx or 5xx response, or one whose status is
 * outside 100-599 (a "Server Error"); carries that response.
 */
public class HttpStatusException extends SpoolException {
    private static final long serialVersionUID = 1L;

    private final transient Response response;

    /**
     * Creates the exception for a response whose status is an error, with requests' message:
     * {@code 404 Client Error: Not Found for url: http://host/path}. The URL is written without
     * its user info, so a password in it does not end up in logs; an empty reason phrase (HTTP/1.1
     * makes it optional) is replaced by the standard one.
     */
    public HttpStatusException(Response response) {
        super(response.status() + " " + (response.status() >= 400 && response.status() < 500 ? "Client Error" : "Server Error") + ": "
                + reasonOf(response) + " for url: " + response.httpUrl().withoutUserInfo());
        this.response = response;
    }

    private static String reasonOf(Response response) {
        String r = response.reason();
        return r == null || r.isBlank() ? Reasons.of(response.status()) : r;
    }

    /** The response whose status was an error. */
    public Response response() {
        return response;
    }

    /** The response's status code. */
    public int status() {
        return response.status();
    }

    /** The response's reason phrase as the server sent it. */
    public String reason() {
        return response.reason();
    }

    /** The URL that answered, without user info. */
    public String url() {
        return response.httpUrl().withoutUserInfo().toString();
    }
}
