package dev.spool.internal.connection;

import dev.spool.internal.Abandonable;
import dev.spool.internal.IoFailure;
import dev.spool.internal.http1.Http1Exception;
import dev.spool.internal.http1.ResponseParser;
import dev.spool.internal.pool.ConnectionPool;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A response body read off a pooled connection: gives the connection back the moment the body ends,
 * drains a small unread remainder on close to save the connection, and frees its slot if dropped
 * unclosed. Bytes are the body as framed on the wire (content codings are undone above it).
 */
public final class BodyStream extends InputStream implements Abandonable {
    /** Unread bytes worth draining on close to keep the connection; more than this closes it (urllib3-like). */
    static final int DRAIN_MAX_BYTES = 64 * 1024;
    /** The longest a close may spend draining before it gives up and closes the connection. */
    static final long DRAIN_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Reads at least this large go straight from the socket into the caller's array. */
    static final int DIRECT_READ_MIN = 8 * 1024;

    private static final System.Logger LEAKS = System.getLogger("dev.spool.leaks");
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "spool-leak-detector");
        t.setDaemon(true);
        return t;
    });
    /** With {@code -Dspool.leakStacks=true}, a leak report carries the stack that made the response. */
    private static final boolean LEAK_STACKS = Boolean.getBoolean("spool.leakStacks");

    private final Connection connection;
    private final ResponseParser parser;
    private final Hold hold;
    private final boolean mayReuse;
    private final int timeoutMillis;
    private byte[] pendArray;
    private int pendOffset;
    private int pendLength;
    private long delivered;
    private boolean done;
    private Cleaner.Cleanable cleanable;
    private final byte[] one = new byte[1];

    /**
     * Creates the body of the response whose head the connection's parser just parsed.
     *
     * @param mayReuse false when the exchange already ruled out reusing the connection
     * @param timeoutMillis the read timeout in force, for error messages
     */
    public BodyStream(Connection connection, ConnectionPool<Connection> pool, boolean mayReuse, int timeoutMillis) {
        this(connection, pool, mayReuse, timeoutMillis, null);
    }

    /**
     * Creates the body of a response whose exchange hears when the body ends and the connection is
     * given back.
     *
     * @param exchange the exchange to tell, or null
     */
    public BodyStream(Connection connection, ConnectionPool<Connection> pool, boolean mayReuse, int timeoutMillis,
                      Exchange exchange) {
        this.mayReuse = mayReuse;
        this.connection = connection;
        this.parser = connection.parser();
        this.hold = new Hold(connection, pool, exchange);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (hold.released.get()) {
            throw new IOException("the response body was closed");
        }
        try {
            while (true) {
                if (pendLength > 0) {
                    int n = Math.min(len, pendLength);
                    System.arraycopy(pendArray, pendOffset, b, off, n);
                    pendOffset += n;
                    pendLength -= n;
                    delivered += n;
                    return n;
                }
                if (len >= DIRECT_READ_MIN) {
                    long direct = parser.directBodyLimit();
                    if (direct > 0) {
                        int n = connection.readDirect(b, off, (int) Math.min(len, direct));
                        if (n < 0) {
                            parser.feedEof();
                            continue;
                        }
                        parser.directBodyRead(n);
                        delivered += n;
                        return n;
                    }
                }
                switch (parser.next()) {
                    case BODY:
                        pendArray = parser.bodyArray();
                        pendOffset = parser.bodyOffset();
                        pendLength = parser.bodyLength();
                        break;
                    case NEED_DATA:
                        connection.fill();
                        break;
                    case END:
                        finish(connection.reusableAfterResponse());
                        return -1;
                    default:
                        throw new Http1Exception("unexpected response event while reading a body");
                }
            }
        } catch (IoFailure e) {
            finish(false);
            throw e;
        } catch (IOException e) {
            finish(false);
            throw new IoFailure(Failures.exchange(e, connection.key(), timeoutMillis));
        }
    }

    @Override
    public int available() {
        return done ? 0 : pendLength;
    }

    /**
     * Frees the connection: nothing to do if the body ended; else drains a remainder of up to 64 KiB
     * within 200 ms to keep the connection, and closes it otherwise.
     */
    @Override
    public void close() {
        if (done) {
            return;
        }
        boolean reusable = false;
        try {
            reusable = drain();
        } catch (IOException | RuntimeException e) {
            reusable = false;
        } finally {
            finish(reusable);
        }
    }

    private boolean drain() throws IOException {
        if (hold.released.get()) {
            return false;
        }
        if (parser.framing() == ResponseParser.Framing.CONTENT_LENGTH
                && parser.contentLength() - delivered > DRAIN_MAX_BYTES) {
            return false; // too much left to be worth reading
        }
        if (parser.framing() == ResponseParser.Framing.UNTIL_CLOSE) {
            return false; // such a connection cannot be reused anyway
        }
        long deadline = System.nanoTime() + DRAIN_MAX_NANOS;
        long drained = pendLength;
        pendLength = 0;
        while (drained <= DRAIN_MAX_BYTES) {
            switch (parser.next()) {
                case BODY:
                    drained += parser.bodyLength();
                    break;
                case NEED_DATA: {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    connection.readTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    try {
                        if (connection.fill() < 0) {
                            break; // the parser now knows of the EOF; next() decides
                        }
                    } catch (SocketTimeoutException e) {
                        return false;
                    }
                    break;
                }
                case END:
                    return connection.reusableAfterResponse();
                default:
                    return false;
            }
        }
        return false;
    }

    private void finish(boolean reusable) {
        done = true;
        pendLength = 0;
        if (hold.exchange != null && !hold.released.get()) {
            hold.exchange.bodyEnd(delivered);
        }
        hold.release(reusable && mayReuse);
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            cleanable = null;
            c.clean(); // deregisters; Hold is released, so the action reports nothing
        }
    }

    @Override
    public void watchLeaks(String what) {
        if (!done && cleanable == null) {
            cleanable = CLEANER.register(this, new LeakAction(hold, what,
                    LEAK_STACKS ? new Throwable("the leaked response was created here") : null));
        }
    }

    @Override
    public boolean holdsResource() {
        return !hold.released.get();
    }

    @Override
    public boolean whenReleased(Runnable action) {
        return Hold.AFTER_RELEASE.compareAndSet(hold, null, action);
    }

    /** Frees the connection without I/O: closes it and returns its slot. For a response dropped unclosed. */
    public void abandon() {
        hold.release(false);
    }

    /** The connection and whether it was given back; shared with the leak action, which must not see the stream. */
    private static final class Hold {
        /** Marks {@link #afterRelease} as spent: the release happened, a late action must run by itself. */
        static final Runnable RELEASED = () -> { };
        @SuppressWarnings("rawtypes")
        static final AtomicReferenceFieldUpdater<Hold, Runnable> AFTER_RELEASE =
                AtomicReferenceFieldUpdater.newUpdater(Hold.class, Runnable.class, "afterRelease");

        final Connection connection;
        final ConnectionPool<Connection> pool;
        final Exchange exchange;
        final AtomicBoolean released = new AtomicBoolean();
        /** Run once after the release (the session's end-of-call event), or {@link #RELEASED}. */
        volatile Runnable afterRelease;

        Hold(Connection connection, ConnectionPool<Connection> pool, Exchange exchange) {
            this.connection = connection;
            this.pool = pool;
            this.exchange = exchange;
        }

        void release(boolean reusable) {
            if (released.compareAndSet(false, true)) {
                boolean kept = pool.release(connection, reusable && !connection.isClosed());
                if (exchange != null) {
                    exchange.released(connection.number(), kept);
                }
                Runnable after = AFTER_RELEASE.getAndSet(this, RELEASED);
                if (after != null) {
                    after.run();
                }
            }
        }
    }

    /** Runs when a streamed body becomes unreachable; reports a leak if the connection was still held. */
    private static final class LeakAction implements Runnable {
        private final Hold hold;
        private final String what;
        private final Throwable createdAt;

        LeakAction(Hold hold, String what, Throwable createdAt) {
            this.hold = hold;
            this.what = what;
            this.createdAt = createdAt;
        }

        @Override
        public void run() {
            if (hold.released.get()) {
                return;
            }
            // Report first, then free the slot: whoever sees the slot come back also finds the report.
            String msg = "A streamed response was garbage collected without being closed; its connection was closed: "
                    + what + ". Close responses (try-with-resources) or read their body to the end"
                    + (createdAt == null ? "; run with -Dspool.leakStacks=true to log where it was created." : ".");
            if (createdAt == null) {
                LEAKS.log(System.Logger.Level.WARNING, msg);
            } else {
                LEAKS.log(System.Logger.Level.WARNING, msg, createdAt);
            }
            hold.release(false);
        }
    }
}
