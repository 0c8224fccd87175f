package dev.spool.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spool.Body;
import dev.spool.ConnectionException;
import dev.spool.Session;
import dev.spool.retry.Retry;
import dev.spool.retry.RetryExhaustedException;
import dev.spool.testkit.MockTransport;
import dev.spool.testkit.MockTransport.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry stage, through a session over {@link MockTransport}: no sockets, and waits recorded, not slept. */
class RetryStageTest {
    private final List<Duration> waits = new ArrayList<>();

    private Retry.Builder retry(int total) {
        return Retry.builder().total(total).backoffFactor(0.5).sleeper(waits::add);
    }

    @Test
    void retriesAConnectionFailureWithBackoff() {
        MockTransport t = MockTransport.of(Reply.failure(new ConnectionException("refused")),
                Reply.failure(new ConnectionException("refused")), Reply.ok("up"));
        try (Session s = Session.builder().mount("http://", t).retry(retry(3).build()).build()) {
            assertEquals("up", s.get("http://h.test/").text());
            assertEquals(3, t.requestCount());
            // urllib3's backoff: none before the first retry, then 0.5 s × 2^(2-1) before the second.
            assertEquals(List.of(Duration.ofSeconds(1)), waits);
        }
    }

    @Test
    void retriesAListedStatusAndWaitsAsRetryAfterSays() {
        MockTransport t = MockTransport.of(Reply.status(503).header("Retry-After", "7"), Reply.ok("ok"));
        try (Session s = Session.builder().mount("http://", t).retry(retry(3).statusForcelist(503).build()).build()) {
            assertEquals("ok", s.get("http://h.test/").text());
            assertEquals(List.of(Duration.ofSeconds(7)), waits);
        }
    }

    @Test
    void runningOutOfStatusRetriesThrowsWithTheLastResponse() {
        MockTransport t = new MockTransport(req -> Reply.status(500).body("still down"));
        try (Session s = Session.builder().mount("http://", t).retry(retry(2).statusForcelist(500).build()).build()) {
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> s.get("http://h.test/"));
            assertEquals(3, t.requestCount());
            assertEquals("still down", e.response().text());
        }
    }

    @Test
    void aPostIsNotRetriedAfterAnError() {
        ConnectionException refused = new ConnectionException("refused");
        MockTransport t = MockTransport.of(Reply.failure(refused), Reply.ok("never"));
        try (Session s = Session.builder().mount("http://", t).retry(retry(3).build()).build()) {
            assertSame(refused, assertThrows(ConnectionException.class, () -> s.post("http://h.test/", Body.text("x"))));
            assertEquals(1, t.requestCount());
        }
    }
}
