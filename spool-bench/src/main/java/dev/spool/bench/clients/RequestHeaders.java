package dev.spool.bench.clients;

/**
 * The request headers every client sets explicitly, copied from Spool's defaults, so nginx is asked
 * the same question by all of them (nginx runs with {@code gzip off}, so every answer is the same
 * identity-encoded body).
 */
final class RequestHeaders {
    /** Spool's default {@code Accept}. */
    static final String ACCEPT = "*/*";
    /**
     * Spool's default {@code Accept-Encoding}. Set on the peers too: OkHttp, Apache and Jetty would
     * otherwise each offer a different list, and the JDK none.
     */
    static final String ACCEPT_ENCODING = "gzip, deflate";

    private RequestHeaders() {
    }

    /** The exception a client throws for a status other than 200, with the client named. */
    static IllegalStateException unexpectedStatus(String client, int status, String url) {
        return new IllegalStateException(client + " got HTTP " + status + " for " + url);
    }
}
