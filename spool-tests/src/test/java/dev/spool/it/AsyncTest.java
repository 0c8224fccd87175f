package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sendAsync}: the blocking call runs on the session's executor, which completes the future;
 * on JDK 17 the default executor is a pool of at most 64 daemon threads (the virtual-thread default
 * of JDK 21+ is tested by {@code AsyncVirtualThreadTest}).
 */
@Timeout(60)
class AsyncTest {
    @Test
    void theFutureCompletesOnAnExecutorThreadAfterTheBodyIsRead() throws Exception {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            // The server answers only once the stage below is attached: else a quick call could
            // complete first, and the stage would run on the thread that attaches it.
            CountDownLatch attached = new CountDownLatch(1);
            server.dispatcher(request -> {
                try {
                    assertTrue(attached.await(10, TimeUnit.SECONDS), "the stage was attached");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new MockResponse().body("hello");
            });
            AtomicReference<Thread> completedOn = new AtomicReference<>();
            CompletableFuture<Response> f = s.request("GET", server.url("/")).sendAsync();
            CompletableFuture<String> stage = f.thenApply(r -> {
                completedOn.set(Thread.currentThread());
                return r.text();
            });
            attached.countDown();
            String text = stage.get(10, TimeUnit.SECONDS);
            assertEquals("hello", text);
            assertNotSame(Thread.currentThread(), completedOn.get());
            if (Runtime.version().feature() < 21) {
                assertTrue(completedOn.get().getName().startsWith("spool-async-"), completedOn.get().getName());
                assertTrue(completedOn.get().isDaemon());
            }
            assertEquals(1, s.poolStats().idle(), "the body was read before completion: the connection is back");
        }
    }

    @Test
    void aSessionsOwnExecutorRunsItsCalls() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Executor counting = task -> {
            ran.incrementAndGet();
            new Thread(task, "mine").start();
        };
        try (MockServer server = MockServer.start(); Session s = Session.builder().executor(counting).build()) {
            server.enqueue(new MockResponse().body("a"));
            assertEquals("a", s.request("GET", server.url("/")).sendAsync().get(10, TimeUnit.SECONDS).text());
            assertEquals(1, ran.get());
        }
    }

    @Test
    void anInvalidRequestFailsTheFutureAndAClosedSessionToo() {
        try (Session s = new Session()) {
            CompletableFuture<Response> bad = s.request("GET", "nope://x").sendAsync();
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
            assertInstanceOf(InvalidRequestException.class, e.getCause());
            s.close();
            CompletableFuture<Response> closed = s.request("GET", "http://127.0.0.1:1/").sendAsync();
            ExecutionException c = assertThrows(ExecutionException.class, () -> closed.get(5, TimeUnit.SECONDS));
            assertEquals("session is closed", c.getCause().getMessage());
        }
    }

    @Test
    @Timeout(240)
    void tenThousandConcurrentCallsCompleteOnTheBoundedPoolOfJdk17() throws Exception {
        int poolMax = 16;
        AsyncLoad load = new AsyncLoad().run(10_000, poolMax);
        System.out.printf("AsyncTest: 10000 async calls (Java %s) in %d ms on %d threads; platform threads at peak +%d%n",
                System.getProperty("java.version"), load.took.toMillis(), load.callThreads.size(),
                load.extraPlatformThreadsAtPeak);
        if (Runtime.version().feature() < 21) {
            assertTrue(load.callThreads.size() <= 64, "calls ran on " + load.callThreads.size() + " threads");
            for (Thread t : load.callThreads) {
                assertTrue(t.getName().startsWith("spool-async-"), t.getName());
            }
            // The executor's 64, the server's thread per connection, and a few more.
            assertTrue(load.extraPlatformThreadsAtPeak <= 64 + poolMax + 8,
                    "platform threads at peak: +" + load.extraPlatformThreadsAtPeak);
        } else {
            assertFalse(load.callThreads.isEmpty());
        }
    }
}
