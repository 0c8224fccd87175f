package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;
import dev.spool.Session;
import dev.spool.testkit.MockServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load with faults: 64 platform threads share one session for {@code spool.stress.requests}
 * requests (default {@value #DEFAULT_REQUESTS}, under a minute on a busy 2-core machine; the figures in
 * docs/reliability.md come from this run). Afterwards every
 * outcome was one its action allows, the pool invariants hold, and no file descriptor is left open.
 * Tagged {@code stress}: {@code .ci/run} runs it, a plain {@code mvn verify} does not.
 */
@Tag("stress")
class StressTest {
    static final int THREADS = 64;
    static final int DEFAULT_REQUESTS = 200_000;
    static final int POOL_MAX = 32;
    static final long SEED = 0x5_7E55L;
    /** The hard limit on the load itself; the test's own timeout adds the warm-up and shutdown. */
    static final Duration LOAD_LIMIT = Duration.ofMinutes(8);

    @Test
    @Timeout(600)
    void sixtyFourThreadsThroughOneSessionLoseNothing() throws Exception {
        int requests = Integer.getInteger("spool.stress.requests", DEFAULT_REQUESTS);
        warmUp();
        long fdsBefore = StressRun.openFds();
        StressRun run;
        Duration took;
        PoolStats stats;
        long serverConnections;
        try (MockServer server = MockServer.start()) {
            try (Session session = Session.builder().poolMaxSize(POOL_MAX).build()) {
                run = new StressRun(session, server, SEED);
                ExecutorService threads = Executors.newFixedThreadPool(THREADS);
                try {
                    took = run.run(threads, THREADS, (requests + THREADS - 1) / THREADS,
                            System.nanoTime() + LOAD_LIMIT.toNanos());
                } finally {
                    threads.shutdownNow();
                    assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "workers ended");
                }
                stats = session.poolStats();
                serverConnections = server.connectionCount();
            }
        }
        long fdsAfter = StressRun.awaitFdsAtMost(fdsBefore, Duration.ofSeconds(10));
        Map<String, Long> outcomes = run.outcomeCounts();
        System.out.printf("StressTest: %d requests by %d threads in %.1f s (%.0f/s); outcomes %s; early closes %d;"
                        + " connections opened %d (server accepted %d); pool %s; fds before %d, after %d%n",
                run.requests.get(), THREADS, took.toMillis() / 1000.0, run.requests.get() * 1000.0 / took.toMillis(),
                outcomes, run.earlyCloses.get(), stats.connectionsOpened(), serverConnections, stats, fdsBefore, fdsAfter);

        assertTrue(run.unexpected.isEmpty(), "unexpected outcomes: " + run.unexpected);
        assertEquals((long) ((requests + THREADS - 1) / THREADS) * THREADS, run.requests.get(), "every request ran in time");
        PoolInvariants.assertConsistent(stats, POOL_MAX, "after the stress run");
        assertTrue(fdsAfter <= fdsBefore, "file descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
    }

    /** Loads the classes and JVM facilities the run uses, so their descriptors are open before counting. */
    static void warmUp() throws Exception {
        try (MockServer server = MockServer.start(); Session session = Session.builder().poolMaxSize(4).build()) {
            StressRun warm = new StressRun(session, server, 1);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                warm.run(threads, 4, 50, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
