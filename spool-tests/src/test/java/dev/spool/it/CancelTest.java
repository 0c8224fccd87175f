package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.CallCancelledException;
import dev.spool.EventListener;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.TlsException;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.TlsFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling an async call ({@code future.cancel(true)}) or interrupting a blocked caller aborts the
 * call within 100 ms wherever it is: the pool wait, the connect, the TLS handshake, writing the
 * request, waiting for the head, reading the body; the connection is closed and the pool stays
 * consistent.
 */
@Timeout(30)
class CancelTest {
    static final long PROMPT_MS = 100;

    /** Hears one event of the call to {@code path} (a latch), and the call's failure with its time. */
    static final class Watch implements EventListener {
        final String path;
        final String event;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch failed = new CountDownLatch(1);
        final AtomicReference<RuntimeException> error = new AtomicReference<>();
        volatile long failedAt;

        Watch(String path, String event) {
            this.path = path;
            this.event = event;
        }

        private void on(Request r, String e) {
            if (e.equals(event) && r.httpUrl().path().equals(path)) {
                reached.countDown();
            }
        }

        @Override
        public void poolLeaseStart(Request r, String origin) {
            on(r, "lease");
        }

        @Override
        public void connectStart(Request r, InetSocketAddress a) {
            on(r, "connect");
        }

        @Override
        public void tlsStart(Request r, String host) {
            on(r, "tls");
        }

        @Override
        public void requestSent(Request r) {
            on(r, "sent");
        }

        @Override
        public void responseHeaders(Request r, int status) {
            on(r, "head");
        }

        @Override
        public void callFailed(Request r, RuntimeException e) {
            if (r.httpUrl().path().equals(path)) {
                failedAt = System.nanoTime();
                error.set(e);
                failed.countDown();
            }
        }

        /** Cancels {@code call} once the event happened; asserts it failed within 100 ms, naming {@code phase}. */
        void cancelAndCheck(CompletableFuture<Response> call, String phase) throws InterruptedException {
            assertTrue(reached.await(10, TimeUnit.SECONDS), "the call reached " + event);
            long t0 = System.nanoTime();
            assertTrue(call.cancel(true));
            assertTrue(failed.await(5, TimeUnit.SECONDS), "the call ended");
            long ms = TimeUnit.NANOSECONDS.toMillis(failedAt - t0);
            RuntimeException e = error.get();
            assertInstanceOf(CallCancelledException.class, e, String.valueOf(e));
            assertTrue(e.getMessage().endsWith("was cancelled while " + phase), e.getMessage());
            assertTrue(ms < PROMPT_MS, "the cancelled call ended " + ms + " ms after the cancel: " + e.getMessage());
            assertTrue(call.isCancelled());
            assertThrows(CancellationException.class, call::join);
        }
    }

    /** Loads the classes of a cancelled call before any test times one (a loaded machine is slow at first use). */
    @BeforeAll
    static void warmUp() throws Exception {
        Watch w = new Watch("/warm", "sent");
        try (MockServer server = MockServer.start(); Session s = Session.builder().eventListener(w).build()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            CompletableFuture<Response> f = s.request("GET", server.url("/warm")).sendAsync();
            assertTrue(w.reached.await(10, TimeUnit.SECONDS));
            f.cancel(true);
            assertTrue(w.failed.await(10, TimeUnit.SECONDS));
        }
        // And a TLS handshake: the first one in a JVM spends a while loading providers and making keys.
        try (MockServer tls = MockServer.startTls(TlsFault.HANDSHAKE_FAILURE);
             Session s = Session.builder().verify(false).build()) {
            assertThrows(TlsException.class, () -> s.get(tls.url("/")));
        }
    }

