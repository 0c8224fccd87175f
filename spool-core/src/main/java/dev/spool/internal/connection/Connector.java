package dev.spool.internal.connection;

import dev.spool.internal.pool.Opener;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.tls.SslContexts;
import dev.spool.transport.Timeouts;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections: DNS, TCP (each resolved address in turn within the connect timeout), then the
 * TLS handshake with host-name verification and SNI. Failures surface as {@link IOException}s that
 * the transport translates in one place.
 */
public final class Connector implements Opener<Connection> {
    private static final System.Logger LOG = System.getLogger("dev.spool.connection");

    private final Timeouts timeouts;
    private final Set<String> warnedInsecure = ConcurrentHashMap.newKeySet();

    /** Creates a connector using these timeouts. */
    public Connector(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public Connection open(OriginKey key, int number) throws IOException {
        int connectMillis = (int) timeouts.connect().toMillis();
        long deadline = System.nanoTime() + timeouts.connect().toNanos();
        InetAddress[] addresses = InetAddress.getAllByName(key.host());
        IOException last = null;
        for (InetAddress address : addresses) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (left <= 0) {
                break;
            }
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.socket().connect(new InetSocketAddress(address, key.port()), Math.min(left, connectMillis));
                return handshake(key, ch, deadline);
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                if (e instanceof IOException) {
                    last = (IOException) e;
                    if (e instanceof javax.net.ssl.SSLException) {
                        throw (IOException) e; // a TLS failure is about the server, not the address
                    }
                } else {
                    throw e;
                }
            }
        }
        throw last != null ? last : new java.net.SocketTimeoutException("connect timed out");
    }

    private Connection handshake(OriginKey key, SocketChannel ch, long deadline) throws IOException {
        if (!key.isHttps()) {
            return new Connection(key, ch, ch.socket(), 0);
        }
        if (!key.tls().verify() && warnedInsecure.add(key.origin())) {
            LOG.log(Level.WARNING, "Unverified HTTPS request is being made to host '" + key.host()
                    + "'. Certificate verification is off (verify=false): anyone on the path can read and change this traffic.");
        }
        Socket plain = ch.socket();
        SSLSocket ssl = (SSLSocket) SslContexts.factory(key.tls()).createSocket(plain, key.host(), key.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        if (key.tls().verify()) {
            params.setEndpointIdentificationAlgorithm("HTTPS"); // host-name verification, RFC 9110 section 4.3.4
        }
        params.setApplicationProtocols(new String[0]);
        ssl.setSSLParameters(params);
        // The handshake shares the connect timeout: a server that accepts TCP and then says nothing
        // must not hold the caller longer than connectTimeout.
        int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        ssl.setSoTimeout(left);
        long started = System.currentTimeMillis();
        ssl.startHandshake();
        return new Connection(key, ch, ssl, started);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // already failing; the original error is what matters
        }
    }
}
