package dev.spool.internal.connection;

import dev.spool.ConnectionInfo;
import dev.spool.Headers;
import dev.spool.Url;
import dev.spool.internal.http1.HeaderLimits;
import dev.spool.internal.http1.RequestEncoder;
import dev.spool.internal.http1.ResponseParser;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.pool.Poolable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One open connection: a socket, its streams, and the codec state that lives as long as it does.
 * Used by one request at a time (the pool's lease guarantees it); the thin loop that moves bytes
 * between the socket and the codec lives here.
 */
public final class Connection extends Poolable {
    /**
     * A connection released less than this long ago is "hot": its stale check skips the syscall for
     * idempotent requests, whose stale-connection race the transport retries anyway (OkHttp skips its
     * extensive check below 10 s; we are stricter).
     */
    static final long HOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    final OriginKey key;
    private final SocketChannel channel;
    private final Socket socket;          // the channel's adaptor, or the SSLSocket layered on it
    private final InputStream in;
    private final OutputStream out;
    final ResponseParser parser = new ResponseParser(HeaderLimits.DEFAULT);
    final RequestEncoder encoder = new RequestEncoder();
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final String tlsVersion;
    private final String cipherSuite;
    private final boolean tlsResumed;
    private long readTimeoutNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    /** When the current read must end (nanoTime), 0 when no read is under way, {@link #EXPIRED} once timed out. */
    private volatile long readDeadline;
    /** Whether the last read may have left bytes in the socket (it filled the buffer, or read a body directly). */
    private boolean socketMayHoldMore;
    /** The proxy the connection goes through ({@code scheme://host:port}), or null. */
    private final String proxy;
    /** Whether requests go to an HTTP proxy that forwards them: absolute-form targets (RFC 9112 section 3.2.2). */
    private final boolean forwardProxy;
    /** The {@code Proxy-Authorization} value for a forwarding proxy, or null. */
    private final String forwardAuthorization;
    private volatile boolean closed;
    static final long EXPIRED = Long.MIN_VALUE;
    private static final java.lang.invoke.VarHandle READ_DEADLINE;
    /** Non-null while a request body is written: bounds each write by the timeout (see WriteGuard). */
    private WriteGuard guard;
    /** What body writers get from {@link #out()}: writes that go through the guard. */
    private final OutputStream bodyOut = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            Connection.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Connection.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            Connection.this.flush();
        }
    };

    static {
        try {
            READ_DEADLINE = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(Connection.class, "readDeadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Wraps an open connection.
     *
     * @param socket the channel's socket, or the SSLSocket layered on it after a finished handshake
     * @param tlsResumed whether the TLS handshake resumed an earlier session
     * @param proxy the proxy's {@code scheme://host:port}, or null for a direct connection
     * @param forwardProxy whether an HTTP proxy forwards this connection's requests (plain HTTP through a proxy)
     * @param forwardAuthorization {@code Proxy-Authorization} for a forwarding proxy, or null
     */
    Connection(OriginKey key, SocketChannel channel, Socket socket, boolean tlsResumed, String proxy,
               boolean forwardProxy, String forwardAuthorization) throws IOException {
        this.key = key;
        this.proxy = proxy;
        this.forwardProxy = forwardProxy;
        this.forwardAuthorization = forwardAuthorization;
        this.channel = channel;
        this.socket = socket;
        socket.setSoTimeout(0); // plain blocking reads; the ReadWatchdog bounds them
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
        ReadWatchdog.INSTANCE.register(this);
    }

    /** The pool key this connection serves. */
    public OriginKey key() {
        return key;
    }

    /** The parser holding this connection's response state. */
    public ResponseParser parser() {
        return parser;
    }

    /** The encoder whose buffer holds the next request's bytes. */
    public RequestEncoder encoder() {
        return encoder;
    }

    /** Facts about this connection for a response. */
    public ConnectionInfo info() {
        return new ConnectionInfo(key.origin(), number(), isReused(), local, remote, "http/1.1", tlsVersion,
                cipherSuite, tlsResumed, proxy);
    }

    /**
     * The request target to write for this URL: absolute-form when an HTTP proxy forwards the request
     * (RFC 9112 section 3.2.2; user info and fragment are never sent), else origin-form.
     */
    public String requestTarget(Url url) {
        return forwardProxy ? url.scheme() + "://" + url.authority() + url.target() : url.target();
    }

    /**
     * The headers to send on this connection: {@code Proxy-Authorization} goes only to a proxy that
     * forwards the request (the proxy URL's credentials replacing one the caller set); on a direct
     * connection, a CONNECT tunnel or SOCKS it is removed, so it never reaches an origin server
     * (CVE-2023-32681).
     */
    public Headers proxyHeaders(Headers headers) {
        if (forwardProxy && forwardAuthorization != null) {
            return headers.minus("Proxy-Authorization").plus("Proxy-Authorization", forwardAuthorization);
        }
        if (!forwardProxy && headers.contains("Proxy-Authorization")) {
            return headers.minus("Proxy-Authorization");
        }
        return headers;
    }

    /** Sets the read timeout for the reads that follow (set again on every use: a request may override it). */
    public void readTimeout(int millis) {
        readTimeoutNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * One blocking read, bounded by the read timeout through the {@link ReadWatchdog} (no
     * {@code SO_TIMEOUT}: see the watchdog for why).
     */
    private int timedRead(byte[] b, int off, int len) throws IOException {
        long deadline = System.nanoTime() + readTimeoutNanos;
        if (deadline == 0 || deadline == EXPIRED) {
            deadline++;
        }
        readDeadline = deadline;
        ReadWatchdog.INSTANCE.deadlineSet(deadline);
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (readDeadline == EXPIRED) {
                throw timedOut(e);
            }
            readDeadline = 0;
            throw e;
        }
        if ((long) READ_DEADLINE.getAndSet(this, 0L) == EXPIRED) {
            // The watchdog fired as the read returned and is closing the socket: the deadline passed.
            throw timedOut(null);
        }
        return n;
    }

    private static java.net.SocketTimeoutException timedOut(IOException cause) {
        java.net.SocketTimeoutException e = new java.net.SocketTimeoutException("Read timed out");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    long readDeadline() {
        return readDeadline;
    }

    /** Called by the watchdog: the read that set {@code deadline} is still under way past it. */
    void expireRead(long deadline) {
        if (READ_DEADLINE.compareAndSet(this, deadline, EXPIRED)) {
            closeQuietly(); // ends the blocked read; the reader sees EXPIRED and reports a timeout
        }
    }

    /** Writes bytes to the socket; while a body is written, each write is bounded by the timeout. */
    public void write(byte[] b, int off, int len) throws IOException {
        WriteGuard g = guard;
        if (g == null) {
            out.write(b, off, len);
        } else {
            g.write(out, b, off, len);
        }
    }

    /**
     * Bounds the writes until the returned guard is closed by the read timeout in force: for request
     * bodies, which can be large enough to fill the socket buffers of a server that stopped reading.
     * The head of a request goes out unguarded: it fits the send buffer of an idle connection.
     */
    WriteGuard guardWrites() {
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos);
        WriteGuard g = new WriteGuard(this, millis > 0 && millis < Integer.MAX_VALUE ? (int) millis : Integer.MAX_VALUE);
        guard = g;
        return g;
    }

    /** Ends the guard of {@link #guardWrites()}. */
    void unguard() {
        guard = null;
    }

    /**
     * Closes the TCP connection at once, from another thread, to end a write that is blocked: the
     * channel only, since closing a TLS socket would first try to send close_notify into the same
     * full buffer.
     */
    void abort() {
        closed = true;
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            // nothing to do: the point was to close it
        }
    }

    /** Flushes (SSL sockets buffer nothing we need to flush; plain streams write through). */
    public void flush() throws IOException {
        out.flush();
    }

    /** The output stream for request bodies (its writes go through {@link #write}). */
    public OutputStream out() {
        return bodyOut;
    }

    /**
     * Reads what the socket has into the parser's buffer: one read call.
     *
     * @return bytes read, or -1 at EOF (the parser is told)
     */
    public int fill() throws IOException {
        byte[] buf = parser.inputBuffer(1024);
        int space = parser.inputSpace();
        int n = timedRead(buf, parser.inputOffset(), space);
        if (n < 0) {
            parser.feedEof();
            return -1;
        }
        // A plain read that filled the buffer may have left more in the socket; one that did not took
        // all there was, so whatever came beyond the response is in the parser's buffer. A TLS read
        // returns one record at most, so TLS always asks (SSLSocket's available() is no syscall).
        socketMayHoldMore = n == space || tlsVersion != null;
        parser.inputWritten(n);
        return n;
    }

    /** Reads straight into the caller's array (the parser's direct body path). */
    public int readDirect(byte[] b, int off, int len) throws IOException {
        int n = timedRead(b, off, len);
        socketMayHoldMore = true; // stopped at the body's exact end: excess bytes would still be in the socket
        return n;
    }

    @Override
    public boolean isHealthy(long idleNanos, boolean thorough) {
        if (closed) {
            return false;
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

    /**
     * Whether the connection may carry another request now that its response has ended: the response
     * allows it (RFC 9112 section 9.3), and nothing arrived beyond its end, neither in the parser's
     * buffer nor waiting in the socket (a body read straight from the socket stops at its exact end,
     * so excess bytes stay there; one FIONREAD tells, or for TLS the decrypted bytes on hand). Spool
     * never pipelines, so such bytes were not asked for; kept, they would be parsed as the answer to
     * the next request (response queue poisoning, as when a body is longer than its Content-Length),
     * and the reuse check that would notice is skipped for a hot connection.
     */
    public boolean reusableAfterResponse() {
        if (!parser.keepAlive() || parser.buffered() != 0) {
            return false;
        }
        if (!socketMayHoldMore) {
            return true; // the last read took everything the socket had: no syscall on the common path
        }
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the socket was closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        ReadWatchdog.INSTANCE.unregister(this);
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
        return "Connection(" + key.origin() + " #" + number() + ")";
    }
}
