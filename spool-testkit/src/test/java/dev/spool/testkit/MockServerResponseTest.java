package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What MockServer sends: the default, the queue and dispatcher, and each MockResponse option. */
@Timeout(30)
class MockServerResponseTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void defaultIs200Ok() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            RawClient.Reply r = c.get("/").read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine);
            assertEquals("ok", r.text());
            assertEquals("2", r.header("Content-Length"));
        }
    }

    @Test
    void urlAndOriginUseLoopbackAndPort() {
        try (MockServer server = MockServer.start()) {
            assertEquals("http://127.0.0.1:" + server.port(), server.origin());
            assertEquals("http://127.0.0.1:" + server.port() + "/a/b?c=d", server.url("/a/b?c=d"));
            assertEquals(server.url("/x"), server.url("x"));
            assertFalse(server.isTls());
            assertNull(server.certificate());
        }
    }

    @Test
    void queueIsFifoThenDispatcherThenDefault() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("first"));
            server.enqueue(new MockResponse().status(404).body("second"));
            assertEquals("first", c.get("/").read().text());
            RawClient.Reply second = c.get("/").read();
            assertEquals(404, second.status());
            assertEquals("HTTP/1.1 404 Not Found", second.statusLine);
            assertEquals("second", second.text());

            server.dispatcher(req -> new MockResponse().body("dispatched " + req.path()));
            assertEquals("dispatched /p", c.get("/p?x=1").read().text());
            server.enqueue(new MockResponse().body("queued wins"));
            assertEquals("queued wins", c.get("/").read().text());

            server.dispatcher(null);
            assertEquals("ok", c.get("/").read().text());
        }
    }

    @Test
    void enqueuedResponseIsACopy() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            MockResponse r = new MockResponse().body("before");
            server.enqueue(r);
            r.body("after");
            assertEquals("before", c.get("/").read().text());
        }
    }

    @Test
    void dispatcherExceptionBecomes500() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.dispatcher(req -> {
                throw new IllegalArgumentException("boom");
            });
            RawClient.Reply r = c.get("/").read();
            assertEquals(500, r.status());
            assertTrue(r.text().contains("boom"), r.text());
        }
    }

    @Test
    void statusReasonHeadersAndKeepAliveTimeout() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().status(299).header("X-A", "1").header("X-A", "2")
                    .header("Content-Type", "text/plain").keepAliveTimeout(7).body("x"));
            server.enqueue(new MockResponse().status(201).reason("Made It"));
            RawClient.Reply r = c.get("/").read();
            assertEquals("HTTP/1.1 299 ", r.statusLine); // unknown status: empty reason, the space stays
            assertEquals(List.of("1", "2"), r.all("X-A"));
            assertEquals("timeout=7", r.header("Keep-Alive"));
            assertEquals("HTTP/1.1 201 Made It", c.get("/").read().statusLine);
        }
    }

    @Test
    void headResponseHasLengthButNoBody() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("hello"));
            c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Reply r = c.read(true);
            assertEquals("5", r.header("Content-Length"));
            // The connection is still usable, so nothing followed the head.
            assertEquals("ok", c.get("/").read().text());
        }
    }

    @Test
    void noContentAndNotModifiedSendNoLength() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().status(204));
            server.enqueue(new MockResponse().status(304));
            RawClient.Reply a = c.get("/").read();
            assertNull(a.header("Content-Length"));
            RawClient.Reply b = c.get("/").read();
            assertEquals(304, b.status());
            assertNull(b.header("Content-Length"));
            assertEquals("ok", c.get("/").read().text());
        }
    }

    @Test
    void chunkedResponseWithTrailers() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("abcdefghij").chunked(3).trailer("X-Checksum", "42"));
            RawClient.Reply r = c.get("/").read();
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"));
            assertEquals("abcdefghij", r.text());
            assertEquals("42", r.trailer("X-Checksum"));
            assertEquals("ok", c.get("/").read().text());
        }
    }

    @Test
    void trailersWithoutChunkingAreRefusedAtEnqueue() {
        try (MockServer server = MockServer.start()) {
            assertThrows(IllegalStateException.class, () -> server.enqueue(new MockResponse().trailer("A", "b")));
        }
    }

    @Test
    void gzipAndDeflateEncodeTheBody() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("squeeze me").gzip());
            server.enqueue(new MockResponse().body("deflate me").deflate());
            RawClient.Reply g = c.get("/").read();
            assertEquals("gzip", g.header("Content-Encoding"));
            assertEquals(Integer.toString(g.body.length), g.header("Content-Length"));
            assertEquals("squeeze me", new String(new GZIPInputStream(new ByteArrayInputStream(g.body)).readAllBytes(),
                    StandardCharsets.UTF_8));
            RawClient.Reply d = c.get("/").read();
            assertEquals("deflate", d.header("Content-Encoding"));
            assertEquals("deflate me", new String(new InflaterInputStream(new ByteArrayInputStream(d.body)).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void generatedBodyOf10MiBStreamsThePattern() throws IOException {
        long size = 10L * 1024 * 1024 + 5;
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().bodyOfSize(size));
            RawClient.Reply r = c.get("/").read();
            assertEquals(Long.toString(size), r.header("Content-Length"));
            assertEquals(size, r.body.length);
            for (int i = 0; i < r.body.length; i += 4093) {
                assertEquals(MockResponse.generatedByte(i), r.body[i], "byte " + i);
            }
            assertEquals(MockResponse.generatedByte(size - 1), r.body[(int) size - 1]);
            assertEquals('a', MockResponse.generatedByte(0));
            assertEquals('\n', MockResponse.generatedByte(63));
        }
    }

    @Test
    void generatedBodyOf100MiBCountsWithoutMemory() throws IOException {
        long size = 100L * 1024 * 1024;
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().bodyOfSize(size));
            c.get("/");
            String statusLine = c.line();
            assertEquals("HTTP/1.1 200 OK", statusLine);
            String length = null;
            for (String l = c.line(); !l.isEmpty(); l = c.line()) {
                if (l.startsWith("Content-Length:")) {
                    length = l.substring(15).trim();
                }
            }
            assertEquals(Long.toString(size), length);
            long got = 0;
            byte[] buf = new byte[256 * 1024];
            InputStream in = c.socket.getInputStream();
            while (got < size) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, size - got));
                assertTrue(n > 0);
                got += n;
            }
            assertEquals(size, got);
            assertEquals("ok", c.get("/").read().text());
        }
    }

    @Test
    void generatedBodyWithGzipStreamsChunked() throws IOException {
        long size = 3L * 1024 * 1024;
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().bodyOfSize(size).gzip());
            RawClient.Reply r = c.get("/").read();
            assertEquals("chunked", r.header("Transfer-Encoding"));
            byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body)).readAllBytes();
            assertEquals(size, plain.length);
            assertEquals(MockResponse.generatedByte(size - 1), plain[plain.length - 1]);
        }
    }

    @Test
    void noContentLengthIsDelimitedByClose() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().body("until the end").noContentLength());
            try (RawClient c = RawClient.connect(server)) {
                RawClient.Reply r = c.get("/").read();
                assertNull(r.header("Content-Length"));
                assertEquals("until the end", r.text()); // read() read to the end of the stream, so the server closed
            }
            assertTrue(server.awaitClientClose(1, WAIT));
        }
    }

    @Test
    void closeConnectionSaysSoAndCloses() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("bye").closeConnection());
            RawClient.Reply r = c.get("/").read();
            assertEquals("close", r.header("Connection"));
            assertEquals("bye", r.text());
            assertTrue(c.atEof());
        }
    }

    @Test
    void http10StatusLineClosesUnlessKeepAlive() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().http10().body("old"));
            try (RawClient c = RawClient.connect(server)) {
                RawClient.Reply r = c.get("/").read();
                assertEquals("HTTP/1.0 200 OK", r.statusLine);
                assertTrue(c.atEof());
            }
            server.enqueue(new MockResponse().http10().header("Connection", "keep-alive").body("old"));
            try (RawClient c = RawClient.connect(server)) {
                assertEquals("HTTP/1.0 200 OK", c.get("/").read().statusLine);
                assertEquals("ok", c.get("/").read().text());
            }
        }
    }

    @Test
    void userFramingHeadersReplaceAutomaticOnes() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().header("Content-Length", "3").body("abc"));
            RawClient.Reply r = c.get("/").read();
            assertEquals(List.of("3"), r.all("Content-Length"));
        }
    }

    @Test
    void rawBytesAreSentExactlyThenTheConnectionCloses() throws IOException {
        byte[] raw = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nZ".getBytes(StandardCharsets.US_ASCII);
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().raw(raw));
            assertArrayEquals(raw, c.get("/").readToEnd());
        }
    }

    @Test
    void headersDelayHoldsTheResponse() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().headersDelay(Duration.ofSeconds(30)));
            c.timeout(200).get("/");
            assertThrows(SocketTimeoutException.class, c::readByte);
        }
    }

    @Test
    void headersDelayThenResponse() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().headersDelay(Duration.ofMillis(150)).body("late"));
            long start = System.nanoTime();
            assertEquals("late", c.get("/").read().text());
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
        }
    }

    @Test
    void throttleDripsTheResponse() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("x".repeat(100)).throttle(20, Duration.ofMillis(30)));
            long start = System.nanoTime();
            RawClient.Reply r = c.get("/").read();
            long elapsed = System.nanoTime() - start;
            assertEquals("x".repeat(100), r.text());
            // The head is ~40 bytes, so at least 7 pieces of 20 bytes: 6 pauses of 30 ms at the least.
            assertTrue(elapsed >= Duration.ofMillis(180).toNanos(), "took " + elapsed / 1_000_000 + " ms");
        }
    }

    @Test
    void realClientsInteroperate() throws Exception {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().body("from jdk client").gzip().chunked(4));
            server.enqueue(new MockResponse().status(201).body("created"));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<byte[]> a = client.send(HttpRequest.newBuilder(URI.create(server.url("/a"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("from jdk client", new String(new GZIPInputStream(new ByteArrayInputStream(a.body())).readAllBytes(),
                    StandardCharsets.UTF_8));
            HttpResponse<String> b = client.send(HttpRequest.newBuilder(URI.create(server.url("/b")))
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, b.statusCode());
            assertEquals("created", b.body());
            RecordedRequest first = server.takeRequest(WAIT);
            RecordedRequest second = server.takeRequest(WAIT);
            assertNotNull(second);
            assertEquals("/a", first.path());
            assertEquals("POST", second.method());
            assertEquals("payload", second.bodyText());
            assertEquals(1, server.connectionCount(), "the JDK client reused its connection");

            HttpURLConnection conn = (HttpURLConnection) new URL(server.url("/c")).openConnection();
            assertEquals(200, conn.getResponseCode());
            try (InputStream in = conn.getInputStream()) {
                assertEquals("ok", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            conn.disconnect();
        }
    }
}
