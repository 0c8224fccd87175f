package dev.spool.internal.connection;

import dev.spool.ConnectTimeoutException;
import dev.spool.ProxyException;
import dev.spool.internal.IoFailure;
import dev.spool.internal.pool.LeaseTrace;
import dev.spool.internal.pool.Opener;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.tls.JvmStores;
import dev.spool.internal.tls.SslContexts;
import dev.spool.internal.tls.TrustSource;
import dev.spool.proxy.ProxyUrl;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.Timeouts;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections: DNS, TCP (each resolved address in turn within the connect timeout), the proxy
 * step when the pool key names a proxy (nothing for plain HTTP forwarded by an HTTP proxy, a CONNECT
 * tunnel for HTTPS through one, a SOCKS5 handshake), then the TLS handshake with host-name verification
 * and SNI. Failures surface as {@link IOException}s that the transport translates in one place; those
 * about a proxy arrive already translated, as {@link IoFailure}s carrying a {@link ProxyException}.
 */
public final class Connector implements Opener<Connection> {
    private static final System.Logger LOG = System.getLogger("dev.spool.connection");
    /** The name of the value Spool puts on a TLS session its connection used, so a later handshake can tell it resumed. */
    static final String USED_MARK = "dev.spool.tls.used";

    private final Timeouts timeouts;
    /** ALPN identifiers offered to HTTPS servers, most preferred first. */
    private final String[] alpn;
    /** Whether plain HTTP speaks HTTP/2 with prior knowledge (h2c). */
    private final boolean h2c;
    private final Set<String> warnedInsecure = ConcurrentHashMap.newKeySet();
    /** The TLS settings whose trust source this session has logged (once each, at its first handshake with them). */
    private final Set<TlsConfig> trustLogged = ConcurrentHashMap.newKeySet();

    /**
     * Creates a connector using these timeouts and protocols: HTTPS offers {@code h2} by ALPN when
     * HTTP/2 is among them; plain HTTP speaks HTTP/2 only with prior knowledge, never by upgrade.
     */
    public Connector(Timeouts timeouts, java.util.Set<dev.spool.Protocol> protocols) {
        this.timeouts = timeouts;
        boolean h2 = protocols.contains(dev.spool.Protocol.HTTP_2);
        boolean h1 = protocols.contains(dev.spool.Protocol.HTTP_1_1);
        // HTTP/1.1 alone is offered by name too, as curl does: some servers (Node's http2 with
        // allowHTTP1) wait for a client that names no protocol.
        this.alpn = h2 && h1 ? new String[] {"h2", "http/1.1"} : h2 ? new String[] {"h2"} : new String[] {"http/1.1"};
        this.h2c = protocols.contains(dev.spool.Protocol.H2_PRIOR_KNOWLEDGE);
    }

    @Override
    public boolean mayMultiplex(OriginKey key) {
        boolean forwarded = key.proxy() != null && !key.isHttps() && !ProxyUrl.parse(key.proxy()).isSocks();
        return !forwarded && (key.isHttps() ? alpn[0].equals("h2") : h2c);
    }

    /** What speaks the protocol over a new connection: HTTP/2 when negotiated or known, else HTTP/1.1. */
    private Connection.CarrierFactory carrier(boolean http2) {
        if (!http2) {
            return Http1ExchangeCodec::new;
        }
        int millis = (int) timeouts.read().toMillis();
        int pingMillis = (int) timeouts.connect().toMillis();
        return c -> new Http2Connection(c, millis, pingMillis);
    }

    @Override
    public Connection open(OriginKey key, int number) throws IOException {
        return open(key, number, LeaseTrace.NONE);
    }

