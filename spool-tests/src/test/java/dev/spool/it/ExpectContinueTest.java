package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Expect: 100-continue}: the body waits for the server's go-ahead, and is not sent on a refusal. */
@Timeout(30)
class ExpectContinueTest {
    @Test
    void theBodyFollowsA100Continue() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(201).body("stored"));
            Response r = s.request("PUT", server.url("/upload")).header("Expect", "100-continue")
                    .body(Body.text("payload")).send();
            assertEquals(201, r.status());
            RecordedRequest rec = server.takeRequest(Duration.ofSeconds(5));
            assertEquals("payload", rec.bodyText());
            s.get(server.url("/next"));
            assertEquals(1, server.connectionCount(), "the connection stays reusable");
        }
    }

    @Test
    void aFinalAnswerInsteadOf100MeansTheBodyIsNotSent() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(413).body("too large").noContinue());
            Response r = s.request("PUT", server.url("/upload")).header("Expect", "100-continue")
                    .body(Body.bytes(new byte[100_000])).send();
            assertEquals(413, r.status());
            assertEquals("too large", r.text());
            assertEquals(0, s.poolStats().idle(), "a connection whose request body was never sent is not reused");
            assertEquals(200, s.get(server.url("/next")).status());
        }
    }

    @Test
    void aServerThatNeverSends100GetsTheBodyAfterTheWaitOnTheSameConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(200).body("stored").silentContinue());
            long t0 = System.nanoTime();
            Response r = s.request("PUT", server.url("/upload")).header("Expect", "100-continue")
                    .body(Body.text("payload")).send();
            long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertEquals(200, r.status());
            assertEquals("stored", r.text());
            assertEquals("payload", server.takeRequest(Duration.ofSeconds(5)).bodyText());
            assertTrue(waited >= 1000, "the body waits for curl's 1 s first, waited " + waited + " ms");
            assertTrue(waited < 2500, "and not much longer, waited " + waited + " ms");
            assertEquals(200, s.get(server.url("/next")).status());
            assertEquals(1, server.connectionCount(), "the wait closes nothing: one connection served both");
        }
    }

    @Test
    void theWaitFor100IsSettable() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().expectContinueTimeout(Duration.ofMillis(2500)).build()) {
            server.enqueue(new MockResponse().status(201).silentContinue());
            long t0 = System.nanoTime();
            Response r = s.request("PUT", server.url("/upload")).header("Expect", "100-continue")
                    .body(Body.text("payload")).send();
            long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertEquals(201, r.status());
            assertTrue(waited >= 2500, "the configured wait, not the default: waited " + waited + " ms");
            assertEquals("payload", server.takeRequest(Duration.ofSeconds(5)).bodyText());
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void aReadTimeoutShorterThanTheWaitBoundsIt() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(200).silentContinue());
            long t0 = System.nanoTime();
            Response r = s.request("PUT", server.url("/upload")).header("Expect", "100-continue")
                    .timeout(Duration.ofMillis(300)).body(Body.text("payload")).send();
            long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertEquals(200, r.status());
            assertTrue(waited >= 300 && waited < 1000, "waited the read timeout, not 1 s: " + waited + " ms");
        }
    }
}
