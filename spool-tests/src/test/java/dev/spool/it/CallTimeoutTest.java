package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.CallTimeoutException;
import dev.spool.InvalidRequestException;
import dev.spool.ReadTimeoutException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.TimeoutException;
import dev.spool.TlsException;
import dev.spool.retry.Retry;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import dev.spool.testkit.TlsFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The total deadline of a call ({@code callTimeout}): it fires within 50 ms of its time in every phase,
 * names the phase, spans redirects and retries, and leaves the pool consistent.
 */
@Timeout(30)
class CallTimeoutTest {
    /** How far from its time the deadline may fire. */
    static final long SLACK_MS = 50;

    /** Runs {@code call}, expecting a CallTimeoutException at {@code deadlineMs} ± 50 ms; returns it. */
    static CallTimeoutException timesOutAt(long deadlineMs, Supplier<?> call) {
        long t0 = System.nanoTime();
        CallTimeoutException e = assertThrows(CallTimeoutException.class, call::get);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= deadlineMs - 1 && ms <= deadlineMs + SLACK_MS, "fired after " + ms + " ms, not "
                + deadlineMs + " ± " + SLACK_MS + ": " + e.getMessage());
        return e;
    }

    /**
     * Loads the classes of a call that times out, over plain HTTP and TLS, before any test measures one:
     * on a loaded machine the first use of a class (or of a TLS context) takes longer than the slack.
     */
    @BeforeAll
    static void warmUp() throws IOException {
        try (MockServer server = MockServer.start();
             MockServer tls = MockServer.startTls(TlsFault.HANDSHAKE_FAILURE);
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Session s = Session.builder().verify(false).build()) {
            Duration quick = Duration.ofMillis(100);
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            assertThrows(CallTimeoutException.class, () -> s.request("GET", server.url("/")).callTimeout(quick).send());
            assertThrows(TlsException.class, () -> s.get(tls.url("/")));
            assertThrows(CallTimeoutException.class, () -> s.request("GET", "https://127.0.0.1:" + silent.getLocalPort() + "/")
                    .callTimeout(quick).send());
        }
    }

    @Test
    void aDrippingServerFailsAtTheDeadlineNotAfterEachReadTimeout() {
        // One byte every 150 ms keeps a 200 ms read timeout satisfied for ever.
        try (MockServer server = MockServer.start();
             Session s = Session.builder().readTimeout(Duration.ofMillis(200)).callTimeout(Duration.ofMillis(800)).build()) {
            server.enqueue(new MockResponse().body("x".repeat(100)).throttle(1, Duration.ofMillis(150)));
            CallTimeoutException e = timesOutAt(800, () -> s.get(server.url("/drip")));
            assertEquals("call to 127.0.0.1:" + server.port() + " timed out after 800 ms (call timeout) while waiting"
                    + " for the response head", e.getMessage());
            assertInstanceOf(TimeoutException.class, e, "a TimeoutException, as connect and read timeouts");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after the call timeout");
            assertEquals(0, s.poolStats().idle(), "the connection was closed mid-exchange");
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)), "the server saw the connection closed");
        }
    }

    @Test
    void aBufferedBodyIsCoveredAndThePhaseIsTheBody() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().callTimeout(Duration.ofMillis(400)).build()) {
            server.enqueue(new MockResponse().body("x".repeat(10_000)).fault(Fault.STALL_MID_BODY));
            CallTimeoutException e = timesOutAt(400, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().endsWith("while reading the response body"), e.getMessage());
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a body timeout");
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aStreamedBodyIsCoveredUntilClosedUnlessTheCallerStopsTheClockAtTheHead() throws IOException {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().readTimeout(Duration.ofMillis(700)).build()) {
            server.enqueue(new MockResponse().body("x".repeat(10_000)).fault(Fault.STALL_MID_BODY));
            long t0 = System.nanoTime();
            try (Response r = s.request("GET", server.url("/covered")).stream(true).callTimeout(Duration.ofMillis(300)).send()) {
                InputStream in = r.inputStream();
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertInstanceOf(CallTimeoutException.class, e.getCause(), String.valueOf(e.getCause()));
                assertTrue(ms >= 299 && ms <= 300 + SLACK_MS, "took " + ms + " ms");
            }
            server.enqueue(new MockResponse().body("x".repeat(10_000)).fault(Fault.STALL_MID_BODY));
            try (Response r = s.request("GET", server.url("/head-only")).stream(true).callTimeout(Duration.ofMillis(300))
                    .callTimeoutCoversBody(false).send()) {
                InputStream in = r.inputStream();
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                assertInstanceOf(ReadTimeoutException.class, e.getCause(), "the read timeout, not the call's, ended it");
            }
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after streamed bodies");
        }
    }

    @Test
    void thePoolWaitIsCovered() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).poolBlock(true).poolTimeout(Duration.ofSeconds(10)).build()) {
            server.enqueue(new MockResponse().body("held"));
            try (Response held = s.request("GET", server.url("/held")).stream(true).send()) {
                CallTimeoutException e = timesOutAt(300,
                        () -> s.request("GET", server.url("/waits")).callTimeout(Duration.ofMillis(300)).send());
                assertTrue(e.getMessage().endsWith("while waiting for a pooled connection"), e.getMessage());
                assertEquals("held", held.text());
            }
            PoolInvariants.assertConsistent(s.poolStats(), 1, "after a pool wait timeout");
        }
    }

    @Test
    void aTcpConnectIsCovered() throws IOException {
        try (FullBacklog full = new FullBacklog();
             Session s = Session.builder().connectTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofMillis(300)).build()) {
            CallTimeoutException e = timesOutAt(300, () -> s.get("http://127.0.0.1:" + full.port() + "/"));
            assertTrue(e.getMessage().endsWith("while connecting"), e.getMessage());
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a connect timeout");
        }
    }

    @Test
    void aTlsHandshakeIsCovered() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Session s = Session.builder().verify(false).callTimeout(Duration.ofMillis(300)).build()) {
            CallTimeoutException e = timesOutAt(300, () -> s.get("https://127.0.0.1:" + silent.getLocalPort() + "/"));
            assertTrue(e.getMessage().endsWith("in the TLS handshake"), e.getMessage());
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a handshake timeout");
        }
    }

    @Test
    void oneDeadlineSpansARedirectAndARetry() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().retry(Retry.builder().total(3).statusForcelist(503).build())
                     .callTimeout(Duration.ofMillis(700)).build()) {
            server.enqueue(new MockResponse().status(302).header("Location", "/b").headersDelay(Duration.ofMillis(200)));
            server.enqueue(new MockResponse().status(503).body("busy").headersDelay(Duration.ofMillis(200)));
            server.enqueue(new MockResponse().body("late").headersDelay(Duration.ofSeconds(5)));
            CallTimeoutException e = timesOutAt(700, () -> s.get(server.url("/a")));
            assertTrue(e.getMessage().endsWith("while waiting for the response head"), e.getMessage());
            // The retry stage sits above the redirect stage: the retry sends the original request again.
            assertEquals(List.of("/a", "/b", "/a"), server.recordedRequests().stream().map(RecordedRequest::path)
                    .collect(Collectors.toList()), "the redirect, the retry and the last try ran under one deadline");
        }
    }

    @Test
    void theDeadlineEndsARetrysBackoffWait() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().retry(Retry.builder().total(3).build()).build()) {
            server.enqueue(new MockResponse().status(503).header("Retry-After", "5").body("busy"));
            CallTimeoutException e = timesOutAt(400,
                    () -> s.request("GET", server.url("/")).callTimeout(Duration.ofMillis(400)).send());
            assertTrue(e.getMessage().endsWith("while waiting to retry"), e.getMessage());
            assertEquals(1, server.requestCount());
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after a backoff timeout");
        }
    }

    @Test
    void anAsyncCallFailsItsFutureWithTheTimeout() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> s.request("GET", server.url("/"))
                    .callTimeout(Duration.ofMillis(200)).sendAsync().get(5, TimeUnit.SECONDS));
            assertInstanceOf(CallTimeoutException.class, e.getCause());
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)));
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after an async timeout");
        }
    }

    @Test
    void aCallThatEndsInTimeKeepsItsConnectionAndADeadlineMustBePositive() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().callTimeout(Duration.ofSeconds(5)).build()) {
            server.enqueue(new MockResponse().body("one"));
            server.enqueue(new MockResponse().body("two"));
            assertEquals("one", s.get(server.url("/1")).text());
            assertEquals("two", s.get(server.url("/2")).text());
            assertEquals(1, server.connectionCount(), "the connection was reused: the guard let go of it");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after calls in time");
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> s.request("GET", server.url("/")).callTimeout(Duration.ZERO));
            assertEquals("callTimeout must be positive, got PT0S", e.getMessage());
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                    () -> Session.builder().callTimeout(Duration.ofMillis(-1)));
            assertEquals("callTimeout must be positive, got PT-0.001S", b.getMessage());
        }
    }
}