    @Override
    public Connection open(OriginKey key, int number, LeaseTrace trace) throws IOException {
        // Wall-clock start, to tell a resumed TLS session (created before this) from a new one.
        long startedMillis = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeouts.connect().toNanos();
        ProxyUrl proxy = key.proxy() == null ? null : ProxyUrl.parse(key.proxy());
        InetAddress destination = null;
        if (proxy != null && proxy.isSocks() && !proxy.resolvesRemotely()) {
            // socks5: the client resolves the destination and hands the proxy an address.
            destination = resolve(key.host(), trace, null, key)[0];
        }
        String host = proxy == null ? key.host() : proxy.host();
        int port = proxy == null ? key.port() : proxy.port();
        InetAddress[] addresses = resolve(host, trace, proxy, key);
        IOException last = null;
        for (InetAddress address : addresses) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            InetSocketAddress remote = new InetSocketAddress(address, port);
            SocketChannel ch = SocketChannel.open();
            try {
                trace.opening(ch); // the call's deadline or cancel may close it too
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
            // One deadline for TCP, the proxy's handshake and TLS: a server that accepts and then says
            // nothing must not hold the caller longer than connectTimeout. Passing it closes the channel.
            Watchdog.Operation opening = new Watchdog.Operation() {
                @Override
                void timedOut() {
                    closeQuietly(ch);
                }
            };
            opening.enter(left);
            try {
                Connection c = connect(key, ch, remote, proxy, destination, startedMillis, trace);
                if (opening.exit()) {
                    c.closeQuietly(); // the deadline passed as the handshake finished
                    throw TimedOut.connect(null);
                }
                opening.forget();
                return c;
            } catch (IOException | RuntimeException e) {
                boolean late = opening.exit() || e instanceof SocketTimeoutException;
                opening.forget();
                closeQuietly(ch);
                if (late) {
                    throw proxy != null ? proxyTimeout(proxy, key, TimedOut.connect(asIo(e)))
                            : e instanceof SocketTimeoutException ? (SocketTimeoutException) e : TimedOut.connect(asIo(e));
                }
                if (e instanceof IoFailure || e instanceof javax.net.ssl.SSLException) {
                    throw (IOException) e; // about the server or the proxy, not this address
                }
                if (e instanceof RuntimeException) {
                    throw (RuntimeException) e;
                }
                last = proxy != null && e instanceof UnreachableProxy
                        ? proxyUnreachable(proxy, key, (IOException) e.getCause()) : (IOException) e;
            }
        }
        if (last != null) {
            throw last;
        }
        throw proxy != null ? proxyTimeout(proxy, key, TimedOut.connect(null)) : TimedOut.connect(null);
    }

