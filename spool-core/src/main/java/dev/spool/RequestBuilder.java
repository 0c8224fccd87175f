package dev.spool;

import dev.spool.auth.Auth;
import dev.spool.cookies.Cookie;
import dev.spool.internal.pipeline.CallOverrides;
import dev.spool.retry.Retry;
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
    private List<String[]> headers = List.of(); // replaced by an ArrayList on first add: the plain GET allocates none
    private List<String[]> params = List.of();
    private Body body;
    private Duration timeout;
    /** This request's total deadline in nanoseconds, -1 for the session's. */
    private long callTimeoutNanos = -1;
    private boolean callTimeoutCoversBody = true;
    private boolean stream;
    private Boolean allowRedirects;
    private boolean oneShot;
    private TlsConfig tls;
    private Auth auth;
    private Retry retry;
    private List<ResponseHook> hooks;
    private List<String[]> cookies;
    private Integer maxRedirects;
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
        if (headers.isEmpty()) {
            headers = new ArrayList<>(4);
        }
        headers.add(new String[] {name, value});
        return this;
    }

    /**
     * Adds a query parameter (names may repeat), appended after the URL's own query and the
     * session's default parameters, form-encoded as UTF-8 ({@code a b&c} becomes {@code a+b%26c}).
     * It replaces the session's default parameters of the same name; a null value only removes them.
     */
    public RequestBuilder param(String name, String value) {
        Objects.requireNonNull(name, "param name");
        if (params.isEmpty()) {
            params = new ArrayList<>(2);
        }
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
     * The total deadline of this call, replacing the session's {@link Session.Builder#callTimeout(Duration)}:
     * the pool wait, DNS, connect, TLS, writing, the response head and, for a buffered response, the body,
     * through every retry and redirect; a streamed response's body until it is closed (see
     * {@link #callTimeoutCoversBody(boolean)}). Past it the call is aborted where it stands and throws
     * {@link CallTimeoutException} naming the phase.
     *
     * @throws InvalidRequestException when it is zero or negative
     */
    public RequestBuilder callTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "callTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRequestException("callTimeout must be positive, got " + timeout);
        }
        this.callTimeoutNanos = timeout.toNanos();
        return this;
    }

    /**
     * With {@code false}, the call timeout of a streamed response ({@code stream(true)}) stops once its
     * head has arrived, so its body may be read for as long as it takes (each read still bounded by the
     * read timeout). Default true: the deadline runs until the streamed body is read or closed.
     */
    public RequestBuilder callTimeoutCoversBody(boolean covers) {
        this.callTimeoutCoversBody = covers;
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

    /** Authentication for this request, instead of the session's (and of any {@code user:password@} in the URL). */
    public RequestBuilder auth(Auth auth) {
        this.auth = auth;
        return this;
    }

    /** The retry policy for this request, instead of the session's ({@code Retry.of(0)} for no retries). */
    public RequestBuilder retry(Retry retry) {
        this.retry = retry;
        return this;
    }

    /** Adds a response hook for this request; a request's hooks replace the session's (as in requests). */
    public RequestBuilder hook(ResponseHook hook) {
        Objects.requireNonNull(hook, "hook");
        if (hooks == null) {
            hooks = new ArrayList<>(2);
        }
        hooks.add(hook);
        return this;
    }

    /**
     * Adds a cookie for this request only: sent with the session's cookies (replacing one of the same
     * name) but not stored in the jar, and not sent after a redirect to another origin.
     *
     * @throws InvalidRequestException when the name is not a token or the value has a character a cookie cannot hold
     */
    public RequestBuilder cookie(String name, String value) {
        try {
            Cookie.builder(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        if (cookies == null) {
            cookies = new ArrayList<>(2);
        }
        cookies.add(new String[] {name, value});
        return this;
    }

    /** How many redirects this request follows before {@link TooManyRedirectsException} (default: the session's, 30). */
    public RequestBuilder maxRedirects(int max) {
        if (max < 0) {
            throw new InvalidRequestException("maxRedirects must be 0 or more, got " + max);
        }
        this.maxRedirects = max;
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

    /**
     * Sends the request on the session's {@link Session.Builder#executor(java.util.concurrent.Executor) executor}
     * and returns at once. The request is assembled now (an invalid one fails the future); the call
     * itself is the blocking {@link #send()}, run on an executor thread, which also completes the future,
     * so dependent stages ({@code thenApply}...) without an executor of their own run there, after the
     * I/O is done. {@code future.cancel(true)} aborts the call wherever it is (pool wait, connect, TLS,
     * writing, reading): a connection mid-exchange is closed and the pool stays consistent; a response
     * that arrives after the cancel is closed. A failure completes the future with Spool's exception
     * (a {@link CallTimeoutException} when the call timeout passed).
     */
    public java.util.concurrent.CompletableFuture<Response> sendAsync() {
        return session.sendAsync(this);
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

    long callTimeoutNanos() {
        return callTimeoutNanos;
    }

    boolean callTimeoutCoversBody() {
        return callTimeoutCoversBody;
    }

    boolean isOneShot() {
        return oneShot;
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

    /** This request's own pipeline settings, or null when it has none (the session's plain path). */
    CallOverrides overrides() {
        if (auth == null && retry == null && hooks == null && cookies == null && maxRedirects == null) {
            return null;
        }
        return new CallOverrides(auth, retry, hooks == null ? null : List.copyOf(hooks),
                cookies == null ? List.of() : List.copyOf(cookies), maxRedirects);
    }

    boolean followRedirects() {
        return allowRedirects != null ? allowRedirects : !method.equals("HEAD");
    }
}
