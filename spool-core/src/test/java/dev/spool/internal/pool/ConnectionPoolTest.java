package dev.spool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pool behaviour with fake connections and a fake clock: no sockets, no sleeping. */
@Timeout(10)
class ConnectionPoolTest {
    static final OriginKey A = key("a.example");
    static final OriginKey B = key("b.example");
    static final OriginKey C = key("c.example");

    final long[] now = {1_000_000_000L};
    final List<FakeConnection> opened = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    Handler handler;

    static OriginKey key(String host) {
        return new OriginKey("http", host, 80, TlsConfig.DEFAULT, null);
    }

    /** A connection that only records what the pool did to it. */
    static final class FakeConnection implements Poolable {
        final OriginKey key;
        volatile boolean healthy = true;
        volatile boolean closed;
        final AtomicInteger healthChecks = new AtomicInteger();
        volatile boolean lastThorough;

        FakeConnection(OriginKey key) {
            this.key = key;
        }

        @Override
        public boolean isHealthy(long idleNanos, boolean thorough) {
            healthChecks.incrementAndGet();
            lastThorough = thorough;
            return healthy && !closed;
        }

        @Override
        public void closeQuietly() {
            closed = true;
        }
    }

    @BeforeEach
    void captureLogs() {
        Logger jul = Logger.getLogger("dev.spool.pool");
        jul.setLevel(java.util.logging.Level.ALL);
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String msg = r.getMessage();
                if (r.getParameters() != null) {
                    msg = java.text.MessageFormat.format(msg, r.getParameters());
                }
                // System.Logger's DEBUG arrives in java.util.logging as FINE.
                String level = r.getLevel() == java.util.logging.Level.FINE ? "DEBUG" : r.getLevel().getName();
                synchronized (logs) {
                    logs.add(level + " " + msg);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
    }

    @AfterEach
    void removeHandler() {
        Logger.getLogger("dev.spool.pool").removeHandler(handler);
    }

    ConnectionPool<FakeConnection> pool(PoolSettings settings) {
        return new ConnectionPool<>(settings, (key, number) -> {
            FakeConnection c = new FakeConnection(key);
            synchronized (opened) {
                opened.add(c);
            }
            return c;
        }, () -> now[0]);
    }

    static PoolSettings settings(int connections, int maxSize, boolean block, Duration timeout) {
        return new PoolSettings(connections, maxSize, block, timeout, Duration.ofMinutes(5));
    }

    @Test
    void releasedConnectionIsReusedAndNumbered() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        assertEquals(1, c1.number());
        assertFalse(c1.isReused());
        pool.release(c1, true);
        Pooled<FakeConnection> again = pool.lease(A, false, false);
        assertSame(c1, again);
        assertTrue(again.isReused());
        pool.release(again, true);
        PoolStats stats = pool.stats();
        assertEquals(1, stats.connectionsOpened());
        assertEquals(new PoolStats.OriginStats("http://a.example:80", 1, 0, 1, 0, 0, 0,
                java.util.Map.of(dev.spool.OpenReason.FIRST, 1L), java.util.Map.of(), 2, 0,
                java.util.List.of(new PoolStats.ConnectionStats(1, "http/1.1", 0, 1))), stats.origin("http://a.example:80"));
        assertEquals(2.0, stats.origin("http://a.example:80").requestsPerConnection());
        assertTrue(logs.contains("DEBUG Starting new HTTP connection (1): a.example:80"), logs.toString());
    }

