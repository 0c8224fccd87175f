package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.EventListener;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Many concurrent {@code sendAsync} calls through one blocking session on its default executor: every
 * one completes with its own body, and the test learns which threads ran them and how many platform
 * threads the JVM had at its peak.
 */
final class AsyncLoad {
    /** Threads that ran calls (seen by the listener's callStart). */
    final Set<Thread> callThreads = ConcurrentHashMap.newKeySet();
    /** Platform threads live at the peak of the run, less those live before it. */
    int extraPlatformThreadsAtPeak;
    Duration took;

    /**
     * Sends {@code calls} GETs at once through a session whose pool blocks at {@code poolMax}
     * connections, then checks every body and the pool.
     */
    AsyncLoad run(int calls, int poolMax) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        EventListener seen = new EventListener() {
            @Override
            public void callStart(Request request) {
                callThreads.add(Thread.currentThread());
            }
        };
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(poolMax).poolBlock(true).poolTimeout(Duration.ofMinutes(2))
                     .eventListener(seen).build()) {
            server.dispatcher(r -> new MockResponse().body(r.path()));
            s.get(server.url("/warm")); // the server's acceptor and the watchdog exist before the count starts
            callThreads.clear(); // the warm-up ran on the test's thread
            int before = mx.getThreadCount();
            mx.resetPeakThreadCount();
            long t0 = System.nanoTime();
            List<CompletableFuture<Response>> futures = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                futures.add(s.request("GET", server.url("/" + i)).sendAsync());
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(3, TimeUnit.MINUTES);
            took = Duration.ofNanos(System.nanoTime() - t0);
            extraPlatformThreadsAtPeak = mx.getPeakThreadCount() - before;
            for (int i = 0; i < calls; i++) {
                assertEquals("/" + i, futures.get(i).join().text(), "call " + i);
            }
            assertEquals(calls + 1, server.requestCount());
            assertTrue(server.connectionCount() <= poolMax, "connections: " + server.connectionCount());
            PoolInvariants.assertConsistent(s.poolStats(), poolMax, "after " + calls + " async calls");
        }
        return this;
    }
}
