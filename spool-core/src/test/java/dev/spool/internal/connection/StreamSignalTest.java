package dev.spool.internal.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StreamSignal keeps a Condition's contract: wakes on signal, on timeout, on interrupt, with the lock held again. */
@Timeout(60)
class StreamSignalTest {
    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final StreamSignal signal = new StreamSignal(lock);
    private boolean news; // guarded by lock

    /** Waits as Http2ExchangeCodec does: until news, the time is up, or an interrupt. */
    private Thread waiter(AtomicLong left, AtomicBoolean interrupted, AtomicBoolean heldAfter) {
        Thread t = new Thread(() -> {
            lock.lock();
            try {
                long wait = LONG_WAIT;
                while (!news && wait > 0) {
                    wait = signal.awaitNanos(wait);
                }
                left.set(wait);
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                heldAfter.set(lock.isHeldByCurrentThread());
                lock.unlock();
            }
        });
        t.start();
        return t;
    }

    /** Returns once {@code t} is parked (so a signal cannot come before its wait). */
    private static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(t.isAlive(), "the waiter ended before it parked");
            Thread.onSpinWait();
        }
    }

    @Test
    void aSignalWakesEveryWaiterLongBeforeItsTimeout() throws InterruptedException {
        AtomicLong left1 = new AtomicLong();
        AtomicLong left2 = new AtomicLong();
        AtomicBoolean held1 = new AtomicBoolean();
        AtomicBoolean held2 = new AtomicBoolean();
        Thread a = waiter(left1, new AtomicBoolean(), held1);
        Thread b = waiter(left2, new AtomicBoolean(), held2);
        awaitParked(a);
        awaitParked(b);
        lock.lock();
        try {
            news = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
        a.join();
        b.join();
        assertTrue(left1.get() > 0 && left2.get() > 0, "both woke by the signal, not the 30 s timeout");
        assertTrue(held1.get() && held2.get(), "each held the lock again");
    }

    @Test
    void takeWaiterHandsTheThreadOverForTheCallerToUnpark() throws InterruptedException {
        AtomicLong left = new AtomicLong();
        Thread a = waiter(left, new AtomicBoolean(), new AtomicBoolean());
        awaitParked(a);
        Thread taken;
        lock.lock();
        try {
            news = true;
            taken = signal.takeWaiter();
            assertTrue(signal.takeWaiter() == null, "one waiter, taken once");
        } finally {
            lock.unlock();
        }
        assertTrue(taken == a);
        java.util.concurrent.locks.LockSupport.unpark(taken);
        a.join();
        assertTrue(left.get() > 0);
    }

    @Test
    void withoutASignalTheWaitEndsWhenItsTimeIsUp() throws InterruptedException {
        lock.lock();
        try {
            long wait = TimeUnit.MILLISECONDS.toNanos(20);
            while (wait > 0) {
                wait = signal.awaitNanos(wait);
            }
            assertTrue(lock.isHeldByCurrentThread());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void anInterruptEndsTheWaitWithTheLockHeld() throws InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean held = new AtomicBoolean();
        Thread a = waiter(new AtomicLong(), interrupted, held);
        awaitParked(a);
        a.interrupt();
        a.join();
        assertTrue(interrupted.get());
        assertTrue(held.get());
        assertFalse(lock.isLocked());
    }
}
