package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On JDK 21+ the default executor of {@code sendAsync} is a virtual thread per call: 10,000 concurrent
 * calls complete through one blocking session with a handful of platform threads, and JFR records no
 * pinning inside Spool. Tagged {@code jdk21}: spool-tests/pom.xml runs it on a JDK 21+ (Temurin 25).
 */
@Tag("jdk21")
class AsyncVirtualThreadTest {
    /** A deliberate pin (a virtual thread sleeping in a class initializer), proving the recording sees pinning. */
    static final class PinsWhileInitializing {
        static {
            VirtualThreadStressTest.sleepInInitializer();
        }

        static void touch() {
            // initialization is the point
        }
    }

    @Test
    @Timeout(240)
    void tenThousandConcurrentCallsRunOnVirtualThreadsWithoutPinning() throws Exception {
        VirtualThreadStressTest.initializeClasses();
        int poolMax = 16;
        AsyncLoad load;
        List<RecordedEvent> pinned;
        try (PinningRecorder jfr = new PinningRecorder()) {
            ExecutorService vts = PinningRecorder.virtualThreads();
            try {
                vts.submit(PinsWhileInitializing::touch).get(30, TimeUnit.SECONDS);
            } finally {
                vts.shutdown();
            }
            load = new AsyncLoad().run(10_000, poolMax);
            pinned = jfr.stop();
        }
        System.out.printf("AsyncVirtualThreadTest: 10000 async calls (Java %s) in %d ms on %d threads;"
                        + " platform threads at peak +%d; pinned events %d%n", System.getProperty("java.version"),
                load.took.toMillis(), load.callThreads.size(), load.extraPlatformThreadsAtPeak, pinned.size());
        Method isVirtual = Thread.class.getMethod("isVirtual");
        for (Thread t : load.callThreads) {
            assertEquals(Boolean.TRUE, isVirtual.invoke(t), "ran on " + t);
        }
        assertEquals(10_000, load.callThreads.size(), "one virtual thread per call");
        // The server's thread per connection, the carriers (one per core), and a few more.
        int bound = poolMax + Runtime.getRuntime().availableProcessors() + 16;
        assertTrue(load.extraPlatformThreadsAtPeak <= bound,
                "platform threads at peak: +" + load.extraPlatformThreadsAtPeak + ", bound " + bound);
        assertTrue(PinningRecorder.from(pinned, PinsWhileInitializing.class) >= 1, "the recording sees a deliberate pin");
        assertEquals(List.of(), PinningRecorder.inLibrary(pinned), "pinned inside Spool");
    }
}
