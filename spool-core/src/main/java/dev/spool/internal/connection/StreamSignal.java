package dev.spool.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the caller waiting for news of one HTTP/2 stream, used like a {@code Condition} of the
 * connection's state lock but without its hand-off: a {@code Condition}'s signal queues the woken
 * thread behind the lock, so callers woken together wake one after another, each when the one
 * before it has run and let go of the lock; under load that chain is what a response waits for.
 * Here the reader unparks each waiter directly ({@link #takeWaiter} lets it do so after it let go
 * of the lock), and each reacquires the lock on its own.
 *
 * <p>Every method but {@link #awaitNanos}'s park runs under the state lock. Usually one thread
 * waits (the stream's caller); more are kept in a list.
 */
final class StreamSignal {
    private final ReentrantLock lock;
    private Thread waiter;
    private List<Thread> others;

    StreamSignal(ReentrantLock lock) {
        this.lock = lock;
    }

    /**
     * Like {@code Condition.awaitNanos}: lets go of the lock, waits until signalled, interrupted or
     * {@code nanos} have passed (or spuriously), takes the lock again, and returns the nanoseconds left.
     *
     * @throws InterruptedException if the thread was interrupted (the lock is held again)
     */
    long awaitNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread me = Thread.currentThread();
        add(me);
        long deadline = System.nanoTime() + nanos;
        lock.unlock();
        try {
            LockSupport.parkNanos(this, nanos);
        } finally {
            lock.lock();
            remove(me);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return deadline - System.nanoTime();
    }

    /** Wakes every waiting thread now (under the lock). */
    void signalAll() {
        Thread t;
        while ((t = takeWaiter()) != null) {
            LockSupport.unpark(t);
        }
    }

    /** Takes one waiting thread for the caller to unpark, or null when none waits (under the lock). */
    Thread takeWaiter() {
        Thread t = waiter;
        if (t != null) {
            waiter = null;
            return t;
        }
        if (others != null && !others.isEmpty()) {
            return others.remove(others.size() - 1);
        }
        return null;
    }

    private void add(Thread t) {
        if (waiter == null) {
            waiter = t;
        } else {
            if (others == null) {
                others = new ArrayList<>(2);
            }
            others.add(t);
        }
    }

    private void remove(Thread t) {
        if (waiter == t) {
            waiter = null;
        } else if (others != null) {
            others.remove(t);
        }
    }
}
