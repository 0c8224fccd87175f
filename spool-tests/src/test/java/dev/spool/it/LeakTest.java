package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A streamed response dropped without close gives its slot back and is reported with its URL. */
@Timeout(60)
class LeakTest {
    @Test
    void aGarbageCollectedStreamedResponseFreesItsSlotAndLogsTheUrl() throws InterruptedException {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).poolBlock(true).build()) {
            server.enqueue(new MockResponse().bodyOfSize(100_000));
            leak(s, server.url("/leaky"));
            assertEquals(1, s.poolStats().inUse());
            // Wait for the GC and the cleaner, bounded: poll, never a fixed sleep.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // The cleaner frees the slot first and logs after: wait for both.
            while ((s.poolStats().inUse() != 0
                    || log.matching("WARNING A streamed response was garbage collected").isEmpty())
                    && System.nanoTime() < deadline) {
                System.gc();
                Thread.onSpinWait();
                Thread.yield();
            }
            assertEquals(0, s.poolStats().inUse(), "the cleaner gave the slot back");
            List<String> warnings = log.matching("WARNING A streamed response was garbage collected");
            assertEquals(1, warnings.size(), log.lines().toString());
            assertTrue(warnings.get(0).contains("GET " + server.url("/leaky")), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("run with -Dspool.leakStacks=true to log where it was created."),
                    "without the flag the warning says how to get the stack (LeakStacksTest covers it on): " + warnings.get(0));
            assertEquals("ok", s.get(server.url("/after")).text(), "the blocking pool of one works again");
        }
    }

    private static void leak(Session s, String url) {
        s.request("GET", url).stream(true).send(); // dropped on purpose
    }
}
