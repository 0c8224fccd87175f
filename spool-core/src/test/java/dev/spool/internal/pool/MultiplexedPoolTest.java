package dev.spool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;
import dev.spool.PoolTimeoutException;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.PoolSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool with connections that carry many exchanges at once (HTTP/2's shape), faked: no sockets,
 * a fake clock. One connection is leased to many callers up to its limit, callers wait for a
 * connection being opened instead of opening their own, and a retired connection closes after its
 * last exchange.
 */
@Timeout(10)
class MultiplexedPoolTest {
    static final OriginKey A = new OriginKey("https", "a.example", 443, TlsConfig.DEFAULT, null);
    static final OriginKey B = new OriginKey("https", "b.example", 443, TlsConfig.DEFAULT, null);

    final long[] now = {1_000_000_000L};
    final List<Mux> opened = new ArrayList<>();
    /** The limit each new connection starts with. */
    volatile int limit = 3;
    /** Whether new connections turn out multiplexed (false: the peer chose HTTP/1.1). */
    volatile boolean multiplexed = true;
    /** When set, opening waits on it (to make callers arrive while a connection is being opened). */
    volatile CountDownLatch openGate;

    /** A multiplexed connection that records what the pool did to it. */
    static final class Mux implements Poolable {
        volatile int max;
        final boolean multiplexed;
        volatile boolean closed;
        volatile boolean healthy = true;
        /** The idle time the pool passed to each health check, in order. */
        final List<Long> checkedIdle = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Runs inside each health check (a test makes one block, as a PING awaiting its answer). */
        volatile CheckGate checkGate = idle -> { };

        interface CheckGate {
            void check(long idleNanos) throws InterruptedException;
        }

        Mux(int max, boolean multiplexed) {
            this.max = max;
            this.multiplexed = multiplexed;
        }

        @Override
        public boolean isHealthy(long idleNanos, boolean thorough) {
            checkedIdle.add(idleNanos);
            try {
                checkGate.check(idleNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return healthy && !closed;
        }

        @Override
        public String protocol() {
            return multiplexed ? "h2" : "http/1.1";
        }

        @Override
        public int maxConcurrentExchanges() {
            return closed ? 0 : max;
        }

        @Override
        public boolean isMultiplexed() {
            return multiplexed;
        }

        @Override
        public void closeQuietly() {
            closed = true;
        }
    }

    ConnectionPool<Mux> pool(PoolSettings settings) {
        Opener<Mux> opener = new Opener<>() {
            @Override
            public Mux open(OriginKey key, int number) throws IOException {
                CountDownLatch gate = openGate;
                if (gate != null) {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                Mux c = new Mux(limit, multiplexed);
                synchronized (opened) {
                    opened.add(c);
                }
                return c;
            }

            @Override
            public boolean mayMultiplex(OriginKey key) {
                return true;
            }
        };
        return new ConnectionPool<>(settings, opener, () -> now[0]);
    }

    static PoolSettings settings(int maxSize, boolean block, Duration timeout) {
        return new PoolSettings(10, maxSize, block, timeout, Duration.ofMinutes(5));
    }

    static PoolStats.OriginStats stats(ConnectionPool<Mux> pool, OriginKey key) {
        return pool.stats().origin(key.origin());
    }

    @Test
    void oneConnectionCarriesExchangesUpToItsLimitThenASecondOpens() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        Pooled<Mux> a = pool.lease(A, false, false);
        Pooled<Mux> b = pool.lease(A, false, false);
        Pooled<Mux> c = pool.lease(A, false, false);
        assertSame(a, b);
        assertSame(a, c);
        assertEquals(3, a.leases, "each exchange counts as a lease");
        assertTrue(b.isReused(), "the second exchange reuses the connection");
        assertEquals(1, opened.size(), "three exchanges, one connection");
        Pooled<Mux> d = pool.lease(A, false, false);
        assertNotSame(a, d, "the first is full at its limit of 3");
        assertEquals(2, d.number());
        PoolStats.OriginStats s = stats(pool, A);
        assertEquals(2, s.multiplexed());
        assertEquals(4, s.streams());
        assertEquals(2, s.inUse());
        assertEquals(0, s.idle());
        for (Pooled<Mux> x : List.of(a, b, c, d)) {
            assertTrue(pool.release(x, true));
        }
        s = stats(pool, A);
        assertEquals(0, s.streams());
        assertEquals(2, s.idle(), "both kept, idle");
        assertEquals(0, s.inUse());
        assertSame(a, pool.lease(A, false, false), "the first opened is filled first");
        assertTrue(a.isReused());
    }

    @Test
    void poolStatsListEachConnectionWithItsProtocolAndStreams() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        List<Pooled<Mux>> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(pool.lease(A, false, false)); // 3 on connection 1 (its limit), 1 on connection 2
        }
        assertEquals(List.of(new PoolStats.ConnectionStats(1, "h2", 3, 3), new PoolStats.ConnectionStats(2, "h2", 1, 3)),
                stats(pool, A).connections());
        pool.release(leases.get(0), true);
        pool.release(leases.get(3), true);
        List<PoolStats.ConnectionStats> now = stats(pool, A).connections();
        assertEquals(2, now.get(0).streams());
        assertTrue(now.get(1).isIdle());
        assertEquals(2, stats(pool, A).connections("h2"));
        assertEquals(0, stats(pool, A).connections("http/1.1"));
        opened.get(0).max = 0; // GOAWAY: it takes no new stream, and says so
        assertEquals(0, stats(pool, A).connections().get(0).maxStreams());
    }

    @Test
    void poolStatsListOneAtATimeConnectionsIdleAndLeased() throws IOException {
        multiplexed = false;
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        Pooled<Mux> a = pool.lease(A, false, false);
        Pooled<Mux> b = pool.lease(A, false, false);
        pool.release(a, true);
        assertEquals(List.of(new PoolStats.ConnectionStats(1, "http/1.1", 0, 1),
                new PoolStats.ConnectionStats(2, "http/1.1", 1, 1)), stats(pool, A).connections());
        pool.release(b, true);
    }

    @Test
    void theHealthCheckIsToldHowLongTheConnectionHadNoExchangeInFlight() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        Pooled<Mux> a = pool.lease(A, false, false);
        pool.release(a, true);
        now[0] += TimeUnit.SECONDS.toNanos(7);
        Pooled<Mux> b = pool.lease(A, false, false);
        Pooled<Mux> c = pool.lease(A, false, false); // while b is in flight: not idle at all
        Mux m = opened.get(0);
        assertEquals(List.of(TimeUnit.SECONDS.toNanos(7), 0L), m.checkedIdle);
        pool.release(b, true);
        pool.release(c, true);
    }

    @Test
    void leasesSharingAConnectionWhileItIsCheckedAfterIdlePassTheSameIdleTime() throws Exception {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        pool.release(pool.lease(A, false, false), true);
        now[0] += TimeUnit.SECONDS.toNanos(7);
        CountDownLatch inCheck = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Mux blocking = opened.get(0);
        ExecutorService ex = Executors.newFixedThreadPool(1);
        try {
            // The first lease's check blocks (as a PING awaiting its answer) until the second lease checked too.
            blocking.checkGate = idle -> {
                if (idle > 0 && inCheck.getCount() > 0) {
                    inCheck.countDown();
                    finish.await(5, TimeUnit.SECONDS);
                }
            };
            Future<Pooled<Mux>> first = ex.submit(() -> pool.lease(A, false, false));
            assertTrue(inCheck.await(5, TimeUnit.SECONDS));
            Pooled<Mux> second = pool.lease(A, false, false); // while the first is still checking
            finish.countDown();
            Pooled<Mux> firstLease = first.get(5, TimeUnit.SECONDS);
            assertSame(firstLease, second);
            long seven = TimeUnit.SECONDS.toNanos(7);
            assertEquals(List.of(seven, seven), blocking.checkedIdle, "the second waits for the same check");
            Pooled<Mux> third = pool.lease(A, false, false); // after the check: in flight, not idle
            assertEquals(List.of(seven, seven, 0L), blocking.checkedIdle);
            for (Pooled<Mux> x : List.of(firstLease, second, third)) {
                pool.release(x, true);
            }
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aConnectionThatTakesStreamsButFailsItsCheckIsRetiredAsUnresponsive() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        pool.release(pool.lease(A, false, false), true);
        opened.get(0).healthy = false; // as a PING that went unanswered
        Pooled<Mux> next = pool.lease(A, false, false);
        assertEquals(2, next.number());
        assertTrue(opened.get(0).closed, "the unresponsive connection was closed");
        PoolStats.OriginStats s = stats(pool, A);
        assertEquals(1, s.closed(dev.spool.CloseReason.UNRESPONSIVE));
        assertEquals(1, s.opened(dev.spool.OpenReason.IDLE_UNUSABLE));
        assertEquals(2, s.requests(), "the failed check served no request");
        assertEquals(List.of(new PoolStats.ConnectionStats(2, "h2", 1, 3)), s.connections());
        pool.release(next, true);
    }

    @Test
    void fiftyCallersAtOnceOpenOneConnection() throws Exception {
        limit = 100;
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        openGate = new CountDownLatch(1);
        ExecutorService ex = Executors.newFixedThreadPool(50);
        try {
            List<Future<Pooled<Mux>>> leases = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                leases.add(ex.submit(() -> pool.lease(A, false, false)));
            }
            awaitParked(ex, 50); // one opening, 49 waiting for it
            openGate.countDown();
            Pooled<Mux> first = leases.get(0).get(5, TimeUnit.SECONDS);
            for (Future<Pooled<Mux>> f : leases) {
                assertSame(first, f.get(5, TimeUnit.SECONDS));
            }
            assertEquals(1, opened.size(), "one connection for 50 concurrent callers");
            assertEquals(50, stats(pool, A).streams());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void whenTheOpenedConnectionIsNotMultiplexedTheWaitersOpenTheirOwn() throws Exception {
        multiplexed = false;
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        openGate = new CountDownLatch(1);
        ExecutorService ex = Executors.newFixedThreadPool(5);
        try {
            List<Future<Pooled<Mux>>> leases = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                leases.add(ex.submit(() -> pool.lease(A, false, false)));
            }
            awaitParked(ex, 5);
            openGate.countDown();
            for (Future<Pooled<Mux>> f : leases) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertEquals(5, opened.size(), "HTTP/1.1 was chosen: one connection per caller");
            assertEquals(0, stats(pool, A).multiplexed());
            assertEquals(5, stats(pool, A).inUse());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aFailedOpenLetsTheWaitersTryTheirOwn() throws Exception {
        ConnectionPool<Mux> failing = new ConnectionPool<>(PoolSettings.DEFAULT, new Opener<>() {
            int calls;

            @Override
            public synchronized Mux open(OriginKey key, int number) throws IOException {
                if (calls++ == 0) {
                    throw new IOException("refused");
                }
                return new Mux(10, true);
            }

            @Override
            public boolean mayMultiplex(OriginKey key) {
                return true;
            }
        }, () -> now[0]);
        assertThrows(IOException.class, () -> failing.lease(A, false, false));
        Pooled<Mux> next = failing.lease(A, false, false);
        assertEquals(2, next.number());
        assertEquals(1, stats(failing, A).streams());
        assertEquals(1, stats(failing, A).inUse(), "the failed open gave its slot back: only the new connection is in use");
    }

    @Test
    void aRetiredConnectionTakesNoNewExchangeAndClosesAfterItsLast() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        Pooled<Mux> a = pool.lease(A, false, false);
        Pooled<Mux> b = pool.lease(A, false, false);
        assertFalse(pool.release(a, false), "retired: not kept");
        assertFalse(a.connection().closed, "an exchange is still in flight on it");
        Pooled<Mux> c = pool.lease(A, false, false);
        assertNotSame(b, c, "no new exchange on a retired connection");
        assertFalse(pool.release(b, true), "still retired");
        assertTrue(a.connection().closed, "closed after its last exchange");
        assertEquals(1, stats(pool, A).multiplexed());
        assertEquals(1, stats(pool, A).closed());
        pool.release(c, true);
    }

    @Test
    void aConnectionThatStopsTakingExchangesIsLeftForANewOne() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        Pooled<Mux> a = pool.lease(A, false, false);
        a.connection().max = 0; // GOAWAY: in-flight exchanges finish, no new ones
        Pooled<Mux> b = pool.lease(A, false, false);
        assertNotSame(a, b);
        assertFalse(pool.release(a, true), "not kept: it takes no new exchange");
        assertTrue(a.connection().closed);
        assertTrue(pool.release(b, true));
    }

    @Test
    void anUnhealthyMultiplexedConnectionIsRetiredAtLeaseAndANewOneOpens() throws IOException {
        ConnectionPool<Mux> pool = pool(PoolSettings.DEFAULT);
        Pooled<Mux> a = pool.lease(A, false, false);
        pool.release(a, true);
        a.connection().healthy = false; // its reader saw the server go away
        Pooled<Mux> b = pool.lease(A, false, false);
        assertNotSame(a, b);
        assertTrue(a.connection().closed, "retired with no exchange in flight: closed");
        assertEquals(1, stats(pool, A).multiplexed());
        assertEquals(1, stats(pool, A).closed());
        pool.release(b, true);
    }

    @Test
    void withPoolBlockACallerWaitsForAFreeExchangeAndTimesOut() throws Exception {
        limit = 2;
        ConnectionPool<Mux> pool = pool(settings(1, true, Duration.ofMillis(50)));
        Pooled<Mux> a = pool.lease(A, false, false);
        pool.lease(A, false, false);
        PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.lease(A, false, false));
        assertTrue(e.getMessage().contains("a.example"), e.getMessage());
        assertEquals(1, opened.size(), "never more than poolMaxSize connections");
        ConnectionPool<Mux> waiting = pool(settings(1, true, Duration.ofSeconds(5)));
        Pooled<Mux> x = waiting.lease(B, false, false);
        waiting.lease(B, false, false);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Pooled<Mux>> waiter = ex.submit(() -> waiting.lease(B, false, false));
            awaitParked(ex, 1);
            waiting.release(x, true);
            assertSame(x, waiter.get(5, TimeUnit.SECONDS), "the freed exchange slot went to the waiter");
        } finally {
            ex.shutdownNow();
        }
        pool.release(a, true);
    }

    @Test
    void anIdleMultiplexedConnectionExpiresAndAnEvictedOneClosesAfterItsExchanges() throws IOException {
        ConnectionPool<Mux> pool = pool(new PoolSettings(1, 10, false, Duration.ofSeconds(30), Duration.ofSeconds(60)));
        Pooled<Mux> a = pool.lease(A, false, false);
        pool.release(a, true);
        now[0] += TimeUnit.SECONDS.toNanos(61);
        assertEquals(1, pool.cleanup(now[0]));
        assertTrue(a.connection().closed, "idle past maxIdle");
        Pooled<Mux> b = pool.lease(A, false, false);
        Pooled<Mux> c = pool.lease(B, false, false); // one origin kept: A's pool is evicted
        assertFalse(b.connection().closed, "an exchange in flight is never cut");
        assertFalse(pool.release(b, true));
        assertTrue(b.connection().closed, "closed after its last exchange");
        pool.release(c, true);
    }

    /** Waits until the executor's threads are all parked (waiting in the pool or on the open gate). */
    private static void awaitParked(ExecutorService ex, int threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            int parked = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("pool-") && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                        && isIn(t, "lease")) {
                    parked++;
                }
            }
            if (parked >= threads) {
                return;
            }
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        throw new AssertionError("the callers did not all reach the pool in time");
    }

    private static boolean isIn(Thread t, String method) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().endsWith("ConnectionPool") && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFullHttp2ConnectionSaysNoFreeStreamAndGoawaySaysSoOnClose() throws IOException {
        limit = 1;
        List<String> closes = new ArrayList<>();
        Opener<Mux> opener = new Opener<>() {
            @Override
            public Mux open(OriginKey key, int number) {
                Mux c = new Mux(limit, true);
                opened.add(c);
                return c;
            }

            @Override
            public boolean mayMultiplex(OriginKey key) {
                return true;
            }
        };
        ConnectionPool<Mux> pool = new ConnectionPool<>(settings(10, false, Duration.ofSeconds(1)), opener, () -> now[0],
                (origin, number, reason, detail) -> closes.add(number + " " + reason + ": " + detail));
        Pooled<Mux> first = pool.lease(A, false, false);
        assertEquals(dev.spool.OpenReason.FIRST, first.openReason());
        Pooled<Mux> second = pool.lease(A, false, false);
        assertEquals(dev.spool.OpenReason.ALL_IN_USE, second.openReason());
        assertEquals("no free HTTP/2 stream: connection 1 carries 1 of 1 streams the server allows", second.openDetail());
        // The server says GOAWAY on connection 1: it takes no new stream, and closes after its last one.
        opened.get(0).max = 0;
        Pooled<Mux> third = pool.lease(A, false, false);
        assertEquals(dev.spool.OpenReason.ALL_IN_USE, third.openReason(), "connection 2 is still busy");
        pool.release(first, dev.spool.CloseReason.GOAWAY);
        assertEquals(List.of("1 GOAWAY: the server sent GOAWAY"), closes);
        assertEquals(1, stats(pool, A).closed(dev.spool.CloseReason.GOAWAY));
        assertEquals(2, stats(pool, A).opened(dev.spool.OpenReason.ALL_IN_USE));
        pool.close();
        pool.release(second, true);
        pool.release(third, true);
        assertEquals(List.of("1 GOAWAY: the server sent GOAWAY", "2 SESSION_CLOSED: the session was closed",
                "3 SESSION_CLOSED: the session was closed"), closes);
    }
}
