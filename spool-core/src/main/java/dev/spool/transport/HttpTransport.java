package dev.spool.transport;

import dev.spool.CloseReason;
import dev.spool.EventListener;
import dev.spool.InvalidRequestException;
import dev.spool.PoolStats;
import dev.spool.Protocol;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Url;
import dev.spool.internal.connection.BodyStream;
import dev.spool.internal.connection.CallGuard;
import dev.spool.internal.connection.Connection;
import dev.spool.internal.connection.Connector;
import dev.spool.internal.connection.Exchange;
import dev.spool.internal.connection.Failures;
import dev.spool.internal.connection.ExchangeCodec;
import dev.spool.internal.connection.UnprocessedException;
import dev.spool.internal.http1.Http1Exception;
import dev.spool.internal.pool.ConnectionPool;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.pool.PoolListener;
import dev.spool.internal.pool.Pooled;
import dev.spool.proxy.ProxyConfig;
import dev.spool.proxy.ProxyUrl;
import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The default transport for {@code http://} and {@code https://}: HTTP/1.1 over keep-alive
 * connections pooled per origin (the equivalent of requests' {@code HTTPAdapter}). Thread-safe.
 * This is where I/O failures become Spool's exceptions, in one place.
 */
public final class HttpTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("dev.spool.transport");
    /** Where the end of a bodiless response is read into: nothing is ever written to it. */
    private static final byte[] SCRATCH = new byte[1];
    /** How often a request the server never processed (HTTP/2 GOAWAY, REFUSED_STREAM) is sent again. */
    static final int MAX_UNPROCESSED_RETRIES = 3;

    private final ConnectionPool<Connection> pool;
    private final Timeouts timeouts;
    private final TlsConfig tls;
    private final int readMillis;
    private final int expectContinueMillis;
    private volatile KeyMemo lastKey;
    private final ProxyConfig proxies;
    /** {@link EventListener#NONE} or a guarded listener. */
    private final EventListener listener;

    /** A transport with urllib3's default pool limits and Spool's default timeouts and TLS settings. */
    public HttpTransport() {
        this(PoolSettings.DEFAULT, Timeouts.DEFAULT, TlsConfig.DEFAULT);
    }

    /** A transport with these pool limits, timeouts and TLS settings. */
    public HttpTransport(PoolSettings pool, Timeouts timeouts, TlsConfig tls) {
        this(pool, timeouts, tls, ProxyConfig.NONE, EventListener.NONE);
    }

    /**
     * A transport with these pool limits, timeouts, TLS settings, proxies (for requests that carry none
     * of their own) and event listener.
     */
    public HttpTransport(PoolSettings pool, Timeouts timeouts, TlsConfig tls, ProxyConfig proxies,
                         EventListener listener) {
        this(pool, timeouts, tls, proxies, listener, java.util.EnumSet.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    }

    /**
     * A transport as {@link #HttpTransport(PoolSettings, Timeouts, TlsConfig, ProxyConfig, EventListener)}
     * speaking these protocols: HTTPS offers HTTP/2 by ALPN when {@link Protocol#HTTP_2} is among them,
     * and plain HTTP speaks it only with {@link Protocol#H2_PRIOR_KNOWLEDGE} (never by upgrade).
     */
    public HttpTransport(PoolSettings pool, Timeouts timeouts, TlsConfig tls, ProxyConfig proxies,
                         EventListener listener, java.util.Set<Protocol> protocols) {
        this(pool, timeouts, tls, proxies, listener, protocols, System::nanoTime);
    }

    /**
     * A transport as {@link #HttpTransport(PoolSettings, Timeouts, TlsConfig, ProxyConfig, EventListener, java.util.Set)}
     * whose pool reads time (idle deadlines, Keep-Alive timeouts) from {@code poolClock}, a
     * {@code System.nanoTime}-like source: tests pass a fake one to let connections expire without sleeping.
     */
    public HttpTransport(PoolSettings pool, Timeouts timeouts, TlsConfig tls, ProxyConfig proxies,
                         EventListener listener, java.util.Set<Protocol> protocols,
                         java.util.function.LongSupplier poolClock) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocol to speak: name at least one");
        }
        this.proxies = java.util.Objects.requireNonNull(proxies, "proxies");
        this.listener = EventListener.composite(java.util.Objects.requireNonNull(listener, "listener"));
        this.timeouts = timeouts;
        this.tls = tls;
        this.readMillis = (int) timeouts.read().toMillis();
        this.expectContinueMillis = (int) timeouts.expectContinue().toMillis();
        EventListener heard = this.listener;
        this.pool = new ConnectionPool<>(pool, new Connector(timeouts, protocols), poolClock,
                heard == EventListener.NONE ? PoolListener.NONE : heard::connectionClosed);
    }

    /**
     * Sends the request on a pooled connection and returns once the response head is read; the body
     * streams from the connection, which goes back to the pool when the body ends.
     */
    @Override
    public Response send(Request request) {
        Url url = request.httpUrl();
        boolean https;
        if (url.scheme().equals("http")) {
            https = false;
        } else if (url.scheme().equals("https")) {
            https = true;
        } else {
            throw new InvalidRequestException("HttpTransport speaks http and https, not " + url.scheme() + ": " + request);
        }
        TlsConfig tlsConfig = !https ? TlsConfig.DEFAULT : request.tls() != null ? request.tls() : tls;
        OriginKey key = keyFor(url, https, tlsConfig, request.proxies() != null ? request.proxies() : proxies);
        Duration t = request.timeout();
        int timeout = t == null ? readMillis : (int) Math.min(Integer.MAX_VALUE, Math.max(1, t.toMillis()));
        long start = System.nanoTime();
        Exchange ex = new Exchange(request, listener, start);
        CallGuard call = CallGuard.of(request); // null unless the call has a total deadline or can be cancelled
        boolean fresh = false;
        int unprocessed = 0;
        while (true) {
            Pooled<Connection> lease;
            ex.leaseStart(key);
            try {
                if (call != null) {
                    call.check(); // stopped between attempts (a retry's backoff, a redirect)
                }
                lease = pool.lease(key, fresh, !request.isIdempotent(), ex);
            } catch (IOException e) {
                throw Failures.connect(e, key, timeouts.connect(), call);
            }
            Connection c = lease.connection();
            boolean reused = lease.isReused();
            ExchangeCodec codec = c.newExchange();
            try {
                if (call != null) {
                    call.attach(codec); // from now on the call's deadline or cancel cancels this exchange
                }
                return exchange(lease, codec, request, timeout, start, ex);
            } catch (IOException | RuntimeException | Error e) {
                if (call != null) {
                    call.detach();
                }
                // A failed HTTP/2 exchange resets its stream; the connection serves the others.
                boolean keep = c.isMultiplexed() && codec.reusable();
                if (keep) {
                    codec.cancel();
                }
                ex.released(lease.number(), pool.release(lease, keep ? null : closeReason(e, reused, codec)));
                if (call != null && call.stopped()) {
                    throw Failures.stopped(call, key.host() + ":" + key.port(), e);
                }
                if (e instanceof UnprocessedException && unprocessed++ < MAX_UNPROCESSED_RETRIES
                        && (request.body() == null || request.body().isReplayable())) {
                    // The server never processed it (GOAWAY, REFUSED_STREAM): safe to send again
                    // whatever the method (RFC 9113 section 8.7), on another connection.
                    LOG.log(Level.DEBUG, "Retrying unprocessed {0} {1}: {2}", request.method(), url, e.getMessage());
                    continue;
                }
                boolean nothingReceived = !codec.receivedAnything();
                if ((reused || codec.serverWentAway()) && !fresh && nothingReceived && isStaleFailure(e)) {
                    // The classic keep-alive race: the server closed the idle connection while we
                    // were sending (or, on HTTP/2, said GOAWAY and then closed without answering,
                    // as Apache does to connections it accepted while restarting). Nothing of a
                    // response came back, so an idempotent request is safe to send again, once, on
                    // a new connection.
                    if (request.isIdempotent() && (request.body() == null || request.body().isReplayable())) {
                        LOG.log(Level.DEBUG, "Resetting dropped connection: {0}", key.host());
                        fresh = true;
                        continue;
                    }
                    throw reused ? Failures.droppedReused(lease.number(), key, request.method(), e)
                            : Failures.droppedAfterGoAway(lease.number(), key, request.method(), e);
                }
                if (e instanceof Http1Exception && nothingReceived) {
                    // An EOF before the first byte is the peer hanging up (requests' RemoteDisconnected),
                    // not a protocol violation.
                    throw Failures.noResponse(key, e);
                }
                if (e instanceof IOException) {
                    throw Failures.exchange((IOException) e, key, timeout, call);
                }
                if (e instanceof RuntimeException) {
                    throw (RuntimeException) e;
                }
                throw (Error) e;
            }
        }
    }

    /**
     * The pool key of a request: its origin when it goes direct; the proxy when an HTTP proxy forwards
     * it (plain HTTP: connections are shared per proxy, as urllib3's ProxyManager does); its origin and
     * the proxy for a CONNECT tunnel or SOCKS, so a tunnel serves one destination.
     */
    private static OriginKey originKey(Url url, boolean https, TlsConfig tlsConfig, ProxyConfig proxyConfig) {
        ProxyUrl proxy = proxyConfig.select(url);
        if (proxy == null) {
            return new OriginKey(url.scheme(), url.host(), url.port(), tlsConfig, null);
        }
        if (!https && !proxy.isSocks()) {
            return new OriginKey("http", proxy.host(), proxy.port(), TlsConfig.DEFAULT, proxy.toKey());
        }
        return new OriginKey(url.scheme(), url.host(), url.port(), tlsConfig, proxy.toKey());
    }

    private Response exchange(Pooled<Connection> lease, ExchangeCodec codec, Request request, int timeout, long start,
                              Exchange ex) throws IOException {
        Connection c = lease.connection();
        codec.start(request, timeout);
        boolean expectContinue = request.body() != null
                && "100-continue".equalsIgnoreCase(request.headers().get("Expect"));
        ex.writeStart();
        if (codec.writeRequestHead(request, expectContinue)) {
            // Expect: 100-continue (RFC 9110 section 10.1.1): send the body on 100, skip it on a final
            // status, and send it anyway if the server stays silent a while.
            if (codec.awaitContinue(Math.min(timeout, expectContinueMillis), ex)) {
                codec.writeRequestBody(request.body());
            }
        }
        ex.requestSent();
        codec.readResponseHead(ex);
        long headAt = System.nanoTime();
        ex.responseHeaders(codec.status());
        if (LOG.isLoggable(Level.DEBUG)) {
            long length = codec.contentLength();
            LOG.log(Level.DEBUG, c.key().origin() + " \"" + request.method() + " " + codec.requestTarget(request)
                    + ("h2".equals(codec.protocol()) ? " HTTP/2\" " : " HTTP/1.1\" ") + codec.status() + " " + (length < 0 ? "None" : Long.toString(length)));
        }
        lease.keepAliveHint(codec.keepAliveSeconds());
        Response.Builder rb = Response.builder()
                .request(request)
                .status(codec.status())
                .reason(codec.reason())
                .headers(codec.headers())
                .elapsedNanos(headAt - start)
                .connection(lease.isReused() ? c.info(lease.number(), true, codec.streamId())
                        : c.info(lease.number(), false, codec.streamId(), lease.openReason(), lease.openDetail()))
                .timings(ex);
        if (!codec.hasBody()) {
            while (codec.readBody(SCRATCH, 0, 1) >= 0) {
                // a bodiless response has nothing to read but its end
            }
            ex.bodyEnd(0);
            CallGuard call = CallGuard.of(request);
            boolean intact = call == null || call.detach(); // false: the call's guard fired and is closing it
            ex.released(lease.number(), pool.release(lease, !intact ? CloseReason.ERROR
                    : codec.reusable() ? null : codec.whyNotReusable()));
            return rb.build();
        }
        return rb.body(new BodyStream(lease, codec, pool, ex)).build();
    }

    /** The pool key for a URL; the last one is kept, since a session usually calls one URL again and again. */
    private OriginKey keyFor(Url url, boolean https, TlsConfig tlsConfig, ProxyConfig proxyConfig) {
        KeyMemo memo = lastKey;
        if (memo != null && memo.url == url && memo.tls == tlsConfig && memo.proxies == proxyConfig) {
            return memo.key;
        }
        OriginKey key = originKey(url, https, tlsConfig, proxyConfig);
        lastKey = new KeyMemo(url, tlsConfig, proxyConfig, key);
        return key;
    }

    /** A URL (by identity: sessions reuse parsed URLs), its TLS and proxy settings, and their pool key. */
    private static final class KeyMemo {
        final Url url;
        final TlsConfig tls;
        final ProxyConfig proxies;
        final OriginKey key;

        KeyMemo(Url url, TlsConfig tls, ProxyConfig proxies, OriginKey key) {
            this.url = url;
            this.tls = tls;
            this.proxies = proxies;
            this.key = key;
        }
    }

    /** Why a connection whose exchange failed with {@code e} is closed. */
    private static CloseReason closeReason(Throwable e, boolean reused, ExchangeCodec codec) {
        if (e instanceof UnprocessedException) {
            return CloseReason.GOAWAY;
        }
        return reused && !codec.receivedAnything() && isStaleFailure(e) ? CloseReason.SERVER_CLOSED : CloseReason.ERROR;
    }

    /** Whether a failure on a reused connection looks like the server having closed it while idle. */
    private static boolean isStaleFailure(Throwable e) {
        if (e instanceof SocketTimeoutException || e instanceof SSLException) {
            return false;
        }
        // Only called when no response byte arrived: an EOF (the codec's error) or a reset / broken pipe.
        return e instanceof IOException;
    }

    /** A snapshot of the pool. */
    public PoolStats poolStats() {
        return pool.stats();
    }

    /** Closes idle connections whose time is up now, instead of at the next lease. */
    public int evictExpired() {
        return pool.cleanup(System.nanoTime());
    }

    /** Closes idle connections now and leased ones when their responses are done. */
    @Override
    public void close() {
        pool.close();
    }
}
