package dev.spool;

import dev.spool.auth.Auth;
import dev.spool.cookies.CookieJar;
import dev.spool.cookies.MemoryCookieJar;
import dev.spool.internal.pipeline.Pipeline;
import dev.spool.internal.pipeline.Stage;
import dev.spool.redirect.Redirects;
import dev.spool.retry.Retry;
import dev.spool.internal.auth.Netrc;
import dev.spool.internal.tls.TlsEnvironment;
import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.ClientCertificate;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.HttpTransport;
import dev.spool.transport.PoolSettings;
import dev.spool.transport.Timeouts;
import dev.spool.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe HTTP session: default headers, mounted transports, and a pool whose keep-alive
 * connections are reused per origin, as a requests {@code Session} does through urllib3. Close it to
 * close its connections.
 */
public final class Session implements AutoCloseable {
    /** The library version, for {@code User-Agent}. */
    public static final String VERSION = Version.VERSION;

    private final HttpTransport http;
    private final ReentrantLock lock = new ReentrantLock();
    /** Mounts, longest prefix first; replaced whole under {@link #lock}, read without it. */
    private volatile Mount[] mounts;
    private volatile Headers headers;
    /** Default query parameters as name/value pairs; replaced whole under {@link #lock}. */
    private volatile List<String[]> params;
    /** The most bytes a response body held in memory may have after decoding. */
    private final long maxBodySize;
    private volatile boolean closed;
    /** The last URL parsed, by its source text: repeated calls to one URL skip parsing (and its garbage). */
    private volatile ParsedUrl lastUrl;
    /** The send pipeline: policy stages, then the transport (DESIGN section 3). */
    private final Pipeline pipeline;
    private final CookieJar cookies;
    /** {@link EventListener#NONE} or the guarded listener; compared by identity so no listener costs nothing. */
    private final EventListener listener;
    /** The session's TLS settings, the environment's CA settings applied when it is trusted. */
    private final TlsConfig tls;
    /** The session's proxies, the environment's included when it is trusted. */
    private final ProxyConfig proxies;

    /** A session with the defaults: pool of 10 origins × 10 connections, not blocking; 10 s connect, 60 s read. */
    public Session() {
        this(builder());
    }

    private Session(Builder b) {
        Map<String, String> env = b.environment != null ? b.environment : System.getenv();
        this.tls = b.trustEnv ? TlsEnvironment.apply(b.tls, env) : b.tls;
        ProxyConfig explicit = ProxyConfig.of(b.proxies);
        this.proxies = b.trustEnv ? explicit.withEnvironment(env) : explicit;
        this.listener = GuardedListener.of(b.listener);
        this.http = new HttpTransport(b.pool(), new Timeouts(b.connectTimeout, b.readTimeout), tls, proxies, listener);
        this.headers = b.headers.build();
        this.params = b.params;
        this.maxBodySize = b.maxBodySize;
        List<Mount> list = new ArrayList<>();
        list.add(new Mount("http://", http));
        list.add(new Mount("https://", http));
        for (Mount m : b.mounts) {
            list.removeIf(x -> x.prefix.equals(m.prefix));
            list.add(m);
        }
        this.mounts = sorted(list);
        Stage transport = (request, chain) -> transportFor(request.httpUrl()).send(request);
        this.cookies = b.cookieJar != null ? b.cookieJar : new MemoryCookieJar();
        this.pipeline = new Pipeline(transport, cookies, b.auth, b.retry, b.hooks, b.maxRedirects,
                b.trustEnv ? Netrc.fromEnvironment(env, b.environment == null) : null);
    }

    /** A builder for a session with other pool limits, timeouts, TLS settings or default headers. */
    public static Builder builder() {
        return new Builder();
    }

    // --- the requests-style verbs --------------------------------------------------------------

    /** Sends a GET. */
    public Response get(String url) {
        return request("GET", url).send();
    }

