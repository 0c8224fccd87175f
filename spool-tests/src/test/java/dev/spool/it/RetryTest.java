package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.ConnectFailedException;
import dev.spool.ConnectionException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.retry.Retry;
import dev.spool.retry.RetryExhaustedException;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries against a real server, with a sleeper that records the waits instead of sleeping. */
@Timeout(30)
class RetryTest {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Retry.Sleeper recorder = waits::add;

    private Retry.Builder retry() {
        return Retry.builder().sleeper(recorder);
    }

    @Test
    void statusesAreRetriedWithRetryAfterAndExponentialBackoff() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().retry(retry().total(5).statusForcelist(502, 503).backoffFactor(0.5).build()).build()) {
            server.enqueue(new MockResponse().status(503).header("Retry-After", "3").body("busy"));
            server.enqueue(new MockResponse().status(503).body("busy"));
            server.enqueue(new MockResponse().status(502).body("bad gateway"));
            server.enqueue(new MockResponse().body("finally"));
            Response r = s.get(server.url("/"));
            assertEquals("finally", r.text());
            assertEquals(4, server.requestCount());
            assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2)), waits,
                    "Retry-After first, then 0.5 s × 2^(n-1)");
            assertEquals(1, server.connectionCount(), "each retried response was drained, keeping the connection");
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstThePolicysClock() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        Retry policy = retry().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        try (MockServer server = MockServer.start(); Session s = Session.builder().retry(policy).build()) {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atOffset(ZoneOffset.UTC));
            server.enqueue(new MockResponse().status(429).header("Retry-After", date));
            server.enqueue(new MockResponse().body("ok"));
            assertEquals("ok", s.get(server.url("/")).text());
            assertEquals(List.of(Duration.ofSeconds(7)), waits);
        }
    }

    @Test
    void runningOutOfStatusRetriesThrowsWithTheLastResponse() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().retry(retry().total(2).statusForcelist(503).build()).build()) {
            server.dispatcher(req -> new MockResponse().status(503).body("down for maintenance"));
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> s.get(server.url("/x")));
            assertEquals(3, server.requestCount(), "the request and two retries");
            assertEquals(503, e.response().status());
            assertEquals("down for maintenance", e.response().text());
            assertTrue(e.getMessage().contains("total budget exhausted"), e.getMessage());
            assertTrue(e.getMessage().contains(server.url("/x")), e.getMessage());
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void withRaiseOnStatusOffTheLastResponseIsReturned() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().retry(retry().total(1).statusForcelist(500).raiseOnStatus(false).build()).build()) {
            server.dispatcher(req -> new MockResponse().status(500).body("boom"));
            Response r = s.get(server.url("/"));
            assertEquals(500, r.status());
            assertEquals("boom", r.text());
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void connectErrorsAreRetriedThenReportedWithTheirCause() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        try (Session s = Session.builder().retry(retry().total(5).connect(2).backoffFactor(0.1).build()).build()) {
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                    () -> s.post("http://127.0.0.1:" + closedPort + "/", Body.text("x")));
            assertInstanceOf(ConnectFailedException.class, e.getCause(), "connect errors are retried for any method");
            assertNull(e.response());
            assertTrue(e.getMessage().contains("connect budget exhausted"), e.getMessage());
            assertEquals(List.of(Duration.ofMillis(200)), waits,
                    "the first retry goes at once (no wait at all), the second after 0.1 s × 2");
        }
    }

    @Test
    void aReadErrorIsRetriedForGetButNotForPost() {
        try (MockServer server = MockServer.start(); Session s = Session.builder().retry(retry().total(2).build()).build()) {
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            server.enqueue(new MockResponse().body("second time lucky"));
            assertEquals("second time lucky", s.get(server.url("/get")).text());
            assertEquals(2, server.requestCount());
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            server.enqueue(new MockResponse().body("never asked"));
            assertThrows(ConnectionException.class, () -> s.post(server.url("/post"), Body.text("x")),
                    "the server may have acted on the POST: not sent again");
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void postStatusesAreRetriedOnlyWhenEveryMethodIsAllowed() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(503));
            Retry idempotentOnly = retry().statusForcelist(503).build();
            assertEquals(503, s.request("POST", server.url("/")).retry(idempotentOnly).send().status());
            assertEquals(1, server.requestCount(), "POST is not among the default allowed methods");
            server.enqueue(new MockResponse().status(503));
            server.enqueue(new MockResponse().body("ok"));
            assertEquals("ok", s.request("POST", server.url("/")).retry(retry().statusForcelist(503).anyMethod().build())
                    .send().text());
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void bySessionDefaultNothingIsRetried() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(503).header("Retry-After", "1"));
            assertEquals(503, s.get(server.url("/")).status());
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void theRedirectBudgetCountsRedirects() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().retry(retry().redirect(1).build()).build()) {
            server.dispatcher(req -> new MockResponse().status(302).header("Location", req.path() + "x"));
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> s.get(server.url("/r")));
            assertTrue(e.getMessage().contains("redirect budget exhausted"), e.getMessage());
            assertEquals(302, e.response().status());
            assertEquals(1, e.response().history().size());
            Response r = s.request("GET", server.url("/r")).retry(retry().redirect(1).raiseOnRedirect(false).build()).send();
            assertEquals(302, r.status());
            assertEquals(server.url("/rxx"), r.nextRequest().url());
        }
    }
}
