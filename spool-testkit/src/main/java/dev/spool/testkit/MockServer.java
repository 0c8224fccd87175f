package dev.spool.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real HTTP/1.1 server on 127.0.0.1 for tests: it answers with scripted {@link MockResponse}s,
 * injects {@link Fault}s, records every request with the TCP connection that carried it, and
 * reports connection facts (how many were opened, are open, were idle-closed, were closed by the
 * client) so tests can prove how a client reuses and drops connections.
 *
 * <p>It uses plain JDK sockets and platform threads: one accept thread and one thread per
 * connection (at most {@value #MAX_CONNECTIONS} at once), daemons named {@code mockserver-PORT-N}
 * for connection N and {@code mockserver-PORT-accept}. {@link #close()} stops and joins them all.
 *
 * <p>Responses come from the queue filled by {@link #enqueue(MockResponse)}, one per request in
 * arrival order; when it is empty, from the {@link #dispatcher(Function) dispatcher}; when there is
 * none, {@code 200 OK} with body {@code ok}. Requests are parsed strictly (a malformed one gets
 * {@code 400} and the connection is closed), and every request is kept until the server is closed.
 */
public final class MockServer implements AutoCloseable {
    /** The most connections served at once; further clients wait in the listen backlog. */
    public static final int MAX_CONNECTIONS = 512;
    /** Body bytes kept per recorded request unless {@link #recordBodyLimit(int)} says otherwise: 16 MiB. */
    public static final int DEFAULT_RECORD_BODY_LIMIT = 16 * 1024 * 1024;

    private static final int BACKLOG = 1024;
    /** How long {@link #close()} waits for the threads, and {@link #closeIdleConnections()} for closed ones to end. */
    private static final Duration JOIN_BOUND = Duration.ofSeconds(5);
    /** How long closeIdleConnections waits for a connection that is flushing the end of a response. */
    private static final Duration RESPONDED_GRACE = Duration.ofSeconds(1);

    private final ServerSocket serverSocket;
    private final int port;
    private final SelfSignedCertificate certificate;
    private final SSLContext sslContext;
    private final TlsFault tlsFault;
    private final Thread acceptThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Counted down when close() begins: wakes delays, throttles and waits. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ConnectionTable table = new ConnectionTable(MAX_CONNECTIONS, () -> closing.getCount() == 0);
    private final ResponseQueue responses = new ResponseQueue();
    private volatile int closeAfterRequests;
    private volatile int recordBodyLimit = DEFAULT_RECORD_BODY_LIMIT;

    private final LinkedBlockingQueue<RecordedRequest> toTake = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<RecordedRequest> recorded = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requestCount = new AtomicInteger();

    private MockServer(SelfSignedCertificate certificate, TlsFault tlsFault) {
        this.certificate = certificate;
        this.sslContext = certificate == null ? null : certificate.serverSslContext();
        this.tlsFault = tlsFault;
        try {
            this.serverSocket = new ServerSocket(0, BACKLOG, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException("MockServer cannot listen on 127.0.0.1", e);
        }
        this.port = serverSocket.getLocalPort();
        this.acceptThread = new Thread(this::acceptLoop, "mockserver-" + port + "-accept");
        this.acceptThread.setDaemon(true);
        this.acceptThread.start();
    }

    /** Starts a plain HTTP server on 127.0.0.1 and an ephemeral port. */
    public static MockServer start() {
        return new MockServer(null, null);
    }

    /**
     * Starts an HTTPS server with {@link SelfSignedCertificate#localhost()}, valid for {@code localhost}
     * and {@code 127.0.0.1}; clients trust it through {@link #certificate()}.
     */
    public static MockServer startTls() {
        return new MockServer(SelfSignedCertificate.localhost(), null);
    }

    /** Starts an HTTPS server with the given certificate. */
    public static MockServer startTls(SelfSignedCertificate certificate) {
        return new MockServer(Objects.requireNonNull(certificate, "certificate"), null);
    }

    /**
     * Starts an HTTPS server that fails TLS as the fault says; {@link #certificate()} is still what a
     * client should trust, so that the fault is the only reason it fails.
     */
    public static MockServer startTls(TlsFault fault) {
        Objects.requireNonNull(fault, "fault");
        SelfSignedCertificate cert;
        switch (fault) {
            case WRONG_HOST:
                cert = SelfSignedCertificate.wrongHost();
                break;
            case EXPIRED:
                cert = SelfSignedCertificate.expiredLocalhost();
                break;
            default:
                cert = SelfSignedCertificate.localhost();
                break;
        }
        return new MockServer(cert, fault);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Whether it speaks HTTPS. */
    public boolean isTls() {
        return certificate != null;
    }

    /** The certificate clients should trust ({@link SelfSignedCertificate#clientSslContext()}), or null for plain HTTP. */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /** {@code http://127.0.0.1:PORT} (or {@code https://}). */
    public String origin() {
        return (isTls() ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** The URL of a path on this server, e.g. {@code url("/a")} is {@code http://127.0.0.1:PORT/a}; a missing leading slash is added. */
    public String url(String path) {
        return origin() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Queues a response for a future request (first in, first out); the server keeps a copy. */
    public MockServer enqueue(MockResponse response) {
        responses.enqueue(response);
        return this;
    }

    /**
     * Sets the function that answers requests while the queue is empty (it may be called from many
     * connection threads at once). A null result means the default {@code 200 ok}; an exception
     * becomes a {@code 500} whose body names it.
     */
    public MockServer dispatcher(Function<RecordedRequest, MockResponse> dispatcher) {
        responses.dispatcher(dispatcher);
        return this;
    }

    /**
     * Makes the server close each connection after it has served {@code n} requests, without
     * {@code Connection: close}, as servers with a per-connection request cap do; 0 turns it off.
     */
    public MockServer closeAfterRequests(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("request count " + n + " is negative");
        }
        this.closeAfterRequests = n;
        return this;
    }

    /**
     * How many body bytes each recorded request keeps (default {@value #DEFAULT_RECORD_BODY_LIMIT});
     * the rest are read, counted in {@link RecordedRequest#bodySize()} and dropped.
     */
    public MockServer recordBodyLimit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("limit " + bytes + " is negative");
        }
        this.recordBodyLimit = bytes;
        return this;
    }

    /**
     * Takes the oldest recorded request not taken yet, waiting up to {@code timeout} for one.
     *
     * @return the request, or null when none arrived in time (or the thread was interrupted)
     */
    public RecordedRequest takeRequest(Duration timeout) {
        try {
            return toTake.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every request recorded so far, in order, whether taken or not. */
    public List<RecordedRequest> recordedRequests() {
        return List.copyOf(recorded);
    }

    /** The number of requests read in full (malformed ones and those cut by an AT_START fault are not counted). */
    public int requestCount() {
        return requestCount.get();
    }

    /** The number of TCP connections accepted so far. */
    public int connectionCount() {
        return table.connectionCount();
    }

    /** The number of connections open now (including ones the server has disconnected and the client not yet closed). */
    public int openConnections() {
        return table.openConnections();
    }

    /** The most connections that were open at the same time. */
    public int maxConcurrentConnections() {
        return table.maxConcurrentConnections();
    }

    /**
     * Waits until connection {@code connectionIndex} ends and tells whether the client ended it:
     * the server read EOF or got a reset or other error from the client, rather than closing the
     * connection itself. Used to prove that a client closed a connection it evicted. A connection
     * the server disconnects (a fault, {@link #closeAfterRequests(int)}) stays readable until the
     * client closes it too, so that also counts.
     *
     * @return true when the client closed it within the timeout; false on timeout, or when the server closed it first
     */
    public boolean awaitClientClose(int connectionIndex, Duration timeout) {
        if (connectionIndex < 1) {
            throw new IllegalArgumentException("connection indexes start at 1; got " + connectionIndex);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ServerConnection c = table.await(connectionIndex, deadline);
        if (c == null) {
            return false;
        }
        try {
            return c.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) && c.clientClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Closes, from the server side, every connection waiting for its next request (including a new
     * one that has not sent its first), like a server whose keep-alive timeout ran out. A connection
     * that is just flushing the end of a response is waited for briefly, so a call made right after
     * the client read a response finds that connection idle. When this returns, those sockets are
     * closed and their threads have ended.
     *
     * @return how many connections were closed
     */
    public int closeIdleConnections() {
        List<ServerConnection> chosen = table.takeIdle(RESPONDED_GRACE);
        // Closed outside the lock: closing a TLS socket writes close_notify.
        for (ServerConnection c : chosen) {
            Shutdowns.closeQuietly(c.socket());
            Shutdowns.closeQuietly(c.rawSocket());
        }
        ConnectionTable.awaitEnded(chosen, System.nanoTime() + JOIN_BOUND.toNanos());
        return chosen.size();
    }

    /**
     * Waits until no connection is in the middle of an exchange (handshaking, reading a request,
     * writing or stalling a response): each open one waits for a request or for its client to close.
     *
     * @return true when that happened within the timeout
     */
    public boolean awaitIdle(Duration timeout) {
        return table.await(timeout, table::quiet);
    }

    /**
     * Waits until exactly {@code count} connections are open, e.g. 0 after a client closed its pool.
     *
     * @return true when that happened within the timeout
     */
    public boolean awaitOpenConnections(int count, Duration timeout) {
        return table.await(timeout, () -> table.openConnections() == count);
    }

    /**
     * Stops the server: closes the listening socket and every connection, and waits (up to 5 s) for
     * all its threads to end. Idempotent.
     *
     * @throws IllegalStateException naming the threads still running after that wait
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
        closing.countDown();
        Shutdowns.closeQuietly(serverSocket);
        acceptThread.interrupt(); // it may be waiting for a connection permit
        Shutdowns.join(acceptThread, deadline);
        List<ServerConnection> snapshot = table.takeAll();
        for (ServerConnection c : snapshot) {
            Shutdowns.closeQuietly(c.rawSocket()); // the TCP socket: no TLS close_notify that could block
            c.thread.interrupt(); // socket I/O ends with the close; this ends a dispatcher waiting interruptibly
        }
        List<String> stuck = new ArrayList<>();
        for (ServerConnection c : snapshot) {
            if (!Shutdowns.join(c.thread, deadline)) {
                stuck.add(c.thread.getName());
            }
        }
        if (acceptThread.isAlive()) {
            stuck.add(acceptThread.getName());
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("MockServer threads still running " + JOIN_BOUND.toSeconds()
                    + " s after close: " + stuck);
        }
    }

    @Override
    public String toString() {
        return "MockServer[" + origin() + ", " + connectionCount() + " connections, " + requestCount() + " requests]";
    }

    private void acceptLoop() {
        while (closing.getCount() > 0) {
            try {
                table.acquirePermit();
            } catch (InterruptedException e) {
                return;
            }
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                table.releasePermit();
                if (closing.getCount() == 0) {
                    return;
                }
                // An accept error while open (e.g. out of file descriptors): wait a little, not spin.
                try {
                    if (closing.await(50, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            try {
                s.setTcpNoDelay(true); // a fault's partial write must reach the client now, not after Nagle's delay
            } catch (SocketException e) {
                // the socket is already broken; its thread will find out
            }
            ServerConnection c = table.register(s, index -> new ServerConnection(this, index, s, isTls()));
            if (c == null) {
                Shutdowns.closeQuietly(s);
                return;
            }
            c.thread.start();
        }
    }

    // ---- called by connection threads ----

    /** Moves a connection to a new state; false when the server has closed it (it must then stop). */
    boolean transition(ServerConnection c, ServerConnection.State to) {
        return table.transition(c, to);
    }

    boolean isClosedByServer(ServerConnection c) {
        return table.isClosedByServer(c);
    }

    void connectionEnded(ServerConnection c) {
        table.ended(c);
    }

    MockResponse takeAtStartFault() {
        return responses.takeAtStartFault();
    }

    MockResponse takeQueued() {
        return responses.takeQueued();
    }

    void requeueFirst(MockResponse response) {
        responses.requeueFirst(response);
    }

    MockResponse dispatch(RecordedRequest request) {
        return responses.dispatch(request);
    }

    void record(RecordedRequest request) {
        recorded.add(request);
        requestCount.incrementAndGet();
        toTake.add(request);
    }

    int closeAfterRequestsValue() {
        return closeAfterRequests;
    }

    int recordBodyLimitValue() {
        return recordBodyLimit;
    }

    TlsFault tlsFault() {
        return tlsFault;
    }

    SSLSocket wrapTls(Socket raw) throws IOException {
        SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        ssl.setUseClientMode(false);
        return ssl;
    }

    /** Waits, ending early with an exception when the server closes. */
    void pause(Duration d) throws IOException {
        try {
            if (closing.await(d.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new InterruptedIOException("MockServer is closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pausing a response");
        }
    }
}
