package dev.spool;

import dev.spool.auth.Auth;
import dev.spool.cookies.CookieJar;
import dev.spool.cookies.MemoryCookieJar;
import dev.spool.internal.pipeline.Pipeline;
import dev.spool.redirect.Redirects;
import dev.spool.retry.Retry;
import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.ClientCertificate;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.HttpTransport;
import dev.spool.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A thread-safe HTTP session: default headers, mounted transports, and a pool whose keep-alive
 * connections are reused per origin, as a requests {@code Session} does through urllib3. Close it to
 * close its connections.
 */
public final class Session implements AutoCloseable {
    /** The library version, for {@code User-Agent}. */
    public static final String VERSION = Version.VERSION;

    private final HttpTransport http;
    private final MountTable mounts;
    /** The default headers and query parameters, and the merging of them into each request. */
    private final RequestAssembler defaults;
    private volatile boolean closed;
    private final CallRunner calls;
    private final CookieJar cookies;
    /** Where {@link RequestBuilder#sendAsync()} runs calls: the builder's executor, else the shared default. */
    private final Executor executor;

    /** A session with the defaults: pool of 10 origins × 10 connections, not blocking; 10 s connect, 60 s read. */
    public Session() {
        this(builder());
    }

    private Session(Builder b) {
        EnvironmentSettings env = EnvironmentSettings.resolve(b.tls, b.proxies, b.trustEnv, b.environment);
        TlsConfig tls = env.tls();
        ProxyConfig proxies = env.proxies();
        EventListener listener = GuardedListener.of(b.listener);
        this.http = new HttpTransport(b.transport.pool(), b.transport.timeouts(), tls, proxies, listener,
                b.transport.protocols);
        this.defaults = new RequestAssembler(b.headers.build(), b.params, tls, proxies);
        this.mounts = new MountTable(http, b.mounts);
        this.cookies = b.cookieJar != null ? b.cookieJar : new MemoryCookieJar();
        Pipeline pipeline = new Pipeline(mounts, cookies, b.auth, b.retry, b.hooks, b.maxRedirects, env.netrc());
        this.calls = new CallRunner(pipeline, b.maxBodySize, listener, b.callTimeout == null ? 0 : b.callTimeout.toNanos());
        this.executor = b.executor;
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
        mounts.mount(new Mount(prefix, transport));
    }

    /** Sets (or with a null value removes) a default header sent with every request. Thread-safe. */
    public void header(String name, String value) {
        defaults.header(name, value);
    }

    /**
     * Adds a default query parameter sent with every request (names may repeat), or with a null
     * value removes every default parameter of that name. A request's {@link RequestBuilder#param}
     * of the same name replaces the defaults of that name for that request. Thread-safe.
     */
    public void param(String name, String value) {
        defaults.param(name, value);
    }

    /** The default headers sent with every request. */
    public Headers headers() {
        return defaults.headers();
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
        mounts.closeAll();
    }

    // --- sending -------------------------------------------------------------------------------

    Response send(RequestBuilder rb) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return calls.send(assemble(rb), rb);
    }

    /** Starts a call on the session's executor; see {@link RequestBuilder#sendAsync()}. */
    CompletableFuture<Response> sendAsync(RequestBuilder rb) {
        return AsyncCall.start(this, calls, executor != null ? executor : AsyncExecutors.shared(), rb, closed);
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
        return calls.send(request);
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
        return defaults.assemble(rb);
    }

    /** Configures a {@link Session}; each setting has requests' or urllib3's default. */
    public static final class Builder {
        private final TransportSettings transport = new TransportSettings();
        private Duration callTimeout;
        private Executor executor;
        private TlsConfig tls = TlsConfig.DEFAULT;
        private final Headers.Builder headers = RequestAssembler.defaultHeaders();
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

        /** How many origin pools to keep, least recently used evicted (default 10). */
        public Builder poolConnections(int n) {
            transport.poolConnections = n;
            return this;
        }

        /** How many connections to keep per origin (default 10). */
        public Builder poolMaxSize(int n) {
            transport.poolMaxSize = n;
            return this;
        }

        /** Whether to cap connections per origin at {@code poolMaxSize} and wait for a free one (default false). */
        public Builder poolBlock(boolean block) {
            transport.poolBlock = block;
            return this;
        }

        /** How long to wait for a free connection when blocking (default 30 s). */
        public Builder poolTimeout(Duration timeout) {
            transport.poolTimeout = timeout;
            return this;
        }

        /** How long an idle connection is kept when the server names no Keep-Alive timeout (default 5 min). */
        public Builder maxIdle(Duration maxIdle) {
            transport.maxIdle = maxIdle;
            return this;
        }

        /** The TCP connect (and TLS handshake) timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            transport.connectTimeout = timeout;
            return this;
        }

        /** The read timeout: how long the server may stay silent (default 60 s). */
        public Builder readTimeout(Duration timeout) {
            transport.readTimeout = timeout;
            return this;
        }

        /**
         * The HTTP versions to speak. {@link Protocol#HTTP_2} offers {@code h2} to HTTPS servers by
         * ALPN (with {@link Protocol#HTTP_1_1} as the fallback when listed too); plain HTTP stays HTTP/1.1
         * unless {@link Protocol#H2_PRIOR_KNOWLEDGE} is listed, and never sends {@code Upgrade: h2c}.
         * Default: {@code HTTP_2, HTTP_1_1} (h2 where the server agrees by ALPN, else HTTP/1.1).
         *
         * @throws IllegalArgumentException when none is given
         */
        public Builder protocols(Protocol... protocols) {
            transport.protocols(protocols);
            return this;
        }

        /**
         * The total deadline of every call (default none), as {@link RequestBuilder#callTimeout(Duration)}
         * describes (a request's own replaces it); the connect, read and write timeouts still bound each step.
         *
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = TransportSettings.positiveOrNull("callTimeout", timeout);
            return this;
        }

        /**
         * Where {@link RequestBuilder#sendAsync()} runs calls (each call is the blocking send, run on one
         * of its threads). Default: a virtual thread per call on JDK 21 and later; on JDK 17 to 20, a pool of
         * at most 64 daemon threads shared by all sessions (further calls queue). The session does not
         * shut down an executor given here.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * How long a request sent with {@code Expect: 100-continue} waits for the server's
         * {@code 100 Continue} before sending its body anyway (default 1 s, as curl; never longer than
         * the read timeout).
         */
        public Builder expectContinueTimeout(Duration timeout) {
            transport.expectContinueTimeout = timeout;
            return this;
        }

        /** Whether to verify HTTPS certificates (default true); false logs a WARNING per origin. */
        public Builder verify(boolean verify) {
            this.tls = tls.withVerify(verify);
            return this;
        }

        /**
         * Trusts the CA certificates of a PEM file instead of the JVM's trust store
         * ({@code -Djavax.net.ssl.trustStore}, else the JDK's) and the environment's CA variables.
         */
        public Builder caBundle(Path pemFile) {
            this.tls = tls.withCaBundle(pemFile);
            return this;
        }

        /**
         * Trusts the CA certificates in the PEM files of a directory (as OpenSSL's {@code CApath},
         * e.g. {@code /etc/ssl/certs}) instead of the JVM's trust store and the environment's; with {@link #caBundle} too, both.
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
         * {@code CURL_CA_BUNDLE}, {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} when no CA was given
         * and the JVM was not started with {@code -Djavax.net.ssl.trustStore} (which wins, as in Java),
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

        /** Builds the session. */
        public Session build() {
            transport.pool(); // validates before anything is opened
            return new Session(this);
        }
    }
}
