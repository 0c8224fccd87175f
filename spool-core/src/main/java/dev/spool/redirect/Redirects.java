package dev.spool.redirect;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.InvalidRequestException;
import dev.spool.ProtocolException;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.SpoolException;
import dev.spool.Url;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The redirect policy as pure functions of values (no I/O): which request a redirect leads to, and
 * which credentials may go with it. The session's redirect stage applies it on every hop.
 *
 * <p>The rules, with the CVEs that taught them to requests and urllib3:
 * <ul>
 *   <li>301 and 302 turn POST into GET; 303 turns every method but HEAD into GET (RFC 9110 section
 *       15.4); a request turned into GET loses its body and {@code Content-Length},
 *       {@code Content-Type} and {@code Transfer-Encoding} (CVE-2023-45803).</li>
 *   <li>307 and 308 keep the method and body; a one-shot {@link Body#stream} cannot be sent again and
 *       fails with an error that says so.</li>
 *   <li>{@code Authorization} and {@code Cookie} set by the caller are dropped when the host changes,
 *       or the scheme or port changes other than {@code http:80} to {@code https:443}
 *       (CVE-2014-1829, CVE-2018-18074, CVE-2023-43804); the session's jar supplies the cookies of
 *       the new URL instead.</li>
 *   <li>{@code Proxy-Authorization} never goes to another origin, not even http to https
 *       (CVE-2024-37891).</li>
 *   <li>Credentials in a {@code Location}'s user info are dropped; a caller-set {@code Host} is dropped
 *       when the host changes.</li>
 * </ul>
 */
public final class Redirects {
    /** How many redirects a request follows by default: requests' {@code DEFAULT_REDIRECT_LIMIT}. */
    public static final int DEFAULT_MAX_REDIRECTS = 30;

    private Redirects() {
    }

    /** Whether the status is one that redirects with a {@code Location}: 301, 302, 303, 307 or 308. */
    public static boolean isRedirectStatus(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request that a redirect response leads to, or null when the response is not a redirect
     * (see {@link Response#isRedirect()}).
     *
     * @param request the request that got the response, as the caller built it
     * @throws ProtocolException when the {@code Location} is not a URL that can be followed
     * @throws SpoolException when a 307 or 308 would have to send a one-shot body again
     */
    public static Request next(Request request, Response response) {
        if (!response.isRedirect()) {
            return null;
        }
        int status = response.status();
        Url from = request.httpUrl();
        String location = response.header("Location");
        Url to;
        try {
            to = from.resolve(normalizeLocation(location)).withoutUserInfo();
        } catch (InvalidRequestException e) {
            throw new ProtocolException("the " + status + " redirect from " + from.withoutUserInfo()
                    + " has a Location that cannot be followed: " + e.getMessage(), e);
        }
        String method = nextMethod(request.method(), status);
        Body body = request.body();
        Headers headers = request.headers();
        if (!method.equals(request.method()) || status == 303) {
            // The new request is a GET (or a HEAD after a 303): nothing of the old body goes with it.
            body = null;
            headers = without(headers, "Content-Length", "Content-Type", "Transfer-Encoding");
        } else if (body != null && !body.isReplayable()) {
            throw new SpoolException("cannot follow the " + status + " redirect from " + from.withoutUserInfo()
                    + " to " + to + ": a " + status + " asks to send the " + method + " body again, and the body is a"
                    + " one-shot stream (Body.stream) that was already sent; use a body that can be sent twice"
                    + " (bytes, text, file) or allowRedirects(false)");
        }
        if (!keepsCredentials(from, to)) {
            headers = without(headers, "Authorization", "Cookie");
        }
        if (!sameOrigin(from, to)) {
            headers = without(headers, "Proxy-Authorization");
        }
        if (!from.host().equals(to.host())) {
            headers = without(headers, "Host");
        }
        return new Request(method, to, headers, body, request.timeout(), request.tls()).withCall(request.call());
    }

    /**
     * Makes a {@code Location} as servers really send it parseable: raw UTF-8 (which arrives as
     * ISO-8859-1 characters, header bytes being Latin-1) is decoded as UTF-8, as requests'
     * {@code get_redirect_target} does, and spaces become {@code %20}; the URL parser percent-encodes
     * the rest.
     */
    static String normalizeLocation(String location) {
        String out = location.trim();
        boolean high = false;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c > 0xff) {
                high = false;
                break;
            }
            if (c >= 0x80) {
                high = true;
            }
        }
        if (high) {
            try {
                out = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(out.getBytes(StandardCharsets.ISO_8859_1)))
                        .toString();
            } catch (CharacterCodingException e) {
                // not UTF-8: keep the Latin-1 reading, which the URL parser encodes as UTF-8
            }
        }
        return out.indexOf(' ') < 0 ? out : out.replace(" ", "%20");
    }

    /**
     * The method of the request after a redirect: 303 turns everything but HEAD into GET, 301 and 302
     * turn POST into GET (RFC 9110 sections 15.4.2 to 15.4.4, as browsers and requests do), and
     * 307 and 308 keep the method.
     */
    public static String nextMethod(String method, int status) {
        if (status == 303 && !method.equals("HEAD")) {
            return "GET";
        }
        if ((status == 301 || status == 302) && method.equals("POST")) {
            return "GET";
        }
        return method;
    }

    /**
     * Whether credentials the caller set ({@code Authorization}, {@code Cookie}, the session's auth)
     * may go from one URL to the next: the same host, and the same scheme and port, or the upgrade from
     * {@code http} on port 80 to {@code https} on port 443 (requests' {@code should_strip_auth}).
     */
    public static boolean keepsCredentials(Url from, Url to) {
        if (!from.host().equals(to.host())) {
            return false;
        }
        if (from.scheme().equals("http") && from.port() == 80 && to.scheme().equals("https") && to.port() == 443) {
            return true;
        }
        return from.scheme().equals(to.scheme()) && from.port() == to.port();
    }

    /** Whether two URLs have the same origin: scheme, host and port (RFC 6454). */
    public static boolean sameOrigin(Url from, Url to) {
        return from.scheme().equals(to.scheme()) && from.host().equals(to.host()) && from.port() == to.port();
    }

    private static Headers without(Headers headers, String... names) {
        Headers out = headers;
        for (String name : names) {
            if (out.contains(name)) {
                out = out.minus(name);
            }
        }
        return out;
    }
}
