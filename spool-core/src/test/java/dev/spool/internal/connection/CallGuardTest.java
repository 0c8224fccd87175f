package dev.spool.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.CallCancelledException;
import dev.spool.CallTimeoutException;
import dev.spool.SpoolException;
import java.io.Closeable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-call guard: what it aborts, when, and how a caller learns that it did. */
@Timeout(10)
class CallGuardTest {
    @Test
    void aCancelClosesWhatIsAttachedAndDetachSaysItWasTaken() throws Exception {
        CallGuard g = new CallGuard(0, false);
        AtomicInteger closed = new AtomicInteger();
        Closeable socket = closed::incrementAndGet;
        g.attach(socket);
        g.phase(CallGuard.Phase.CONNECT);
        g.cancel();
        assertEquals(1, closed.get());
        assertTrue(g.stopped());
        assertFalse(g.detach(), "the guard took it: not reusable");
        assertFalse(g.detach(), "and says so again");
        assertThrows(CallGuard.Stopped.class, () -> g.attach(socket), "nothing new starts once stopped");
        assertThrows(CallGuard.Stopped.class, g::check);
        g.phase(CallGuard.Phase.BODY);
        SpoolException e = Failures.stopped(g, "h:1", null);
        assertEquals("call to h:1 was cancelled while connecting", e.getMessage(), "the phase it was stopped in stays");
        assertTrue(e instanceof CallCancelledException);
    }

    @Test
    void aDetachedBlockerIsNotClosedAndAFinishedCallIgnoresCancel() throws Exception {
        CallGuard g = new CallGuard(0, false);
        AtomicInteger closed = new AtomicInteger();
        g.attach((Closeable) closed::incrementAndGet);
        assertTrue(g.detach());
        g.cancel();
        assertEquals(0, closed.get());
        CallGuard done = new CallGuard(0, false);
        done.attach((Closeable) closed::incrementAndGet);
        done.finish();
        done.cancel();
        assertFalse(done.stopped());
        assertEquals(0, closed.get());
    }

    @Test
    void theDeadlineWakesAPoolWaitAndNamesThePhase() throws Exception {
        CallGuard g = new CallGuard(TimeUnit.MILLISECONDS.toNanos(100), false);
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        long t0 = System.nanoTime(); // before the clock starts: a busy machine may pause this thread in between
        g.start();
        lock.lock();
        try {
            assertThrows(CallGuard.Stopped.class, () -> g.awaitPool(lock, never, TimeUnit.SECONDS.toNanos(5)));
        } finally {
            lock.unlock();
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 99 && ms < 1000, "woke after " + ms + " ms");
        SpoolException e = Failures.stopped(g, "h:1", null);
        assertTrue(e instanceof CallTimeoutException);
        assertEquals("call to h:1 timed out after 100 ms (call timeout) while waiting for a pooled connection", e.getMessage());
    }

    @Test
    void aCancelEndsABackoffSleep() throws Exception {
        CallGuard g = new CallGuard(0, false);
        CountDownLatch sleeping = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            sleeping.countDown();
            try {
                g.sleep(TimeUnit.SECONDS.toNanos(30));
            } catch (Exception e) {
                ended.set(e);
            }
        });
        t.start();
        assertTrue(sleeping.await(5, TimeUnit.SECONDS));
        g.cancel();
        t.join(5_000);
        assertFalse(t.isAlive());
        assertTrue(ended.get() instanceof CallGuard.Stopped, String.valueOf(ended.get()));
    }

    @Test
    void aSleepWithoutAStopLastsItsTime() throws Exception {
        CallGuard g = new CallGuard(0, false);
        long t0 = System.nanoTime();
        g.sleep(TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(g.detach(), "nothing left attached");
    }
}
