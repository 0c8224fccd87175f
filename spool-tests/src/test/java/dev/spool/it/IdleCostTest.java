package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * An idle client costs nothing: while connections only sit in the pool, the timeout watchdog thread
 * never wakes. Counted as the kernel counts it: the thread's context switches in /proc.
 */
@Timeout(30)
@EnabledOnOs(OS.LINUX)
class IdleCostTest {
    @Test
    void theWatchdogDoesNotWakeWhileConnectionsSitIdle() throws Exception {
        try (MockServer a = MockServer.start(); MockServer b = MockServer.start(); Session s = new Session()) {
            for (int i = 0; i < 3; i++) {
                a.enqueue(new MockResponse().body("a"));
                b.enqueue(new MockResponse().body("b"));
                assertEquals("a", s.get(a.url("/")).text());
                assertEquals("b", s.get(b.url("/")).text());
            }
            assertEquals(2, s.poolStats().idle(), "two connections sit idle in the pool");
            Path task = watchdogTask();
            assertNotNull(task, "the watchdog thread runs (it bounded the reads above)");
            // The last exchange may have woken it to learn an earlier deadline; on a busy machine it
            // may not have parked again yet. The window starts once it sleeps.
            assertTrue(awaitSleeping(task, 5_000), "the watchdog thread parks once the exchanges are done");
            long before = switches(task);
            // The observation window: the old watchdog woke 20 times a second here.
            Thread.sleep(1000);
            long after = switches(task);
            assertEquals(before, after, "context switches of the idle watchdog in 1 s");
            assertEquals(2, s.poolStats().idle());
        }
    }

    /** The /proc task directory of the thread named spool-timeouts, or null. */
    private static Path watchdogTask() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip().equals("spool-timeouts");
                } catch (IOException e) {
                    return false; // a thread that ended meanwhile
                }
            }).findFirst().orElse(null);
        }
    }

    /** Waits up to {@code millis} for the thread to be in state S (sleeping: parked); false if it never was. */
    private static boolean awaitSleeping(Path task, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("State:") && line.substring(6).strip().startsWith("S")) {
                    return true;
                }
            }
            Thread.sleep(1); // polling the kernel's view of the thread
        }
        return false;
    }

    /** Voluntary plus involuntary context switches of a thread: each wake-up costs at least one. */
    private static long switches(Path task) throws IOException {
        long total = 0;
        int seen = 0;
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                seen++;
            }
        }
        assertTrue(seen == 2, "the kernel reports both counts");
        return total;
    }
}
