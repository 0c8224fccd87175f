package dev.spool.auth;

import dev.spool.Request;
import dev.spool.Response;

/**
 * How a request is authenticated: a small strategy that adds credentials to an outgoing request and
 * may answer a {@code 401} challenge with a request to send once more (as Digest does). Set one per
 * session ({@code Session.builder().auth(...)}) or per request ({@code RequestBuilder.auth(...)},
 * which wins); without either, {@code user:password@} in the URL means Basic.
 *
 * <p>A session applies its auth only to the origin the request was addressed to: after a redirect
 * to another host (or scheme or port, other than http to https on the default ports) no credentials
 * are sent. Implementations must be thread-safe: one instance serves every call of a session.
 */
public interface Auth {
    /** Returns the request with credentials added (or the same request when there is nothing to add). */
    Request apply(Request request);

    /**
     * Answers a {@code 401} response to a request this strategy {@link #apply applied}: returns the
     * request to send again (once), or null to hand the 401 to the caller. The default answers none.
     *
     * @param sent the request as it was sent, credentials included
     * @param response the 401 response; its body is drained by the caller when a request is returned
     */
    default Request challenge(Request sent, Response response) {
        return null;
    }

    /**
     * HTTP Basic (RFC 7617): {@code Authorization: Basic base64(user:password)}, the text encoded as
     * UTF-8, sent with every request.
     *
     * @throws IllegalArgumentException when the user contains ':' (RFC 7617 section 2 forbids it) or
     *     either part is null
     */
    static Auth basic(String user, String password) {
        return new BasicAuth(user, password);
    }

    /** A bearer token (RFC 6750): {@code Authorization: Bearer token}, sent with every request. */
    static Auth bearer(String token) {
        return new BearerAuth(token);
    }

    /**
     * HTTP Digest (RFC 7616): answers the server's {@code 401} challenge and sends the digest with
     * later requests to the same origin. Supports MD5, SHA-256 and SHA-512-256 and their
     * {@code -sess} variants, {@code qop=auth} and the legacy mode without qop (RFC 2069),
     * {@code userhash}, {@code opaque}, and {@code stale=true} (sends again with the new nonce).
     * The nonce count is kept per origin and nonce, safe under concurrent requests.
     */
    static Auth digest(String user, String password) {
        return new DigestAuth(user, password);
    }

    /**
     * Applies {@code auth} only to requests whose URL's host (as parsed: what the connection goes to)
     * is {@code host}, case-insensitively, and sends nothing to any other host.
     */
    static Auth forHost(String host, Auth auth) {
        return new HostAuth(host, auth);
    }
}
