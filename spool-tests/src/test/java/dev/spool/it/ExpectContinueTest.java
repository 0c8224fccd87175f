package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
