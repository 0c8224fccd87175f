package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.PoolStats;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heart of the product: sessions reuse keep-alive connections; one-shot calls do not. */
@Timeout(30)
class ConnectionReuseTest {
    @Test
    void twoSequentialGetsThroughOneSessionUseOneConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            assertEquals("ok", s.get(server.url("/a")).text());
            assertEquals("ok", s.get(server.url("/b")).text());
            assertEquals(1, server.connectionCount());
            assertEquals(1, s.poolStats().connectionsOpened());
            PoolStats.OriginStats o = s.poolStats().origin(server.origin());
            assertEquals(1, o.idle());
            assertEquals(0, o.inUse());
        }
    }

    @Test
    void twoOneShotCallsOpenTwoConnections() {
        try (MockServer server = MockServer.start()) {
            assertEquals(200, Spool.get(server.url("/a")).status());
            assertEquals(200, Spool.get(server.url("/b")).status());
            assertEquals(2, server.connectionCount());
            // each throwaway session closed its connection when the call returned
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)));
            assertTrue(server.awaitClientClose(2, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aThirdOriginEvictsTheLeastRecentlyUsedPoolAndClosesItsIdleConnection() {
        try (MockServer a = MockServer.start(); MockServer b = MockServer.start(); MockServer c = MockServer.start();
             Session s = Session.builder().poolConnections(2).build()) {
            s.get(a.url("/"));
            s.get(b.url("/"));
            s.get(a.url("/")); // a is now more recent than b
            s.get(c.url("/")); // evicts b
            assertTrue(b.awaitClientClose(1, Duration.ofSeconds(5)), "the server saw b's idle connection closed");
            assertFalse(a.awaitClientClose(1, Duration.ofMillis(50)));
            List<PoolStats.OriginStats> origins = s.poolStats().origins();
            assertEquals(2, origins.size());
            assertEquals(null, s.poolStats().origin(b.origin()));
            s.get(a.url("/"));
            assertEquals(1, a.connectionCount());
        }
    }

    @Test
    void redirectFreeMixesAllShareOneConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(500).body("boom"));
            server.enqueue(new MockResponse().body("head body is not sent"));
            server.enqueue(new MockResponse().status(204));
            server.enqueue(new MockResponse().status(304).header("ETag", "\"x\""));
            server.enqueue(new MockResponse().body("a chunked body, ".repeat(1000)).chunked(100));
            server.enqueue(new MockResponse().body("compressed ".repeat(500)).gzip());
            server.enqueue(new MockResponse().body("deflated ".repeat(500)).deflate());
            server.enqueue(new MockResponse().body("got it"));
            assertEquals(500, s.get(server.url("/500")).status());
            Response head = s.head(server.url("/head"));
            assertEquals(200, head.status());
            assertEquals(0, head.bytes().length);
            assertEquals(204, s.delete(server.url("/204")).status());
            assertEquals(304, s.get(server.url("/304")).status());
            assertEquals("a chunked body, ".repeat(1000), s.get(server.url("/chunked")).text());
            assertEquals("compressed ".repeat(500), s.get(server.url("/gzip")).text());
            assertEquals("deflated ".repeat(500), s.get(server.url("/deflate")).text());
            byte[] upload = "streamed upload ".repeat(5000).getBytes();
            assertEquals("got it", s.post(server.url("/upload"), Body.stream(new ByteArrayInputStream(upload))).text());
            assertEquals(1, server.connectionCount(), "every exchange reused the first connection");
            List<dev.spool.testkit.RecordedRequest> recorded = server.recordedRequests();
            assertEquals(8, recorded.size());
            dev.spool.testkit.RecordedRequest up = recorded.get(7);
            assertTrue(up.chunked());
            assertEquals(upload.length, up.body().length);
            assertEquals(8, up.sequenceOnConnection());
        }
    }

    @Test
    void defaultHeadersAreSent() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            s.get(server.url("/"));
            dev.spool.testkit.RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
            assertTrue(r.header("User-Agent").startsWith("spool/"), r.header("User-Agent"));
            assertEquals("gzip, deflate, br, zstd", r.header("Accept-Encoding"), "brotli and zstd decoders are on this class path");
            assertEquals("*/*", r.header("Accept"));
            assertEquals("keep-alive", r.header("Connection"));
            assertEquals("127.0.0.1:" + server.port(), r.header("Host"));
            assertEquals(null, r.header("Content-Length"), "a GET without a body sends no Content-Length");
            s.post(server.url("/"), null);
            assertEquals("0", server.takeRequest(Duration.ofSeconds(5)).header("Content-Length"),
                    "a bodiless POST sends Content-Length: 0");
        }
    }

    @Test
    void requestHeadersOverrideAndRemoveSessionDefaults() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().header("X-Team", "core").build()) {
            s.header("X-Env", "test");
            s.request("GET", server.url("/")).header("X-Team", "web").header("Accept", null).send();
            dev.spool.testkit.RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
            assertEquals("web", r.header("X-Team"));
            assertEquals("test", r.header("X-Env"));
            assertEquals(null, r.header("Accept"));
        }
    }
}
