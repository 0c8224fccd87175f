package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;
import dev.spool.PoolTimeoutException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One session shared by many threads: limits hold, nothing fails, nothing leaks. */
@Timeout(120)
class ConcurrencyTest {
    static final int THREADS = 16;
    static final int PER_THREAD = 500;

    private static int hammer(Session s, MockServer server) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        if (s.get(server.url("/c")).status() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return ok.get();
    }

    @Test
    void sixteenThreadsShareAtMostSixteenConnections() throws Exception {
        try (MockServer server = MockServer.start(); Session s = Session.builder().poolMaxSize(16).build()) {
            assertEquals(THREADS * PER_THREAD, hammer(s, server));
            assertTrue(server.connectionCount() <= 16, "connections: " + server.connectionCount());
            PoolStats.OriginStats o = s.poolStats().origin(server.origin());
            assertEquals(0, o.inUse());
            assertEquals(o.opened() - o.closed(), o.idle());
        }
    }

    @Test
    void aSmallNonBlockingPoolDiscardsSurplusConnectionsWithAWarning() throws Exception {
        try (LogRecorder log = new LogRecorder();
             MockServer server = MockServer.start(); Session s = Session.builder().poolMaxSize(2).build()) {
            assertEquals(THREADS * PER_THREAD, hammer(s, server));
            assertTrue(server.connectionCount() > 2, "surplus connections were opened: " + server.connectionCount());
            List<String> warnings = log.matching("WARNING Connection pool is full");
            assertFalse(warnings.isEmpty());
            assertEquals("WARNING Connection pool is full, discarding connection: 127.0.0.1. Connection pool size: 2",
                    warnings.get(0));
            assertEquals(1, warnings.size(), "rate-limited to once a minute per pool");
            PoolStats.OriginStats o = s.poolStats().origin(server.origin());
            assertTrue(o.idle() <= 2);
            assertEquals(0, o.inUse());
        }
    }

    @Test
    void aBlockingPoolNeverLetsTheServerSeeMoreThanItsSize() throws Exception {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(2).poolBlock(true).build()) {
            assertEquals(THREADS * PER_THREAD, hammer(s, server));
            assertTrue(server.maxConcurrentConnections() <= 2, "server saw " + server.maxConcurrentConnections());
            assertTrue(server.connectionCount() <= 2, "server accepted " + server.connectionCount());
        }
    }

    @Test
    void aHeldStreamedResponseMakesTheNextRequestTimeOutInABlockingPool() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).poolBlock(true).poolTimeout(Duration.ofMillis(300)).build()) {
            server.enqueue(new MockResponse().bodyOfSize(100_000));
            try (Response held = s.request("GET", server.url("/held")).stream(true).send()) {
                long t0 = System.nanoTime();
                PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> s.get(server.url("/next")));
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(waited >= 250, "waited " + waited + " ms");
                assertTrue(e.getMessage().contains(server.origin()), e.getMessage());
                assertEquals(200, held.status());
            }
            assertEquals(200, s.get(server.url("/after")).status(), "closing the held response freed the slot");
            // 100 kB unread is more than close() drains, so the held connection was closed, not reused.
            assertEquals(2, server.connectionCount());
        }
    }
}
