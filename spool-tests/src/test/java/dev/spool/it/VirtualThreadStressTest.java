package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;
import dev.spool.Session;
import dev.spool.testkit.MockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual threads (JDK 21+) in a blocking pool: thousands of them wait for a few connections on the
 * pool's {@code Condition}, and JFR records no {@code jdk.VirtualThreadPinned} event with a Spool
 * frame. A deliberate pin (a virtual thread sleeping in a class initializer) proves the recording
 * sees pinning. Tagged {@code jdk21}: spool-tests/pom.xml runs it in its own surefire execution on
 * a JDK 21+ ({@code /usr/lib/jvm/temurin-25-jdk-amd64}, or {@code SPOOL_VT_JAVA}).
 */
@Tag("jdk21")
class VirtualThreadStressTest {
    static final long SEED = 0x7_1A3L;

    /**
     * Classes whose initialization blocks: the virtual thread that triggers one is pinned meanwhile
     * (JDK 21 to 25 at least). A class initializes once per JVM, so each test has its own.
     */
    static final class PinsWhileInitializing {
        static {
            sleepInInitializer();
        }

        static void touch() {
            // initialization is the point
        }
    }

    /** The stress test's deliberate pin. */
    static final class AlsoPinsWhileInitializing {
        static {
            sleepInInitializer();
        }

        static void touch() {
            // initialization is the point
        }
    }

    static void sleepInInitializer() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs every kind of exchange on platform threads through a blocking pool first. A virtual thread
     * that waits for another thread to initialize a class is pinned meanwhile (JEP 491 keeps that
     * case), so thousands of them starting at once record such one-time waits at the first use of
     * each class. JDK 24+ names them and {@link PinningRecorder#inLibrary} leaves them out; on JDK 21
     * to 23 this warm-up keeps most of them from happening. The claim tested is about Spool's own
     * waits, which recur on every request.
     */
    static void initializeClasses() throws Exception {
        try (MockServer server = MockServer.start();
             Session session = Session.builder().poolMaxSize(2).poolBlock(true).build()) {
            StressRun warm = new StressRun(session, server, 2);
            ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                warm.run(threads, 8, 100, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
            } finally {
                threads.shutdownNow();
            }
            assertTrue(warm.unexpected.isEmpty(), "unexpected outcomes while warming up: " + warm.unexpected);
            // Then a few virtual threads: blocking socket I/O on a virtual thread goes through JDK classes
            // (the poller) that platform threads never load, and a virtual thread that waits while another
            // loads a class has a native frame on its stack, so it is pinned once ("freeze failed (2)").
            StressRun warmVirtual = new StressRun(session, server, 3);
            ExecutorService vts = PinningRecorder.virtualThreads();
            try {
                warmVirtual.run(vts, 8, 50, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
            } finally {
                shutdown(vts);
            }
            assertTrue(warmVirtual.unexpected.isEmpty(), "unexpected outcomes while warming up: " + warmVirtual.unexpected);
        }
    }

    @Test
    @Timeout(120)
    void aThousandVirtualThreadsInABlockingPoolOfEightPinNoCarrier() throws Exception {
        initializeClasses();
        try (PinningRecorder jfr = new PinningRecorder();
             MockServer server = MockServer.start();
             Session session = Session.builder().poolMaxSize(8).poolBlock(true)
                     .poolTimeout(Duration.ofSeconds(60)).build()) {
            StressRun run = new StressRun(session, server, SEED);
            ExecutorService vts = PinningRecorder.virtualThreads();
            try {
                vts.submit(PinsWhileInitializing::touch).get(30, TimeUnit.SECONDS);
                run.run(vts, 1_000, 3, System.nanoTime() + TimeUnit.SECONDS.toNanos(100));
            } finally {
                shutdown(vts);
            }
            List<RecordedEvent> pinned = jfr.stop();
            assertTrue(run.unexpected.isEmpty(), "unexpected outcomes: " + run.unexpected);
            assertEquals(3_000, run.requests.get());
            assertTrue(PinningRecorder.from(pinned, PinsWhileInitializing.class) >= 1,
                    "the recording sees a deliberate pin: " + pinned.size() + " events");
            assertEquals(List.of(), PinningRecorder.inLibrary(pinned), "pinned inside Spool");
            PoolInvariants.assertConsistent(session.poolStats(), 8, "after the virtual threads");
        }
    }

    @Test
    @Tag("stress")
    @Timeout(600)
    void tenThousandVirtualThreadsThroughOneBlockingSessionLoseNothingAndPinNoCarrier() throws Exception {
        int perThread = Integer.getInteger("spool.stress.perVirtualThread", 10);
        int threads = 10_000;
        int poolMax = 64;
        StressTest.warmUp();
        initializeClasses();
        long fdsBefore = StressRun.openFds();
        StressRun run;
        Duration took;
        PoolStats stats;
        List<String> inLibrary;
        long control;
        long classInits;
        int eventCount;
        try (PinningRecorder jfr = new PinningRecorder()) {
            try (MockServer server = MockServer.start();
                 Session session = Session.builder().poolMaxSize(poolMax).poolBlock(true)
                         .poolTimeout(Duration.ofMinutes(2)).build()) {
                run = new StressRun(session, server, SEED);
                ExecutorService vts = PinningRecorder.virtualThreads();
                try {
                    Future<?> pin = vts.submit(AlsoPinsWhileInitializing::touch);
                    took = run.run(vts, threads, perThread, System.nanoTime() + StressTest.LOAD_LIMIT.toNanos());
                    pin.get(30, TimeUnit.SECONDS);
                } finally {
                    shutdown(vts);
                }
                stats = session.poolStats();
            }
            List<RecordedEvent> pinned = jfr.stop();
            eventCount = pinned.size();
            inLibrary = PinningRecorder.inLibrary(pinned);
            classInits = PinningRecorder.classInitializationWaits(pinned);
            control = PinningRecorder.from(pinned, AlsoPinsWhileInitializing.class);
        }
        long fdsAfter = StressRun.awaitFdsAtMost(fdsBefore, Duration.ofSeconds(10));
        Map<String, Long> outcomes = run.outcomeCounts();
        System.out.printf("VirtualThreadStressTest: %d requests by %d virtual threads (Java %s) in %.1f s (%.0f/s);"
                        + " outcomes %s; early closes %d; pool %s; pinned events %d (in Spool %d,"
                        + " waits for class initialization %d, deliberate %d); fds before %d, after %d%n",
                run.requests.get(), threads, System.getProperty("java.version"), took.toMillis() / 1000.0,
                run.requests.get() * 1000.0 / took.toMillis(), outcomes, run.earlyCloses.get(), stats, eventCount,
                inLibrary.size(), classInits, control, fdsBefore, fdsAfter);

        assertTrue(run.unexpected.isEmpty(), "unexpected outcomes: " + run.unexpected);
        assertEquals((long) threads * perThread, run.requests.get(), "every request ran in time");
        PoolInvariants.assertConsistent(stats, poolMax, "after the virtual-thread stress run");
        assertTrue(control >= 1, "the recording sees a deliberate pin");
        assertEquals(List.of(), inLibrary, "pinned inside Spool");
        assertTrue(fdsAfter <= fdsBefore, "file descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
    }

    /** What {@code ExecutorService.close()} does on JDK 19+ (not callable here: the tests compile for release 17). */
    private static void shutdown(ExecutorService vts) throws InterruptedException {
        vts.shutdown();
        assertTrue(vts.awaitTermination(60, TimeUnit.SECONDS), "virtual threads ended");
    }
}