    @Test
    void cancellingAPoolWaitWakesIt() throws Exception {
        Watch w = new Watch("/waits", "lease");
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).poolBlock(true).poolTimeout(Duration.ofSeconds(20))
                     .eventListener(w).build()) {
            server.enqueue(new MockResponse().body("held"));
            try (Response held = s.request("GET", server.url("/held")).stream(true).send()) {
                CompletableFuture<Response> f = s.request("GET", server.url("/waits")).sendAsync();
                w.cancelAndCheck(f, "waiting for a pooled connection");
                assertEquals("held", held.text());
            }
            PoolInvariants.assertConsistent(s.poolStats(), 1, "after a cancelled pool wait");
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void cancellingAConnectClosesTheSocket() throws Exception {
        Watch w = new Watch("/", "connect");
        try (FullBacklog full = new FullBacklog();
             Session s = Session.builder().connectTimeout(Duration.ofSeconds(20)).eventListener(w).build()) {
            CompletableFuture<Response> f = s.request("GET", "http://127.0.0.1:" + full.port() + "/").sendAsync();
            w.cancelAndCheck(f, "connecting");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a cancelled connect");
        }
    }

    @Test
    void cancellingATlsHandshakeClosesTheConnection() throws Exception {
        Watch w = new Watch("/", "tls");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Session s = Session.builder().verify(false).connectTimeout(Duration.ofSeconds(20)).eventListener(w).build()) {
            CompletableFuture<Response> f = s.request("GET", "https://127.0.0.1:" + silent.getLocalPort() + "/").sendAsync();
            w.cancelAndCheck(f, "in the TLS handshake");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a cancelled handshake");
            try (Socket accepted = silent.accept()) {
                assertTrue(endsWithin(accepted, Duration.ofSeconds(5)), "the server saw the connection closed");
            }
        }
    }

    @Test
    void cancellingAWriteToAServerThatStoppedReadingClosesTheConnection() throws Exception {
        Watch w = new Watch("/upload", "none");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Session s = Session.builder().eventListener(w).build()) {
            CountDownLatch readSome = new CountDownLatch(1);
            AtomicReference<Boolean> sawEnd = new AtomicReference<>();
            CountDownLatch resume = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (Socket c = server.accept()) {
                    c.getInputStream().readNBytes(1024); // then stops reading: the client's writes block
                    readSome.countDown();
                    resume.await();
                    sawEnd.set(endsWithin(c, Duration.ofSeconds(5)));
                } catch (IOException | InterruptedException e) {
                    sawEnd.set(false);
                }
            });
            reader.start();
            CompletableFuture<Response> f = s.request("POST", "http://127.0.0.1:" + server.getLocalPort() + "/upload")
                    .body(Body.bytes(new byte[64 << 20])).sendAsync();
            assertTrue(readSome.await(10, TimeUnit.SECONDS));
            w.reached.countDown(); // the call is writing: the server has its first bytes and reads no more
            w.cancelAndCheck(f, "writing the request");
            resume.countDown();
            reader.join(10_000);
            assertEquals(Boolean.TRUE, sawEnd.get(), "the server saw the connection closed");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a cancelled write");
        }
    }

    @Test
    void cancellingTheWaitForAStalledHeadClosesTheConnection() throws Exception {
        Watch w = new Watch("/", "sent");
        try (MockServer server = MockServer.start(); Session s = Session.builder().eventListener(w).build()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            CompletableFuture<Response> f = s.request("GET", server.url("/")).sendAsync();
            w.cancelAndCheck(f, "waiting for the response head");
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)), "the server saw the connection closed");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a cancelled head");
            assertEquals(0, s.poolStats().idle());
        }
    }

    @Test
    void cancellingTheReadOfAStalledBodyClosesTheConnection() throws Exception {
        Watch w = new Watch("/", "head");
        try (MockServer server = MockServer.start(); Session s = Session.builder().eventListener(w).build()) {
            server.enqueue(new MockResponse().body("x".repeat(20_000)).fault(Fault.STALL_MID_BODY));
            CompletableFuture<Response> f = s.request("GET", server.url("/")).sendAsync();
            w.cancelAndCheck(f, "reading the response body");
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)), "the server saw the connection closed");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a cancelled body");
        }
    }

    @Test
    void interruptingABlockedCallerAbortsItsCall() throws Exception {
        Watch w = new Watch("/", "sent");
        try (MockServer server = MockServer.start(); Session s = Session.builder().eventListener(w).build()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    s.get(server.url("/"));
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            caller.start();
            assertTrue(w.reached.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            caller.interrupt();
            assertTrue(w.failed.await(5, TimeUnit.SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(w.failedAt - t0);
            caller.join(5_000);
            RuntimeException e = thrown.get();
            assertNotNull(e);
            assertInstanceOf(CallCancelledException.class, e, String.valueOf(e));
            assertTrue(e.getMessage().contains("was interrupted"), e.getMessage());
            assertTrue(ms < PROMPT_MS, "ended " + ms + " ms after the interrupt");
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)));
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after an interrupted call");
        }
    }

    @Test
    void interruptingAPoolWaiterEndsItsCall() throws Exception {
        Watch w = new Watch("/waits", "lease");
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).poolBlock(true).poolTimeout(Duration.ofSeconds(20))
                     .eventListener(w).build()) {
            server.enqueue(new MockResponse().body("held"));
            try (Response held = s.request("GET", server.url("/held")).stream(true).send()) {
                AtomicReference<RuntimeException> thrown = new AtomicReference<>();
                AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
                Thread caller = new Thread(() -> {
                    try {
                        s.get(server.url("/waits"));
                    } catch (RuntimeException e) {
                        thrown.set(e);
                        stillInterrupted.set(Thread.currentThread().isInterrupted());
                    }
                });
                caller.start();
                assertTrue(w.reached.await(10, TimeUnit.SECONDS));
                long t0 = System.nanoTime();
                caller.interrupt();
                assertTrue(w.failed.await(5, TimeUnit.SECONDS));
                long ms = TimeUnit.NANOSECONDS.toMillis(w.failedAt - t0);
                caller.join(5_000);
                assertInstanceOf(CallCancelledException.class, thrown.get(), String.valueOf(thrown.get()));
                assertTrue(thrown.get().getMessage().contains("was interrupted"), thrown.get().getMessage());
                assertEquals(Boolean.TRUE, stillInterrupted.get(), "the thread keeps its interrupt status");
                assertTrue(ms < PROMPT_MS, "ended " + ms + " ms after the interrupt");
                assertEquals("held", held.text());
            }
            PoolInvariants.assertConsistent(s.poolStats(), 1, "after an interrupted pool wait");
        }
    }

    @Test
    void cancellingAfterTheResponseArrivedChangesNothing() throws Exception {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("done"));
            CompletableFuture<Response> f = s.request("GET", server.url("/")).sendAsync();
            Response r = f.get(10, TimeUnit.SECONDS);
            assertFalse(f.cancel(true));
            assertEquals("done", r.text());
            assertEquals(1, s.poolStats().idle(), "the connection went back to the pool");
        }
    }

    /** Reads what the client sent until it closes the connection; false when it stays open. */
    static boolean endsWithin(Socket s, Duration timeout) {
        try {
            s.setSoTimeout((int) timeout.toMillis());
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            while (in.read(buf) >= 0) {
                // drain until the client's close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the client
        }
    }
}