    /** Sends a HEAD (redirects are not followed, as in requests). */
    public Response head(String url) {
        return request("HEAD", url).send();
    }

    /** Sends a DELETE. */
    public Response delete(String url) {
        return request("DELETE", url).send();
    }

    /** Sends an OPTIONS. */
    public Response options(String url) {
        return request("OPTIONS", url).send();
    }

    /** Sends a POST with a body (may be null). */
    public Response post(String url, Body body) {
        return request("POST", url).body(body).send();
    }

    /** Sends a PUT with a body (may be null). */
    public Response put(String url, Body body) {
        return request("PUT", url).body(body).send();
    }

    /** Sends a PATCH with a body (may be null). */
    public Response patch(String url, Body body) {
        return request("PATCH", url).body(body).send();
    }

    /** Starts a request with any method; finish it with {@link RequestBuilder#send()}. */
    public RequestBuilder request(String method, String url) {
        return new RequestBuilder(this, method, url);
    }

    // --- configuration that may change while the session is in use ----------------------------

    /**
     * Mounts a transport on a URL prefix (case-insensitive); the longest matching prefix wins. Safe
     * to call while other threads send requests.
     */
    public void mount(String prefix, Transport transport) {
        Objects.requireNonNull(transport, "transport");
        Mount m = new Mount(prefix, transport);
        lock.lock();
        try {
            List<Mount> list = new ArrayList<>(List.of(mounts));
            list.removeIf(x -> x.prefix.equals(m.prefix));
            list.add(m);
            mounts = sorted(list);
        } finally {
            lock.unlock();
        }
    }

