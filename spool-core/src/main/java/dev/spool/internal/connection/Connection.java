package dev.spool.internal.connection;

import dev.spool.ConnectionInfo;
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
import java.net.SocketException;
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
    private int soTimeout = -1;
    private volatile boolean closed;
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

    Connection(OriginKey key, SocketChannel channel, Socket socket, long handshakeStartMillis) throws IOException {
        this.key = key;
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
            // A resumed session was created before this handshake began.
            this.tlsResumed = s.getCreationTime() < handshakeStartMillis;
        } else {
            this.tlsVersion = null;
            this.cipherSuite = null;
            this.tlsResumed = false;
        }
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
                cipherSuite, tlsResumed);
    }

    /** Sets the read timeout if it changed (it is set again on every use: a request may override it). */
    public void readTimeout(int millis) throws SocketException {
        if (millis != soTimeout) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
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
        WriteGuard g = new WriteGuard(this, soTimeout > 0 ? soTimeout : Integer.MAX_VALUE);
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
        int n = in.read(buf, parser.inputOffset(), parser.inputSpace());
        if (n < 0) {
            parser.feedEof();
            return -1;
        }
        parser.inputWritten(n);
        return n;
    }

    /** Reads straight into the caller's array (the parser's direct body path). */
    public int readDirect(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
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
