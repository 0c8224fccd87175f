package dev.spool.internal.connection;

import dev.spool.CloseReason;
import dev.spool.internal.Abandonable;
import dev.spool.internal.IoFailure;
import dev.spool.internal.pool.ConnectionPool;
import dev.spool.internal.pool.Pooled;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
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

    private static final System.Logger LEAKS = System.getLogger("dev.spool.leaks");
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "spool-leak-detector");
        t.setDaemon(true);
        return t;
    });
    /** With {@code -Dspool.leakStacks=true}, a leak report carries the stack that made the response. */
    private static final boolean LEAK_STACKS = Boolean.getBoolean("spool.leakStacks");

    private final Connection connection;
    private final ExchangeCodec codec;
    private final Hold hold;
    private boolean done;
    private long delivered;
    private Cleaner.Cleanable cleanable;
    private final byte[] one = new byte[1];

    /**
     * Creates the body of the response whose head the connection's codec just read.
     *
     * @param exchange the exchange to tell when the body ends and the connection is given back, or null
     */
    public BodyStream(Pooled<Connection> lease, ExchangeCodec codec, ConnectionPool<Connection> pool,
                      Exchange exchange) {
        this.connection = lease.connection();
        this.codec = codec;
        this.hold = new Hold(lease, pool, exchange);
        lease.bodyPending(true);
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
        int n;
        try {
            n = codec.readBody(b, off, len);
        } catch (IoFailure e) {
            finish(CloseReason.ERROR);
            throw e;
        } catch (IOException e) {
            finish(CloseReason.ERROR);
            throw new IoFailure(Failures.exchange(e, connection.key(), connection.readTimeoutMillis(),
                    hold.exchange == null ? null : hold.exchange.call()));
        }
        if (n < 0) {
            finish(codec.reusable() ? null : codec.whyNotReusable());
            return -1;
        }
        delivered += n;
        return n;
    }

    /**
     * The whole body as one array without a copy, when the codec already has all of it in one piece
     * of {@code length} bytes (an HTTP/2 response whose DATA arrived at once); the body has then
     * ended and the connection is given back. Else null, and nothing was read.
     */
    public byte[] readWhole(long length) {
        if (done || delivered != 0 || length <= 0 || hold.released.get()) {
            return null;
        }
        byte[] whole = codec.takeWholeBody(length);
        if (whole == null) {
            return null;
        }
        delivered = whole.length;
        finish(codec.reusable() ? null : codec.whyNotReusable());
        return whole;
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
        CloseReason why = CloseReason.UNREAD_BODY;
        try {
            if (!hold.released.get() && codec.drain(DRAIN_MAX_BYTES, System.nanoTime() + DRAIN_MAX_NANOS)) {
                why = codec.reusable() ? null : codec.whyNotReusable();
            }
        } catch (IOException | RuntimeException e) {
            why = CloseReason.UNREAD_BODY;
        } finally {
            finish(why);
        }
    }

    private void finish(CloseReason notReusable) {
        done = true;
        if (hold.exchange != null && !hold.released.get()) {
            hold.exchange.bodyEnd(delivered);
        }
        hold.release(notReusable);
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
        hold.release(CloseReason.UNREAD_BODY);
    }

    /** The connection and whether it was given back; shared with the leak action, which must not see the stream. */
    private static final class Hold {
        /** Marks {@link #afterRelease} as spent: the release happened, a late action must run by itself. */
        static final Runnable RELEASED = () -> { };
        @SuppressWarnings("rawtypes")
        static final AtomicReferenceFieldUpdater<Hold, Runnable> AFTER_RELEASE =
                AtomicReferenceFieldUpdater.newUpdater(Hold.class, Runnable.class, "afterRelease");

        final Pooled<Connection> lease;
        final ConnectionPool<Connection> pool;
        final Exchange exchange;
        final AtomicBoolean released = new AtomicBoolean();
        /** Run once after the release (the session's end-of-call event), or {@link #RELEASED}. */
        volatile Runnable afterRelease;

        Hold(Pooled<Connection> lease, ConnectionPool<Connection> pool, Exchange exchange) {
            this.lease = lease;
            this.pool = pool;
            this.exchange = exchange;
        }

        /** Gives the connection back: {@code notReusable} is null to keep it, else why it is closed. */
        void release(CloseReason notReusable) {
            if (released.compareAndSet(false, true)) {
                // The call's guard lets go of the connection first: if it fired, it is closing it.
                CallGuard call = exchange == null ? null : exchange.call();
                boolean intact = call == null || call.detach();
                CloseReason why = !intact || notReusable == null && lease.connection().isClosed()
                        ? (notReusable != null ? notReusable : CloseReason.ERROR) : notReusable;
                boolean kept = pool.release(lease, why);
                if (exchange != null) {
                    exchange.released(lease.number(), kept);
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
            hold.release(CloseReason.UNREAD_BODY);
        }
    }
}
