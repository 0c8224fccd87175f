package dev.spool;

import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles one request on a session: headers, query parameters, body and per-request options,
 * then {@link #send()}. Not thread-safe; use one builder per request.
 */
public final class RequestBuilder {
    private final Session session;
    private final String method;
    private final String url;
    /** Name/value pairs in order; a null value removes the session's header of that name. */
    private final List<String[]> headers = new ArrayList<>(4);
    private final List<String[]> params = new ArrayList<>(2);
    private Body body;
    private Duration timeout;
    private boolean stream;
    private Boolean allowRedirects;
    private boolean oneShot;
    private TlsConfig tls;
    /** Adjustments to the session's (or {@link #tls}'s) TLS settings: verify on/off, a CA bundle; null when not set. */
    private Boolean verifyOverride;
    private Path caBundleOverride;
    /** This request's proxies, laid over the session's; null when none were given. */
    private Map<String, String> proxies;

    RequestBuilder(Session session, String method, String url) {
        this.session = session;
        this.method = method;
        this.url = url;
    }

    /**
     * Adds a header for this request, replacing a session default of the same name; a null value
     * removes the session's header instead.
     */
    public RequestBuilder header(String name, String value) {
        Headers.checkName(name);
        if (value != null) {
            Headers.checkValue(name, value);
        }
        headers.add(new String[] {name, value});
        return this;
    }

    /** Adds a query parameter, appended to any in the URL and percent-encoded. */
    public RequestBuilder param(String name, String value) {
        Objects.requireNonNull(name, "param name");
        params.add(new String[] {name, value});
        return this;
    }

    /** Sets the body. */
    public RequestBuilder body(Body body) {
        this.body = body;
        return this;
    }

    /** The read timeout for this request (how long the server may stay silent). */
    public RequestBuilder timeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidRequestException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * With {@code true}, {@link #send()} returns once the headers are read and the response holds its
     * connection until its body is read to the end or it is closed. Default false: the body is read
     * before {@code send()} returns and the connection is back in the pool.
     */
    public RequestBuilder stream(boolean stream) {
        this.stream = stream;
        return this;
    }

    /** Whether to follow redirects; by default yes, except for HEAD (as in requests). */
    public RequestBuilder allowRedirects(boolean allow) {
        this.allowRedirects = allow;
        return this;
    }

    /** Whether to verify the server's certificate for this request (default: the session's setting). */
    public RequestBuilder verify(boolean verify) {
        this.verifyOverride = verify;
        return this;
    }

    /** Trusts the CA certificates of a PEM file for this request instead of the JDK's trust store. */
    public RequestBuilder caBundle(Path pemFile) {
        this.caBundleOverride = TlsConfig.caBundle(pemFile).caBundle(); // checked now, before any I/O
        this.verifyOverride = null; // a CA bundle means verifying against it
        return this;
    }

    /** TLS settings for this request, replacing the session's (and earlier {@code verify} or {@code caBundle} calls). */
    public RequestBuilder tls(TlsConfig tls) {
        this.tls = tls;
        this.verifyOverride = null;
        this.caBundleOverride = null;
        return this;
    }

    /**
     * Sends this request through one proxy whatever its scheme ({@code http://user:pass@host:port},
     * {@code socks5://host:1080}), or with null directly, ignoring the session's proxies and the
     * environment's.
     */
    public RequestBuilder proxy(String proxyUrl) {
        return proxies(java.util.Collections.singletonMap("all", proxyUrl == null ? "" : proxyUrl));
    }

    /**
     * Proxies for this request, keyed as requests keys them ({@code http}, {@code https}, {@code all},
     * {@code scheme://host}, {@code no_proxy}; an empty value means "direct"), laid over the session's.
     */
    public RequestBuilder proxies(Map<String, String> proxies) {
        Objects.requireNonNull(proxies, "proxies");
        ProxyConfig.of(proxies); // checked now, before any I/O
        if (this.proxies == null) {
            this.proxies = new LinkedHashMap<>();
        }
        this.proxies.putAll(proxies);
        return this;
    }

    /** Sends the request and returns its response. */
    public Response send() {
        if (!oneShot) {
            return session.send(this);
        }
        // A throwaway session: closing it closes idle connections now and the streamed response's
        // connection when that response is done, so nothing outlives the call.
        try {
            return session.send(this);
        } finally {
            session.close();
        }
    }

    RequestBuilder oneShot() {
        this.oneShot = true;
        return this;
    }

    // --- read by Session ---------------------------------------------------------------------

    String method() {
        return method;
    }

    String url() {
        return url;
    }

    List<String[]> headerList() {
        return headers;
    }

    List<String[]> paramList() {
        return params;
    }

    Body body() {
        return body;
    }

    Duration timeout() {
        return timeout;
    }

    TlsConfig tls() {
        return tls;
    }

    /** This request's TLS settings given the session's, or null when it has none of its own. */
    TlsConfig effectiveTls(TlsConfig session) {
        if (tls == null && verifyOverride == null && caBundleOverride == null) {
            return null;
        }
        TlsConfig t = tls != null ? tls : session;
        if (caBundleOverride != null) {
            // The bundle (checked when it was given) replaces the CA settings; the client certificate stays.
            t = new TlsConfig(true, caBundleOverride, null, t.clientCertificate());
        }
        if (verifyOverride != null) {
            t = t.withVerify(verifyOverride);
        }
        return t;
    }

    /** This request's proxies, or null. */
    Map<String, String> proxyMap() {
        return proxies;
    }

    boolean isStream() {
        return stream;
    }

    boolean followRedirects() {
        return allowRedirects != null ? allowRedirects : !method.equals("HEAD");
    }
}