    @Test
    void mostRecentlyReturnedIsReusedFirst() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        Pooled<FakeConnection> c2 = pool.lease(A, false, false);
        assertEquals(2, c2.number());
        pool.release(c1, true);
        pool.release(c2, true);
        assertSame(c2, pool.lease(A, false, false));
        assertSame(c1, pool.lease(A, false, false));
    }

    @Test
    void nonReusableReleaseClosesTheConnection() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        pool.release(c1, false);
        assertTrue(c1.connection().closed);
        assertNotSame(c1, pool.lease(A, false, false));
        assertEquals(1, pool.stats().origin("http://a.example:80").closed());
    }

    @Test
    void fullPoolDiscardsSurplusWithOneRateLimitedWarning() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(settings(10, 2, false, Duration.ofSeconds(30)));
        List<Pooled<FakeConnection>> leased = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leased.add(pool.lease(A, false, false)); // non-blocking: opens beyond maxSize
        }
        assertEquals(5, pool.stats().inUse());
        for (Pooled<FakeConnection> c : leased) {
            pool.release(c, true);
        }
        assertEquals(2, pool.stats().idle());
        assertTrue(leased.get(2).connection().closed && leased.get(3).connection().closed && leased.get(4).connection().closed);
        List<String> warnings = warnings();
        assertEquals(List.of("WARNING Connection pool is full, discarding connection: a.example. Connection pool size: 2"),
                warnings);
        // A minute later the next discard warns again, with the count since the last warning.
        now[0] += TimeUnit.SECONDS.toNanos(61);
        Pooled<FakeConnection> x = pool.lease(A, false, false);
        Pooled<FakeConnection> y = pool.lease(A, false, false);
        Pooled<FakeConnection> z = pool.lease(A, false, false);
        pool.release(x, true);
        pool.release(y, true);
        pool.release(z, true);
        assertEquals("WARNING Connection pool is full, discarding connection: a.example. Connection pool size: 2"
                + " (3 discarded since the last warning)", warnings().get(1));
    }

    private List<String> warnings() {
        List<String> out = new ArrayList<>();
        synchronized (logs) {
            for (String l : logs) {
                if (l.startsWith("WARNING")) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    @Test
    void blockingPoolTimesOutWhenAllConnectionsAreInUse() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(settings(10, 2, true, Duration.ofMillis(50)));
        pool.lease(A, false, false);
        pool.lease(A, false, false);
        PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.lease(A, false, false));
        assertTrue(e.getMessage().contains("http://a.example:80"), e.getMessage());
        assertTrue(e.getMessage().contains("50 ms"), e.getMessage());
        assertEquals(2, opened.size());
    }

    @Test
    void blockingPoolHandsAReleasedConnectionToAWaiter() throws Exception {
        ConnectionPool<FakeConnection> pool = pool(settings(10, 1, true, Duration.ofSeconds(5)));
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<Pooled<FakeConnection>> waiter = ex.submit(() -> {
                started.countDown();
                return pool.lease(A, false, false);
            });
            started.await();
            pool.release(c1, true);
            assertSame(c1, waiter.get(5, TimeUnit.SECONDS));
            assertEquals(1, opened.size());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void blockingPoolLetsAWaiterOpenANewConnectionWhenOneIsDiscarded() throws Exception {
        ConnectionPool<FakeConnection> pool = pool(settings(10, 1, true, Duration.ofSeconds(5)));
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Pooled<FakeConnection>> waiter = ex.submit(() -> pool.lease(A, false, false));
            pool.release(c1, false);
            Pooled<FakeConnection> c2 = waiter.get(5, TimeUnit.SECONDS);
            assertNotSame(c1, c2);
            assertEquals(2, c2.number());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void keepAliveTimeoutExpiresTheConnection() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        c1.keepAliveHint(1); // Keep-Alive: timeout=1
        pool.release(c1, true);
        now[0] += TimeUnit.MILLISECONDS.toNanos(400);
        assertSame(c1, pool.lease(A, false, false), "still fresh before the server's timeout minus the margin");
        c1.keepAliveHint(1);
        pool.release(c1, true);
        now[0] += TimeUnit.SECONDS.toNanos(1);
        Pooled<FakeConnection> c2 = pool.lease(A, false, false);
        assertNotSame(c1, c2, "not reused after the server's 1 s keep-alive");
        assertTrue(c1.connection().closed);
        assertEquals(2, c2.number());
    }

    @Test
    void defaultMaxIdleExpiresConnections() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        pool.release(c1, true);
        assertEquals(0, pool.cleanup(now[0] + TimeUnit.MINUTES.toNanos(4)));
        assertEquals(1, pool.cleanup(now[0] + TimeUnit.MINUTES.toNanos(5)));
        assertTrue(c1.connection().closed);
        assertEquals(0, pool.stats().idle());
    }

    @Test
    void leastRecentlyUsedOriginIsEvictedAndItsIdleConnectionsClosed() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(settings(2, 10, false, Duration.ofSeconds(30)));
        Pooled<FakeConnection> a = pool.lease(A, false, false);
        pool.release(a, true);
        now[0] += 1;
        Pooled<FakeConnection> b = pool.lease(B, false, false);
        pool.release(b, true);
        now[0] += 1;
        pool.release(pool.lease(A, false, false), true); // A is now more recent than B
        now[0] += 1;
        Pooled<FakeConnection> c = pool.lease(C, false, false);
        assertTrue(b.connection().closed, "B was least recently used");
        assertFalse(a.connection().closed);
        assertNull(pool.stats().origin("http://b.example:80"));
        assertEquals(2, pool.stats().origins().size());
        pool.release(c, true);
    }

    @Test
    void evictedPoolClosesInUseConnectionsOnlyWhenReleased() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(settings(1, 10, false, Duration.ofSeconds(30)));
        Pooled<FakeConnection> a = pool.lease(A, false, false);
        now[0] += 1;
        Pooled<FakeConnection> b = pool.lease(B, false, false); // evicts A's pool while a is in flight
        assertFalse(a.connection().closed, "a request in flight is never cut");
        pool.release(a, true);
        assertTrue(a.connection().closed, "closed when it comes back to an evicted pool");
        pool.release(b, true);
        assertFalse(b.connection().closed);
    }

    @Test
    void deadIdleConnectionIsResetBeforeReuse() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        pool.release(c1, true);
        c1.connection().healthy = false;
        Pooled<FakeConnection> c2 = pool.lease(A, false, true);
        assertNotSame(c1, c2);
        assertTrue(c1.connection().closed);
        assertTrue(c1.connection().lastThorough);
        assertEquals(2, c2.number());
        assertTrue(logs.contains("DEBUG Resetting dropped connection: a.example"), logs.toString());
        assertTrue(logs.contains("DEBUG Starting new HTTP connection (2): a.example:80"), logs.toString());
        PoolStats.OriginStats s = pool.stats().origin("http://a.example:80");
        assertEquals(1, s.inUse());
        assertEquals(2, s.opened());
        assertEquals(1, s.closed());
    }

    @Test
    void freshLeaseSkipsIdleConnections() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> c1 = pool.lease(A, false, false);
        pool.release(c1, true);
        Pooled<FakeConnection> c2 = pool.lease(A, true, false);
        assertNotSame(c1, c2);
    }

    @Test
    void openFailureGivesTheSlotBack() {
        ConnectionPool<FakeConnection> pool = new ConnectionPool<>(settings(10, 1, true, Duration.ofMillis(50)),
                (key, n) -> {
                    throw new IOException("refused");
                }, () -> now[0]);
        assertThrows(IOException.class, () -> pool.lease(A, false, false));
        assertThrows(IOException.class, () -> pool.lease(A, false, false), "no slot was lost: a second open is tried");
        assertEquals(0, pool.stats().inUse());
    }

    @Test
    void closeClosesIdleNowAndLeasedOnRelease() throws IOException {
        ConnectionPool<FakeConnection> pool = pool(PoolSettings.DEFAULT);
        Pooled<FakeConnection> idle = pool.lease(A, false, false);
        Pooled<FakeConnection> busy = pool.lease(A, false, false);
        pool.release(idle, true);
        pool.close();
        assertTrue(idle.connection().closed);
        assertFalse(busy.connection().closed);
        pool.release(busy, true);
        assertTrue(busy.connection().closed);
        assertThrows(IllegalStateException.class, () -> pool.lease(A, false, false));
    }

    @Test
    void concurrentLeasesNeverExceedMaxSizeWhenBlocking() throws Exception {
        ConnectionPool<FakeConnection> pool = pool(settings(10, 4, true, Duration.ofSeconds(5)));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Pooled<FakeConnection> c = pool.lease(A, false, false);
                        int n = inFlight.incrementAndGet();
                        maxInFlight.accumulateAndGet(n, Math::max);
                        inFlight.decrementAndGet();
                        pool.release(c, i % 50 != 0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
        assertTrue(maxInFlight.get() <= 4, "at most maxSize in flight, saw " + maxInFlight.get());
        PoolStats.OriginStats s = pool.stats().origin("http://a.example:80");
        assertEquals(0, s.inUse());
        assertTrue(s.idle() <= 4);
        assertEquals(s.opened() - s.closed(), s.idle(), "opened - closed = idle");
        int open = 0;
        for (FakeConnection c : opened) {
            if (!c.closed) {
                open++;
            }
        }
        assertEquals(s.idle(), open);
    }

    @Test
    void anIdleConnectionPastMaxIdleExpiresAndTheNextOneSaysSo() throws IOException {
        List<String> closes = new ArrayList<>();
        ConnectionPool<FakeConnection> pool = new ConnectionPool<>(settings(10, 10, false, Duration.ofSeconds(1)),
                (key, number) -> new FakeConnection(key), () -> now[0],
                (origin, number, reason, detail) -> closes.add(number + " " + reason + ": " + detail));
        pool.release(pool.lease(A, false, false), true);
        now[0] += TimeUnit.SECONDS.toNanos(301);
        Pooled<FakeConnection> next = pool.lease(A, false, false);
        String expired = "it expired after 301.0 s idle (the pool keeps idle connections 300.0 s)";
        assertEquals(List.of("1 IDLE_EXPIRED: " + expired), closes);
        assertEquals(dev.spool.OpenReason.IDLE_UNUSABLE, next.openReason());
        assertEquals("connection 1 was not usable: " + expired, next.openDetail());
        assertTrue(logs.contains("DEBUG New connection (2) because connection 1 was not usable: " + expired
                + " (IDLE_UNUSABLE)"), logs.toString());
        assertTrue(logs.contains("DEBUG Closed connection (1) to http://a.example:80 after 1 request: " + expired
                + " (IDLE_EXPIRED)"), logs.toString());
        // A Keep-Alive hint of 2 s expires the kept connection at 1.5 s, swept by cleanup.
        next.keepAliveHint(2);
        pool.release(next, true);
        assertEquals(0, pool.cleanup(now[0] + TimeUnit.MILLISECONDS.toNanos(1_499)));
        assertEquals(1, pool.cleanup(now[0] + TimeUnit.MILLISECONDS.toNanos(1_500)));
        assertEquals("2 KEEP_ALIVE_TIMEOUT: it expired after 1.5 s idle: the server's Keep-Alive: timeout=2 "
                + "(less a 0.5 s margin)", closes.get(1));
        PoolStats.OriginStats stats = pool.stats().origin("http://a.example:80");
        assertEquals(1, stats.closed(dev.spool.CloseReason.IDLE_EXPIRED));
        assertEquals(1, stats.closed(dev.spool.CloseReason.KEEP_ALIVE_TIMEOUT));
        assertEquals(java.util.Map.of(dev.spool.OpenReason.FIRST, 1L, dev.spool.OpenReason.IDLE_UNUSABLE, 1L), stats.openedBy());
    }
}
