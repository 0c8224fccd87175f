package dev.spool;

/**
 * One-line HTTP calls, like {@code requests.get}: each call uses a throwaway session, so each opens
 * its own connection. Use a {@link Session} to reuse connections.
 */
public final class Spool {
    private Spool() {
    }

    /** GET in a throwaway session. */
    public static Response get(String url) {
        return request("GET", url).send();
    }

    /** HEAD in a throwaway session (redirects not followed). */
    public static Response head(String url) {
        return request("HEAD", url).send();
    }

    /** DELETE in a throwaway session. */
    public static Response delete(String url) {
        return request("DELETE", url).send();
    }

    /** OPTIONS in a throwaway session. */
    public static Response options(String url) {
        return request("OPTIONS", url).send();
    }

    /** POST in a throwaway session. */
    public static Response post(String url, Body body) {
        return request("POST", url).body(body).send();
    }

    /** PUT in a throwaway session. */
    public static Response put(String url, Body body) {
        return request("PUT", url).body(body).send();
    }

    /** PATCH in a throwaway session. */
    public static Response patch(String url, Body body) {
        return request("PATCH", url).body(body).send();
    }

    /**
     * A request in a throwaway session. The session is closed when {@code send()} returns; with
     * {@code stream(true)} its connection stays with the response and is closed when the response is.
     */
    public static RequestBuilder request(String method, String url) {
        return new RequestBuilder(new Session(), method, url).oneShot();
    }
}