    /** Sets (or with a null value removes) a default header sent with every request. Thread-safe. */
    public void header(String name, String value) {
        Headers.checkName(name);
        if (value != null) {
            Headers.checkValue(name, value);
        }
        lock.lock();
        try {
            headers = headers.with(name, value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a default query parameter sent with every request (names may repeat), or with a null
     * value removes every default parameter of that name. A request's {@link RequestBuilder#param}
     * of the same name replaces the defaults of that name for that request. Thread-safe.
     */
    public void param(String name, String value) {
        lock.lock();
        try {
            params = QueryParams.with(params, name, value);
        } finally {
            lock.unlock();
        }
    }

    /** The default headers sent with every request. */
    public Headers headers() {
        return headers;
    }

    /** A snapshot of the default HTTP transport's pool. */
    public PoolStats poolStats() {
        return http.poolStats();
    }

    /**
     * Closes the session's transports: idle connections now, leased ones when their responses are
     * done. Requests sent afterwards fail.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Mount[] ms = mounts;
        List<Transport> done = new ArrayList<>();
        for (Mount m : ms) {
            if (done.stream().noneMatch(t -> t == m.transport)) {
                done.add(m.transport);
                m.transport.close();
            }
        }
    }

    // --- sending -------------------------------------------------------------------------------

    Response send(RequestBuilder rb) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        Request request = assemble(rb);
        EventListener l = listener;
        if (l != EventListener.NONE) {
            l.callStart(request);
        }
        Response done;
        try {
            Response response = pipeline.send(request, rb.isStream(), rb.followRedirects(), rb.overrides());
            response.limitBody(maxBodySize);
            done = rb.isStream() ? response.watchLeaks() : response.load();
        } catch (RuntimeException e) {
            if (l != EventListener.NONE) {
                l.callFailed(request, e);
            }
            throw e;
        }
        if (l != EventListener.NONE) {
            // A buffered body has ended already; a streamed one reports the end of the call when it ends.
            done.whenBodyDone(() -> l.callEnd(request, done));
        }
        return done;
    }

    /**
     * Sends an already assembled request (such as {@link Response#nextRequest()}) through this
     * session's pipeline: its cookie jar, auth, retry policy and hooks apply; its default headers are
     * not merged in again. Redirects are followed unless the method is HEAD; the body is read
     * before this returns.
     */
    public Response send(Request request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return pipeline.send(request, false, !request.method().equals("HEAD"), null).limitBody(maxBodySize).load();
    }

    /**
     * The session's cookie jar (requests' {@code session.cookies}): what servers set is kept here and
     * sent back where RFC 6265 says. Thread-safe.
     */
    public CookieJar cookies() {
        return cookies;
    }

    /** Merges session defaults with the builder: the one place a request is assembled. */
    Request assemble(RequestBuilder rb) {
        Url url = QueryParams.apply(parse(rb.url()), params, rb.paramList());
        Headers base = headers;
        Headers merged;
        if (rb.headerList().isEmpty()) {
            merged = base;
        } else {
            Headers.Builder hb = base.toBuilder();
            for (String[] h : rb.headerList()) {
                hb.removeAll(h[0]);
            }
            for (String[] h : rb.headerList()) {
                if (h[1] != null) {
                    hb.add(h[0], h[1]);
                }
            }
            merged = hb.build();
        }
        return new Request(rb.method(), url, merged, rb.body(), rb.timeout(), rb.effectiveTls(tls),
                rb.proxyMap() == null ? null : proxies.with(rb.proxyMap()));
    }

    private Url parse(String text) {
        ParsedUrl last = lastUrl;
        if (last != null && last.text.equals(text)) {
            return last.url;
        }
        Url url = Url.parse(text);
        lastUrl = new ParsedUrl(text, url);
        return url;
    }

    /** A URL's source text and its parse (Url is immutable, so sharing it between threads is safe). */
    private static final class ParsedUrl {
        final String text;
        final Url url;

        ParsedUrl(String text, Url url) {
            this.text = text;
            this.url = url;
        }
    }

    private Transport transportFor(Url url) {
        String s = url.toString();
        for (Mount m : mounts) {
            if (s.regionMatches(true, 0, m.prefix, 0, m.prefix.length())) {
                return m.transport;
            }
        }
        throw new InvalidRequestException("no transport is mounted for " + url.withoutUserInfo()
                + " (mounted: " + String.join(", ", prefixes()) + ")");
    }

    private List<String> prefixes() {
        List<String> out = new ArrayList<>();
        for (Mount m : mounts) {
            out.add(m.prefix);
        }
        return out;
    }

    private static Mount[] sorted(List<Mount> list) {
        list.sort(Comparator.comparingInt((Mount m) -> m.prefix.length()).reversed());
        return list.toArray(new Mount[0]);
    }

    private static final class Mount {
        final String prefix;
        final Transport transport;

        Mount(String prefix, Transport transport) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("mount prefix must not be empty");
            }
            this.prefix = prefix.toLowerCase(Locale.ROOT);
            this.transport = transport;
        }
    }

    /** Configures a {@link Session}; each setting has requests' or urllib3's default. */
    public static final class Builder {
        private int poolConnections = PoolSettings.DEFAULT.connections();
        private int poolMaxSize = PoolSettings.DEFAULT.maxSize();
        private boolean poolBlock = PoolSettings.DEFAULT.block();
        private Duration poolTimeout = PoolSettings.DEFAULT.timeout();
        private Duration maxIdle = PoolSettings.DEFAULT.maxIdle();
        private Duration connectTimeout = Timeouts.DEFAULT.connect();
        private Duration readTimeout = Timeouts.DEFAULT.read();
        private TlsConfig tls = TlsConfig.DEFAULT;
        private final Headers.Builder headers = defaultHeaders();
        private final List<Mount> mounts = new ArrayList<>();
        private CookieJar cookieJar;
        private Auth auth;
        private Retry retry;
        private final List<ResponseHook> hooks = new ArrayList<>();
        private int maxRedirects = Redirects.DEFAULT_MAX_REDIRECTS;
        private List<String[]> params = List.of();
        private long maxBodySize = BodyReader.DEFAULT_MAX_BODY_SIZE;
        private EventListener listener = EventListener.NONE;
        private final Map<String, String> proxies = new LinkedHashMap<>();
        private boolean trustEnv = true;
        private Map<String, String> environment;

        private Builder() {
        }

        private static Headers.Builder defaultHeaders() {
            return Headers.builder()
                    .add("User-Agent", "spool/" + Version.VERSION)
                    .add("Accept-Encoding", Decoding.ACCEPT_ENCODING)
                    .add("Accept", "*/*")
                    .add("Connection", "keep-alive");
        }

        /** How many origin pools to keep, least recently used evicted (default 10). */
        public Builder poolConnections(int n) {
            this.poolConnections = n;
            return this;
        }

        /** How many connections to keep per origin (default 10). */
        public Builder poolMaxSize(int n) {
            this.poolMaxSize = n;
            return this;
        }

        /** Whether to cap connections per origin at {@code poolMaxSize} and wait for a free one (default false). */
        public Builder poolBlock(boolean block) {
            this.poolBlock = block;
            return this;
        }

        /** How long to wait for a free connection when blocking (default 30 s). */
        public Builder poolTimeout(Duration timeout) {
            this.poolTimeout = timeout;
            return this;
        }

        /** How long an idle connection is kept when the server names no Keep-Alive timeout (default 5 min). */
        public Builder maxIdle(Duration maxIdle) {
            this.maxIdle = maxIdle;
            return this;
        }

        /** The TCP connect (and TLS handshake) timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The read timeout: how long the server may stay silent (default 60 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Whether to verify HTTPS certificates (default true); false logs a WARNING per origin. */
        public Builder verify(boolean verify) {
            this.tls = tls.withVerify(verify);
            return this;
        }

        /** Trusts the CA certificates of a PEM file instead of the JDK's trust store. */
        public Builder caBundle(Path pemFile) {
            this.tls = tls.withCaBundle(pemFile);
            return this;
        }

        /**
         * Trusts the CA certificates in the PEM files of a directory (as OpenSSL's {@code CApath},
         * e.g. {@code /etc/ssl/certs}) instead of the JDK's trust store; with {@link #caBundle} too, both.
         */
        public Builder caDirectory(Path directory) {
            this.tls = tls.withCaDirectory(directory);
            return this;
        }

        /**
         * Presents a client certificate to servers that ask for one: a PEM certificate chain and its
         * unencrypted PKCS#8 PEM key (the same file twice when it holds both), as requests'
         * {@code cert=(cert, key)}.
         */
        public Builder clientCert(Path certificatePem, Path keyPem) {
            return clientCert(ClientCertificate.pem(certificatePem, keyPem));
        }

        /** Presents the key and certificate of a PKCS#12 file ({@code .p12}, {@code .pfx}) to servers that ask for one. */
        public Builder clientCertPkcs12(Path file, String password) {
            return clientCert(ClientCertificate.pkcs12(file, password));
        }

        /** Presents this client certificate (null for none) to servers that ask for one. */
        public Builder clientCert(ClientCertificate certificate) {
            this.tls = tls.withClientCertificate(certificate);
            return this;
        }

        /**
         * Sends every request through this proxy ({@code http://user:pass@host:port}, {@code socks5://host:1080},
         * {@code socks5h://...}), whatever its scheme: requests' {@code proxies={"all": url}}. HTTP requests
         * are forwarded by an HTTP proxy; HTTPS ones go through a CONNECT tunnel.
         */
        public Builder proxy(String proxyUrl) {
            return proxies(Map.of("all", Objects.requireNonNull(proxyUrl, "proxyUrl")));
        }

        /**
         * Proxies by URL scheme, as requests' {@code proxies} dict: keys {@code http}, {@code https},
         * {@code all}, {@code scheme://host}, and {@code no_proxy} (a NO_PROXY-style list); an empty
         * value means "direct". Explicit proxies win over the environment's.
         *
         * @throws InvalidRequestException for an unknown key or a malformed proxy URL
         */
        public Builder proxies(Map<String, String> proxies) {
            ProxyConfig.of(proxies); // checked now, so the error points here
            this.proxies.putAll(proxies);
            return this;
        }

        /**
         * Whether to read settings from the environment (default true, as requests' {@code trust_env}):
         * proxies from {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and {@code NO_PROXY}
         * (lowercase names winning), and CA certificates from {@code REQUESTS_CA_BUNDLE},
         * {@code CURL_CA_BUNDLE}, {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} when no CA was given,
         * and Basic credentials from the netrc file ({@code NETRC}, else {@code ~/.netrc}, else
         * {@code ~/_netrc}) for a request with no auth of its own, the session's or in its URL, and for
         * each redirect to another origin. The environment and the netrc file are read once, when the
         * session is built; a netrc file that is not valid netrc syntax fails the build, naming the file
         * and line.
         */
        public Builder trustEnv(boolean trust) {
            this.trustEnv = trust;
            return this;
        }

        /**
         * The environment to read when {@link #trustEnv} is on, instead of {@code System.getenv()}: for
         * tests, or to pin settings without touching the process's variables.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * The listener that hears every call's events (see {@link EventListener} for their order); one
         * per session, combine several with {@link EventListener#composite}. Default: none, at no cost.
         */
        public Builder eventListener(EventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The TLS configuration. */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Sets a default header (a null value removes one of the built-in defaults). */
        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /**
         * Adds a default query parameter sent with every request (names may repeat), or with a null
         * value removes the defaults of that name; see {@link Session#param(String, String)}.
         */
        public Builder param(String name, String value) {
            params = QueryParams.with(params, name, value);
            return this;
        }

        /**
         * The most bytes a response body may have, after decoding, to be held in memory by
         * {@link Response#bytes()}, {@code text()} and {@code json()} (and the longest line
         * {@link Response#lines()} reads). Beyond it they throw {@link BodyTooLargeException} and the
         * connection is closed, so a small compressed body (a "gzip bomb") cannot exhaust memory.
         * Default: 1 GiB, or a quarter of the maximum heap when that is less. Streaming with
         * {@code stream(true)} and {@link Response#inputStream()} is not limited. At most
         * {@code Integer.MAX_VALUE - 8}, the largest Java array.
         */
        public Builder maxBodySize(long bytes) {
            if (bytes < 1 || bytes > BodyReader.MAX_ARRAY) {
                throw new IllegalArgumentException("maxBodySize must be between 1 and " + BodyReader.MAX_ARRAY
                        + " bytes (the largest Java array), got " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /** Mounts a transport on a URL prefix. */
        public Builder mount(String prefix, Transport transport) {
            Objects.requireNonNull(transport, "transport");
            mounts.add(new Mount(prefix, transport));
            return this;
        }

        /** The cookie jar (default: a new {@link MemoryCookieJar}, RFC 6265 in memory). */
        public Builder cookieJar(CookieJar jar) {
            this.cookieJar = Objects.requireNonNull(jar, "cookie jar");
            return this;
        }

        /**
         * Authentication for every request (a request's own {@code auth} wins); applied only to the
         * origin a request is addressed to, never after a redirect to another one.
         */
        public Builder auth(Auth auth) {
            this.auth = auth;
            return this;
        }

        /** The retry policy for every request (default none, as requests' {@code max_retries=0}). */
        public Builder retry(Retry retry) {
            this.retry = retry;
            return this;
        }

        /** Adds a response hook run on every response, redirects included (a request's own hooks replace these). */
        public Builder hook(ResponseHook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** How many redirects a request follows before {@link TooManyRedirectsException} (default 30, as requests). */
        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects must be 0 or more, got " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        PoolSettings pool() {
            return new PoolSettings(poolConnections, poolMaxSize, poolBlock, poolTimeout, maxIdle);
        }

        /** Builds the session. */
        public Session build() {
            pool(); // validates before anything is opened
            return new Session(this);
        }
    }
}
