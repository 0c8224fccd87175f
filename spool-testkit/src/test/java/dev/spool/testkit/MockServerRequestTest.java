package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How MockServer reads requests: framing, 100-continue, persistence rules, and refusing malformed ones. */
@Timeout(30)
class MockServerRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void recordsRequestLineHeadersAndBody() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.send("POST /items/7?sort=asc&q=a%20b HTTP/1.1\r\nHost: example\r\nX-Multi: one\r\n"
                    + "x-multi:  two \r\nContent-Length: 5\r\n\r\nhello");
            assertEquals(200, c.read().status());
            RecordedRequest r = server.takeRequest(WAIT);
            assertNotNull(r);
            assertEquals("POST", r.method());
            assertEquals("/items/7?sort=asc&q=a%20b", r.target());
            assertEquals("/items/7", r.path());
            assertEquals("sort=asc&q=a%20b", r.query());
            assertEquals("HTTP/1.1", r.version());
            assertEquals("one", r.header("x-MULTI"));
            assertEquals(List.of("one", "two"), r.headers().all("X-Multi"));
            assertEquals("X-Multi", r.headers().name(1));
            assertEquals(4, r.headers().size());
            assertEquals("hello", r.bodyText());
            assertEquals(5, r.bodySize());
            assertFalse(r.chunked());
            assertEquals(1, r.connectionIndex());
            assertEquals(1, r.sequenceOnConnection());
            assertEquals(c.localPort(), r.remotePort());
            assertFalse(r.tls());
            assertEquals(1, server.requestCount());
            assertEquals(List.of(r), server.recordedRequests());
        }
    }

    @Test
    void takeRequestReturnsNullOnTimeout() {
        try (MockServer server = MockServer.start()) {
            assertNull(server.takeRequest(Duration.ofMillis(50)));
        }
    }

    @Test
    void chunkedBodyIsDecodedWithExtensionsAndTrailers() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.send("PUT /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n"
                    + "1;name=value\r\n \r\n"
                    + "A \t;ext\r\n0123456789\r\n"
                    + "0\r\nX-Sum: 16\r\n\r\n");
            assertEquals(200, c.read().status());
            RecordedRequest r = server.takeRequest(WAIT);
            assertTrue(r.chunked());
            assertEquals("hello 0123456789", r.bodyText());
            assertEquals(16, r.bodySize());
            assertEquals("16", r.trailers().get("x-sum"));
        }
    }

    @Test
    void absoluteFormTargetHasPathAndQuery() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.send("GET http://example.org:8080/p/q?x=y HTTP/1.1\r\nHost: example.org:8080\r\n\r\n").read();
            c.send("GET http://example.org?x=y HTTP/1.1\r\nHost: example.org\r\n\r\n").read();
            RecordedRequest a = server.takeRequest(WAIT);
            assertEquals("/p/q", a.path());
            assertEquals("x=y", a.query());
            RecordedRequest b = server.takeRequest(WAIT);
            assertEquals("/", b.path());
            assertEquals("x=y", b.query());
        }
    }

    @Test
    void keepAliveServesSequentialAndPipelinedRequests() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.dispatcher(r -> new MockResponse().body(r.path()));
            assertEquals("/1", c.get("/1").read().text());
            c.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("/2", c.read().text());
            assertEquals("/3", c.read().text());
            for (int i = 1; i <= 3; i++) {
                RecordedRequest r = server.takeRequest(WAIT);
                assertEquals(1, r.connectionIndex());
                assertEquals(i, r.sequenceOnConnection());
            }
        }
    }

    @Test
    void expectContinueGets100ThenTheResponse() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.line());
            assertEquals("", c.line());
            c.send("body");
            assertEquals(200, c.read().status());
            assertEquals("body", server.takeRequest(WAIT).bodyText());
        }
    }

    @Test
    void noContinueAnswersAtOnceAndCloses() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().status(401).noContinue());
            c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            RawClient.Reply r = c.read();
            assertEquals(401, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.atEof());
            RecordedRequest rec = server.takeRequest(WAIT);
            assertEquals(0, rec.bodySize());
        }
    }

    @Test
    void clientConnectionCloseIsHonoured() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawClient.Reply r = c.read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.atEof());
        }
    }

    @Test
    void http10RequestClosesUnlessKeepAlive() throws IOException {
        try (MockServer server = MockServer.start()) {
            try (RawClient c = RawClient.connect(server)) {
                c.send("GET / HTTP/1.0\r\n\r\n");
                assertEquals("ok", c.read().text());
                assertTrue(c.atEof());
            }
            try (RawClient c = RawClient.connect(server)) {
                c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawClient.Reply r = c.read();
                assertEquals("keep-alive", r.header("Connection"));
                c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                assertEquals("ok", c.read().text());
            }
            assertEquals("HTTP/1.0", server.takeRequest(WAIT).version());
        }
    }

    @Test
    void recordBodyLimitKeepsThePrefixAndCountsAll() throws IOException {
        try (MockServer server = MockServer.start().recordBodyLimit(3); RawClient c = RawClient.connect(server)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789").read();
            RecordedRequest r = server.takeRequest(WAIT);
            assertArrayEquals("012".getBytes(StandardCharsets.US_ASCII), r.body());
            assertEquals(10, r.bodySize());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        "G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\nHost: x\n\n",
        "GET / HTTP/1.1\r\nHost: x\r\nBad\rHeader: 1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    })
    void malformedRequestsGet400AndClose(String request) throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body("kept for the next request"));
            RawClient.Reply r = c.send(request).read();
            assertEquals(400, r.status(), r.text());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.atEof());
            assertEquals(0, server.requestCount());
            try (RawClient d = RawClient.connect(server)) {
                assertEquals("kept for the next request", d.get("/").read().text());
            }
        }
    }

    @Test
    void oneEmptyLineBeforeTheRequestLineIsIgnored() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            assertEquals("ok", c.send("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n").read().text());
        }
    }

    @Test
    void identicalContentLengthsAreOneLength() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nab").read();
            assertEquals("ab", server.takeRequest(WAIT).bodyText());
        }
    }
}