    /** One address: TCP, then the proxy's step when there is one, then TLS; all under the caller's deadline. */
    private Connection connect(OriginKey key, SocketChannel ch, InetSocketAddress remote, ProxyUrl proxy,
                               InetAddress destination, long startedMillis, LeaseTrace trace) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        trace.connectStart(remote);
        try {
            ch.connect(remote);
        } catch (IOException e) {
            throw proxy != null ? new UnreachableProxy(e) : e;
        }
        String forwardAuthorization = null;
        if (proxy != null) {
            Socket s = ch.socket();
            if (proxy.isSocks()) {
                Socks5.connect(s.getInputStream(), s.getOutputStream(), proxy, key.host(), key.port(), destination);
            } else if (key.isHttps()) {
                HttpTunnel.open(s.getInputStream(), s.getOutputStream(), proxy, authority(key));
            } else {
                forwardAuthorization = proxy.basicAuthorization();
            }
        }
        trace.connectEnd(remote);
        return handshake(key, ch, startedMillis, trace, proxy, forwardAuthorization);
    }

    private static IOException asIo(Throwable e) {
        return e instanceof IOException ? (IOException) e : new IOException(e);
    }

    /** A TCP connect to a proxy that failed: reported as the proxy's failure once the watchdog rules out a timeout. */
    private static final class UnreachableProxy extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableProxy(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Resolves a name, telling the trace; a proxy's name that does not resolve is the proxy's failure. */
    private static InetAddress[] resolve(String host, LeaseTrace trace, ProxyUrl proxy, OriginKey key) throws IOException {
        trace.dnsStart(host);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (proxy != null) {
                throw new IoFailure(new ProxyException("cannot connect to proxy " + proxy.origin() + " (name not resolved)"
                        + forWhat(key), proxy.origin(), destination(key), -1, e));
            }
            throw e;
        }
        trace.dnsEnd(host, addresses);
        return addresses;
    }

    private Connection handshake(OriginKey key, SocketChannel ch, long startedMillis, LeaseTrace trace,
                                 ProxyUrl proxy, String forwardAuthorization) throws IOException {
        String proxyOrigin = proxy == null ? null : proxy.origin();
        if (!key.isHttps()) {
            boolean forwarded = proxy != null && !proxy.isSocks();
            return new Connection(key, ch, ch.socket(), false, proxyOrigin, forwarded, forwardAuthorization,
                    carrier(h2c && !forwarded));
        }
        if (!key.tls().verify() && warnedInsecure.add(key.origin())) {
            LOG.log(Level.WARNING, "Unverified HTTPS request is being made to host '" + key.host()
                    + "'. Certificate verification is off (verify=false): anyone on the path can read and change this traffic.");
        }
        Socket plain = ch.socket();
        JvmStores jvm = JvmStores.current();
        if (LOG.isLoggable(Level.DEBUG) && trustLogged.add(key.tls())) {
            LOG.log(Level.DEBUG, "TLS trust: " + TrustSource.of(key.tls(), jvm).description());
        }
        SSLSocket ssl = (SSLSocket) SslContexts.factory(key.tls(), jvm).createSocket(plain, key.host(), key.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        if (key.tls().verify()) {
            params.setEndpointIdentificationAlgorithm("HTTPS"); // host-name verification, RFC 9110 section 4.3.4
        }
        params.setApplicationProtocols(alpn);
        ssl.setSSLParameters(params);
        trace.tlsStart(key.host());
        ssl.startHandshake();
        SSLSession session = ssl.getSession();
        // Resumed: the session carries the mark an earlier connection of ours left (TLS 1.2 resumes the
        // cached session object itself; TLS 1.3 resumes a copy made from a ticket, which shares the
        // original's values), or it was created before this connection was begun (the JDK keeps a resumed
        // session's creation time). A full handshake makes a new session, unmarked and created now.
        boolean resumed = session.getValue(USED_MARK) != null || session.getCreationTime() < startedMillis;
        session.putValue(USED_MARK, Boolean.TRUE);
        trace.tlsEnd(session.getProtocol(), session.getCipherSuite(), resumed);
        return new Connection(key, ch, ssl, resumed, proxyOrigin, false, null,
                carrier("h2".equals(ssl.getApplicationProtocol())));
    }

    /** {@code host:port} of the key's destination, brackets around IPv6: a CONNECT request's target. */
    private static String authority(OriginKey key) {
        return (key.host().indexOf(':') >= 0 ? "[" + key.host() + "]" : key.host()) + ":" + key.port();
    }

    /** The destination for messages, or null when the connection forwards to any (plain HTTP through a proxy). */
    private static String destination(OriginKey key) {
        ProxyUrl p = key.proxy() == null ? null : ProxyUrl.parse(key.proxy());
        return p != null && !p.isSocks() && !key.isHttps() ? null : authority(key);
    }

    private static String forWhat(OriginKey key) {
        String d = destination(key);
        return d == null ? "" : " for " + d;
    }

    private static IoFailure proxyUnreachable(ProxyUrl proxy, OriginKey key, IOException e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new IoFailure(new ProxyException("cannot connect to proxy " + proxy.origin() + " (" + why + ")" + forWhat(key),
                proxy.origin(), destination(key), -1, e));
    }

    private IoFailure proxyTimeout(ProxyUrl proxy, OriginKey key, SocketTimeoutException e) {
        return new IoFailure(new ConnectTimeoutException("connect through proxy " + proxy.origin() + forWhat(key)
                + " timed out after " + timeouts.connect().toMillis() + " ms", e));
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // already failing; the original error is what matters
        }
    }
}
