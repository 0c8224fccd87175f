package dev.spool.internal.connection;

import dev.spool.ConnectionInfo;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.pool.Poolable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One open connection: a socket, its streams, its TLS facts, the deadlines of its reads and writes
 * and its health. It knows no HTTP version: the {@link ExchangeCodec} the connector chose speaks the
 * protocol over it, one exchange at a time for HTTP/1.1.
 */
public final class Connection implements Poolable, Wire {
    /**
     * A connection released less than this long ago is "hot": its stale check skips the syscall for
     * idempotent requests, whose stale-connection race the transport retries anyway (OkHttp skips its
     * extensive check below 10 s; we are stricter).
     */
    static final long HOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    final OriginKey key;
    /** {@code key.origin()}, made once: every response's {@link ConnectionInfo} names it. */
    private final String origin;
    private final SocketChannel channel;
    private final Socket socket;          // the channel's adaptor, or the SSLSocket layered on it
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final String tlsVersion;
    private final String cipherSuite;
    private final boolean tlsResumed;
    /** The proxy the connection goes through ({@code scheme://host:port}), or null. */
    private final String proxy;
    /** Whether requests go to an HTTP proxy that forwards them (plain HTTP through a proxy). */
    private final boolean forwardProxy;
    /** The {@code Proxy-Authorization} value for a forwarding proxy, or null. */
    private final String forwardAuthorization;
    private final ExchangeCarrier carrier;
    private long timeoutNanos = TimeUnit.SECONDS.toNanos(60);
    private int timeoutMillis = 60_000;
    /** Whether the last read may have left bytes in the socket (it filled what it was given, or TLS). */
    private boolean socketMayHoldMore;
    private volatile boolean closed;
    /** Set by the first {@link #closeQuietly()}: {@link #abort()} closes the channel alone. */
    private final AtomicBoolean released = new AtomicBoolean();
    /** The deadline of the read under way: on timeout the socket is closed, which ends the read. */
    private final Watchdog.Operation reading = new Watchdog.Operation() {
        @Override
        void timedOut() {
            closeNow();
        }
    };
    /**
     * The deadline of the write under way: on timeout the TCP channel alone is closed, since closing a
     * TLS socket would first try to send close_notify into the same full buffer.
     */
    private final Watchdog.Operation writing = new Watchdog.Operation() {
        @Override
        void timedOut() {
            abort();
        }
    };

    /**
     * Wraps an open connection.
     *
     * @param socket the channel's socket, or the SSLSocket layered on it after a finished handshake
     * @param tlsResumed whether the TLS handshake resumed an earlier session
     * @param proxy the proxy's {@code scheme://host:port}, or null for a direct connection
     * @param forwardProxy whether an HTTP proxy forwards this connection's requests (plain HTTP through a proxy)
     * @param forwardAuthorization {@code Proxy-Authorization} for a forwarding proxy, or null
     * @param carrier makes what speaks the negotiated protocol over this connection
     */
    Connection(OriginKey key, SocketChannel channel, Socket socket, boolean tlsResumed, String proxy,
               boolean forwardProxy, String forwardAuthorization, CarrierFactory carrier)
            throws IOException {
        this.key = key;
        this.origin = key.origin();
        this.proxy = proxy;
        this.forwardProxy = forwardProxy;
        this.forwardAuthorization = forwardAuthorization;
        this.channel = channel;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        if (socket instanceof SSLSocket) {
            SSLSession s = ((SSLSocket) socket).getSession();
            this.tlsVersion = s.getProtocol();
            this.cipherSuite = s.getCipherSuite();
            this.tlsResumed = tlsResumed;
        } else {
            this.tlsVersion = null;
            this.cipherSuite = null;
            this.tlsResumed = false;
        }
        this.carrier = carrier.create(this);
    }

    /** Makes the protocol's carrier for a new connection (HTTP/2 writes its preface: hence the IOException). */
    @FunctionalInterface
    interface CarrierFactory {
        ExchangeCarrier create(Connection connection) throws IOException;
    }

    /** The pool key this connection serves. */
    public OriginKey key() {
        return key;
    }

    /** The codec for the next exchange on this connection (the same one for HTTP/1.1, a new stream for HTTP/2). */
    public ExchangeCodec newExchange() {
        return carrier.newExchange();
    }

    /** The ALPN identifier of the protocol spoken: {@code http/1.1} or {@code h2}. */
    @Override
    public String protocol() {
        return carrier.protocol();
    }

    /** Whether requests go to an HTTP proxy that forwards them (plain HTTP through a proxy). */
    public boolean forwardsToProxy() {
        return forwardProxy;
    }

