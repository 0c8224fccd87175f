package dev.spool;

import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * An immutable HTTP request, fully assembled (session defaults merged in): what a
 * {@link dev.spool.transport.Transport} receives.
 */
public final class Request {
    private final String method;
    private final Url url;
    private final Headers headers;
    private final Body body;
    private final Duration timeout;
    private final TlsConfig tls;
    private final ProxyConfig proxies;
    /** The call's deadline and cancel flag, or null for a call with neither (the plain blocking send). */
    private final CallScope call;

    /**
     * Creates a request, validating the method.
     *
     * @param timeout the read timeout for this request, or null for the transport's default
     * @throws InvalidRequestException when the method is not an RFC 9110 token
     */
    public Request(String method, Url url, Headers headers, Body body, Duration timeout) {
        this(method, url, headers, body, timeout, null);
    }

    /**
     * Creates a request with its own TLS settings.
     *
     * @param tls TLS settings for this request, or null for the transport's
     * @throws InvalidRequestException when the method is not an RFC 9110 token
     */
    public Request(String method, Url url, Headers headers, Body body, Duration timeout, TlsConfig tls) {
        this(method, url, headers, body, timeout, tls, null);
    }

    /**
     * Creates a request with its own TLS and proxy settings.
     *
     * @param tls TLS settings for this request, or null for the transport's
     * @param proxies proxy settings for this request, or null for the transport's
     * @throws InvalidRequestException when the method is not an RFC 9110 token
     */
    public Request(String method, Url url, Headers headers, Body body, Duration timeout, TlsConfig tls,
                   ProxyConfig proxies) {
        this(method, url, headers, body, timeout, tls, proxies, null);
    }

    private Request(String method, Url url, Headers headers, Body body, Duration timeout, TlsConfig tls,
                    ProxyConfig proxies, CallScope call) {
        if (!Tokens.isToken(method)) {
            throw new InvalidRequestException("HTTP method " + (method == null ? "null" : Tokens.quote(method))
                    + " is not a token (RFC 9110 section 9.1)");
        }
        this.method = method;
        this.url = Objects.requireNonNull(url, "url");
        this.headers = headers == null ? Headers.EMPTY : headers;
        this.body = body;
        this.timeout = timeout;
        this.tls = tls;
        this.proxies = proxies;
        this.call = call;
    }

    /** The method, as given ({@code GET}, {@code POST}...). */
    public String method() {
        return method;
    }

    /** The URL as text. */
    public String url() {
        return url.toString();
    }

    /** The parsed URL. */
    public Url httpUrl() {
        return url;
    }

    /** The headers to send, in order (the transport adds {@code Host} and framing headers). */
    public Headers headers() {
        return headers;
    }

    /** The body, or null for none. */
    public Body body() {
        return body;
    }

    /** The read timeout for this request, or null for the transport's default. */
    public Duration timeout() {
        return timeout;
    }

    /** TLS settings for this request, or null to use the transport's. */
    public TlsConfig tls() {
        return tls;
    }

    /** Proxy settings for this request, or null to use the transport's. */
    public ProxyConfig proxies() {
        return proxies;
    }

    /**
     * The deadline and cancel flag of the call this request belongs to (with its retries and
     * redirects), or null when the call has neither. Read by Spool's own transport, which stops the
     * call where it stands when the deadline passes or the call is cancelled.
     */
    public CallScope call() {
        return call;
    }

    /** A copy that belongs to the call of {@code guard} (null for none); redirects and retries keep it. */
    public Request withCall(CallScope guard) {
        return guard == call ? this : new Request(method, url, headers, body, timeout, tls, proxies, guard);
    }

    /** Whether the method is idempotent (RFC 9110 section 9.2.2), so a failed send may be retried. */
    public boolean isIdempotent() {
        switch (method) {
            case "GET":
            case "HEAD":
            case "PUT":
            case "DELETE":
            case "OPTIONS":
            case "TRACE":
                return true;
            default:
                return false;
        }
    }

    /** A copy with another URL. */
    public Request withUrl(Url newUrl) {
        return new Request(method, newUrl, headers, body, timeout, tls, proxies, call);
    }

    /** A copy with other headers. */
    public Request withHeaders(Headers newHeaders) {
        return new Request(method, url, newHeaders, body, timeout, tls, proxies, call);
    }

    /** A copy with another method and body (as a redirect that turns POST into GET makes). */
    public Request withMethodAndBody(String newMethod, Body newBody) {
        return new Request(newMethod, url, headers, newBody, timeout, tls, proxies, call);
    }

    @Override
    public String toString() {
        return method + " " + url.withoutUserInfo();
    }
}
