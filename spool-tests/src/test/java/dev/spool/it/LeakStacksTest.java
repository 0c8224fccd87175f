package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code -Dspool.leakStacks=true} the leak warning carries the stack where the leaked response
 * was made. The flag is read once, when the body stream class loads, so this runs in its own JVM:
 * the {@code leak-stacks} surefire execution of spool-tests/pom.xml, which sets it (LeakTest covers
 * the default, without it).
 */
@Tag("leak-stacks")
@Timeout(60)
class LeakStacksTest {
    @Test
    void withLeakStacksOnTheWarningCarriesTheStackThatMadeTheResponse() {
        assertTrue(Boolean.getBoolean("spool.leakStacks"), "this JVM runs with -Dspool.leakStacks=true");
        Logger logger = Logger.getLogger("dev.spool.leaks");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean useParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false); // the expected warning and its stack stay out of the build's output
        logger.addHandler(handler);
        try (MockServer server = MockServer.start(); Session s = Session.builder().poolMaxSize(1).build()) {
            server.enqueue(new MockResponse().bodyOfSize(100_000));
            leakFromHere(s, server.url("/leaky"));
            // The cleaner frees the slot, then logs: wait for both, bounded.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((s.poolStats().inUse() != 0 || count(records) == 0) && System.nanoTime() < deadline) {
                System.gc();
                Thread.yield();
            }
            assertEquals(0, s.poolStats().inUse(), "the cleaner gave the slot back");
            LogRecord r;
            synchronized (records) {
                assertEquals(1, records.size(), "one leak warning");
                r = records.get(0);
            }
            assertEquals(Level.WARNING, r.getLevel());
            assertTrue(r.getMessage().contains("GET " + server.url("/leaky")), r.getMessage());
            Throwable where = r.getThrown();
            assertNotNull(where, "the warning carries the creation stack");
            assertEquals("the leaked response was created here", where.getMessage());
            assertTrue(Arrays.stream(where.getStackTrace()).anyMatch(f -> f.getClassName().equals(LeakStacksTest.class.getName())
                    && f.getMethodName().equals("leakFromHere")), Arrays.toString(where.getStackTrace()));
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(useParentHandlers);
        }
    }

    private static int count(List<LogRecord> records) {
        synchronized (records) {
            return records.size();
        }
    }

    private static void leakFromHere(Session s, String url) {
        s.request("GET", url).stream(true).send(); // dropped on purpose
    }
}