    /** The {@code Proxy-Authorization} value for a forwarding proxy, or null. */
    public String forwardAuthorization() {
        return forwardAuthorization;
    }

    /**
     * Facts about this connection for a response, given its number in its pool, whether this use is a
     * reuse, and the HTTP/2 stream (0 for HTTP/1.1).
     */
    public ConnectionInfo info(int number, boolean reused, int streamId) {
        return info(number, reused, streamId, null, null);
    }

    /** Facts about this connection for a response, with why it was opened (null for a reused one). */
    public ConnectionInfo info(int number, boolean reused, int streamId, dev.spool.OpenReason openReason,
                               String openDetail) {
        return new ConnectionInfo(origin, number, reused, local, remote, carrier.protocol(), tlsVersion,
                cipherSuite, tlsResumed, proxy, streamId, openReason, openDetail);
    }

    @Override
    public void readTimeout(int millis) {
        timeoutMillis = millis;
        timeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The read timeout in force, in milliseconds (for messages). */
    public int readTimeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        reading.enter(timeoutNanos);
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (reading.exit()) {
                throw TimedOut.read(e);
            }
            throw e;
        }
        if (reading.exit()) {
            throw TimedOut.read(null); // timed out as the read returned: the socket is being closed
        }
        // A plain read that filled what it was given may have left more in the socket; one that did
        // not took all there was. A TLS read returns one record at most, so TLS always asks
        // (SSLSocket's available() is no syscall).
        socketMayHoldMore = n == len || tlsVersion != null;
        return n;
    }

    @Override
    public int readWithin(byte[] b, int off, int len, int waitMillis) throws IOException {
        // The one wait that must survive its expiry (nothing arriving is an answer, not a failure), so
        // the watchdog, which closes the socket, cannot bound it: a socket timeout does, for this read
        // alone. The caller never waits longer than the read timeout.
        socket.setSoTimeout(Math.max(1, waitMillis));
        int n;
        try {
            n = in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            return NOTHING_YET;
        } finally {
            if (!closed) {
                socket.setSoTimeout(0);
            }
        }
        socketMayHoldMore = n == len || tlsVersion != null;
        return n;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writing.enter(timeoutNanos);
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            if (writing.exit()) {
                throw TimedOut.write(timeoutMillis, e);
            }
            throw e;
        }
        if (writing.exit()) {
            throw TimedOut.write(timeoutMillis, null); // aborted as the write completed: the connection is gone
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean hasUnreadBytes() {
        if (!socketMayHoldMore) {
            return false; // the last read took everything the socket had: no syscall on the common path
        }
        try {
            return in.available() != 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public int maxConcurrentExchanges() {
        return carrier.maxConcurrentExchanges();
    }

    @Override
    public boolean isMultiplexed() {
        return carrier.isMultiplexed();
    }

    @Override
    public boolean isHealthy(long idleNanos, boolean thorough) {
        if (closed) {
            return false;
        }
        if (carrier.isMultiplexed()) {
            // Its reader owns the socket and sees a close at once; one idle a while is asked with a PING.
            return carrier.isHealthy(idleNanos);
        }
        if (!thorough && idleNanos < HOT_NANOS) {
            return true;
        }
        // A non-blocking read: 0 means nothing waiting (alive), -1 means the peer closed, and any
        // byte is unsolicited data (or a TLS close_notify) that makes the connection unusable anyway.
        try {
            channel.configureBlocking(false);
            int n;
            try {
                probe.clear();
                n = channel.read(probe);
            } finally {
                channel.configureBlocking(true);
            }
            return n == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the TCP connection at once, from any thread, without a TLS close_notify. */
    void abort() {
        closed = true;
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            // nothing to do: the point was to close it
        }
    }

    /** Whether the socket was closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * One blocking read with no deadline: for a multiplexed connection's reader, which waits for any
     * stream; each caller bounds its own wait for its stream.
     */
    public int readIdle(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    /** Closes the connection, first telling the peer when the protocol has a way (HTTP/2 GOAWAY). */
    @Override
    public void closeQuietly() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        carrier.shutdown();
        closeSocket();
    }

    /** Closes the socket at once, with no word to the peer (a timeout, a failed connection). */
    void closeNow() {
        if (released.compareAndSet(false, true)) {
            closeSocket();
        }
    }

    private void closeSocket() {
        closed = true;
        reading.forget();
        writing.forget();
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // nothing to do: the socket is gone either way
        }
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            // as above
        }
    }

    @Override
    public String toString() {
        return "Connection(" + origin + ")";
    }
}
