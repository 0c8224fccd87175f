package dev.spool.internal.connection;

import dev.spool.CallScope;
import dev.spool.Request;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadline and cancel flag of one call (a request with its retries and redirects), made only for
 * a call with a total timeout or an async one. It is a {@link Watchdog} operation entered once for the
 * whole call: when its deadline passes, or when {@link #cancel()} is called, it aborts whatever the
 * call is blocked in (the connection it is exchanging on, the socket it is connecting, the pool wait
 * or the retry backoff it sits in), and the failure that follows is reported by {@link Failures} as
 * the call's timeout or cancellation, naming the {@link Phase} it interrupted.
 *
 * <p>The per-read and per-write timeouts are separate operations and stay as they are.
 */
public final class CallGuard extends Watchdog.Operation implements CallScope {
    /** What a call is doing, for the message of the exception that stops it. */
    public enum Phase {
        POOL_WAIT("waiting for a pooled connection"),
        DNS("resolving the host name"),
        CONNECT("connecting"),
        TLS("in the TLS handshake"),
        WRITE("writing the request"),
        HEAD("waiting for the response head"),
        BODY("reading the response body"),
        RETRY_WAIT("waiting to retry");

        private final String words;

        Phase(String words) {
            this.words = words;
        }

        /** The phase in words ("writing the request"). */
        public String words() {
            return words;
        }
    }

    private static final int RUNNING = 0;
    private static final int TIMED_OUT = 1;
    private static final int CANCELLED = 2;
    private static final int FINISHED = 3;
    /** What {@link #blocker} holds once the guard fired and took what was there to abort. */
    private static final Object FIRED = new Object();
    private static final VarHandle STATE;
    private static final VarHandle BLOCKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(CallGuard.class, "state", int.class);
            BLOCKER = l.findVarHandle(CallGuard.class, "blocker", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long timeoutNanos;
    private volatile int state;
    /** What the call is blocked in (an exchange's codec, a connecting channel, a pool wait, a sleeping thread), or null. */
    private volatile Object blocker;
    private volatile Phase phase = Phase.POOL_WAIT;
    /** Whether a streamed response's body is outside the deadline (the clock stops at the head). */
    private final boolean headOnly;

    /** The guard of a request's call, or null when the call has none (or another kind of scope). */
    public static CallGuard of(Request request) {
        CallScope scope = request.call();
        return scope instanceof CallGuard ? (CallGuard) scope : null;
    }

    /**
     * A guard for one call.
     *
     * @param timeoutNanos the total deadline, or 0 for none (cancel only)
     * @param headOnly whether the deadline stops once a streamed response's head has arrived
     */
    public CallGuard(long timeoutNanos, boolean headOnly) {
        this.timeoutNanos = timeoutNanos;
        this.headOnly = headOnly;
    }

    /** Starts the call's clock (no-op without a deadline). */
    public void start() {
        if (timeoutNanos > 0) {
            enter(timeoutNanos);
        }
    }

    /** The call ended (response done, or failed): the deadline no longer applies and cancel does nothing. */
    public void finish() {
        STATE.compareAndSet(this, RUNNING, FINISHED);
        if (timeoutNanos > 0) {
            exit();
            forget();
        }
    }

    /** Whether the deadline stops once a streamed response's head has arrived. */
    public boolean headOnly() {
        return headOnly;
    }

    /** The total deadline in milliseconds, 0 for none. */
    public long timeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    /** Cancels the call: whatever it is blocked in is aborted and it fails; no-op once it ended. */
    public void cancel() {
        if (STATE.compareAndSet(this, RUNNING, CANCELLED)) {
            abortBlocker();
        }
    }

    @Override
    void timedOut() {
        if (STATE.compareAndSet(this, RUNNING, TIMED_OUT)) {
            abortBlocker();
        }
    }

    /** Whether the call timed out or was cancelled. */
    public boolean stopped() {
        int s = state;
        return s == TIMED_OUT || s == CANCELLED;
    }

    /** Whether the call's deadline passed (as opposed to being cancelled). */
    public boolean timedOutNow() {
        return state == TIMED_OUT;
    }

    /** The phase the call is in (or was in when it was stopped). */
    public Phase phase() {
        return phase;
    }

    /** The call enters a phase; ignored once it was stopped, so the phase it was stopped in stays. */
    public void phase(Phase p) {
        if (state == RUNNING) {
            phase = p;
        }
    }

    /** Throws when the call was stopped, so that it does not start another blocking step. */
    public void check() throws IOException {
        if (stopped()) {
            throw new Stopped();
        }
    }

    /**
     * The call is about to block in {@code what} (the {@link ExchangeCodec} of its exchange, which a
     * timeout or cancel {@linkplain ExchangeCodec#cancel() cancels}, or a socket being connected, which
     * they close).
     *
     * @throws IOException when the call was stopped already
     */
    public void attach(Object what) throws IOException {
        Object was = blocker;
        if (was == FIRED || !BLOCKER.compareAndSet(this, was, what)) {
            throw new Stopped(); // fired in between
        }
        if (stopped() && BLOCKER.compareAndSet(this, what, null)) {
            throw new Stopped(); // stopped before it saw what to abort
        }
    }

    /**
     * The call no longer blocks in what it attached.
     *
     * @return false when the guard fired and took it (the exchange was or is being cancelled: for HTTP/1.1
     *     its connection is closed, not reusable)
     */
    public boolean detach() {
        Object was = BLOCKER.getAndSet(this, null);
        if (was == FIRED) {
            blocker = FIRED;
            return false;
        }
        return true;
    }

    /** Waits for a pool's condition, woken early when the call is stopped; the lock is held. */
    public long awaitPool(Lock lock, Condition condition, long nanos) throws IOException, InterruptedException {
        PoolWake wake = new PoolWake(lock, condition);
        attach(wake);
        try {
            return condition.awaitNanos(nanos);
        } finally {
            detach();
            check();
        }
    }

    /** Sleeps (the retry backoff), woken early when the call is stopped. */
    public void sleep(long nanos) throws IOException, InterruptedException {
        Thread me = Thread.currentThread();
        attach(me);
        try {
            long end = System.nanoTime() + nanos;
            for (long left = nanos; left > 0 && !stopped(); left = end - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            detach();
        }
        check();
    }

    private void abortBlocker() {
        Object b = BLOCKER.getAndSet(this, FIRED);
        if (b instanceof ExchangeCodec) {
            ((ExchangeCodec) b).cancel(); // HTTP/1.1: closes the connection; a multiplexed codec resets its stream
        } else if (b instanceof Closeable) {
            try {
                ((Closeable) b).close();
            } catch (IOException | RuntimeException e) {
                // closed either way
            }
        } else if (b instanceof PoolWake) {
            ((PoolWake) b).wake();
        } else if (b instanceof Thread) {
            LockSupport.unpark((Thread) b);
        }
    }

    /** Wakes a caller waiting for a pooled connection. */
    private static final class PoolWake {
        private final Lock lock;
        private final Condition condition;

        PoolWake(Lock lock, Condition condition) {
            this.lock = lock;
            this.condition = condition;
        }

        void wake() {
            lock.lock(); // the pool never holds it across I/O, so this is brief
            try {
                condition.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The I/O failure of a call that was stopped; {@link Failures} words it as a timeout or a cancel. */
    public static final class Stopped extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("call stopped");
        }
    }
}
