package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.HttpStatusException;
import dev.spool.InvalidRequestException;
import dev.spool.ProtocolException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Broken framing is an error, never silent truncation; bad requests never reach a socket. */
@Timeout(30)
class FramingAndValidationTest {
    @Test
    void aTruncatedContentLengthBodyIsAnError() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().raw(
                    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b".getBytes(StandardCharsets.US_ASCII))
                    .closeConnection());
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().contains("10 of 100"), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertEquals(0, s.poolStats().inUse());
            assertEquals(0, s.poolStats().idle());
        }
    }

    @Test
    void aTruncatedBodyReadWithLargeBuffersIsAnErrorNotASpin() {
        // Reads of 8 KiB and more go straight to the socket; at EOF they must end in an error too.
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().raw(
                    "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nonly ten b".getBytes(StandardCharsets.US_ASCII))
                    .closeConnection());
            try (Response r = s.request("GET", server.url("/")).stream(true).send();
                 java.io.InputStream in = r.inputStream()) {
                byte[] buf = new byte[64 * 1024];
                assertEquals(10, in.read(buf));
                java.io.IOException e = assertThrows(java.io.IOException.class, () -> in.read(buf));
                assertTrue(e.getMessage().contains("10 of 100000"), e.getMessage());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aMidBodyDisconnectIsAnError() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("x".repeat(10_000)).fault(Fault.DISCONNECT_MID_BODY));
            assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            assertEquals(0, s.poolStats().idle());
        }
    }

    @Test
    void aMidBodyDisconnectIsAnErrorWhenStreamedInLargeReads() throws IOException {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("x".repeat(100_000)).fault(Fault.DISCONNECT_MID_BODY));
            try (Response r = s.request("GET", server.url("/")).stream(true).send(); InputStream in = r.inputStream()) {
                // 64 KiB reads take the parser's direct path past its buffer, which must notice the EOF too.
                byte[] buf = new byte[1 << 16];
                IOException e = assertThrows(IOException.class, () -> {
                    while (in.read(buf) >= 0) {
                        continue;
                    }
                });
                assertInstanceOf(ProtocolException.class, e.getCause(), e.toString());
            }
        }
    }

    @Test
    void brokenChunkedFramingIsAnError() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("abc".repeat(100)).fault(Fault.TRUNCATED_CHUNKED));
            assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            server.enqueue(new MockResponse().raw(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void conflictingFramingIsReadByTransferEncodingAndNeverReused() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("chunked wins").fault(Fault.CONFLICTING_CL_TE));
            Response r = s.get(server.url("/"));
            assertEquals("chunked wins", r.text());
            assertEquals(0, s.poolStats().idle(), "a CL+TE response never leaves its connection in the pool");
            s.get(server.url("/next"));
            assertEquals(2, server.connectionCount());
        }
    }

    @Test
    void chunkedWithParametersIsReadUntilTheCloseAndItsConnectionNeverReused() {
        // Issue 10: llhttp, curl and Python's http.client do not read "chunked;q=1" as chunked; Spool
        // reads the body until the close (RFC 9112 section 6.3, rule 4) and never pools the connection.
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().raw(ascii(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;q=1\r\n\r\n2\r\nhi\r\n0\r\n\r\n")));
            Response r = s.get(server.url("/"));
            assertEquals("2\r\nhi\r\n0\r\n\r\n", r.text(), "the body is everything up to the close");
            assertEquals(0, s.poolStats().idle(), "the connection was not kept for reuse");
            assertEquals("ok", s.get(server.url("/next")).text());
            assertNotSameConnection(server);
        }
    }

    @Test
    void aCodingSpoolDoesNotImplementBeforeChunkedNeverLeavesAReusableConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().rawKeepAlive(ascii(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: x-custom, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n")));
            assertEquals("hi", s.get(server.url("/")).text());
            assertEquals(0, s.poolStats().idle(), "the connection was not kept for reuse");
            assertEquals("ok", s.get(server.url("/next")).text());
            assertNotSameConnection(server);
        }
    }

    @Test
    void exactlyChunkedKeepsTheConnectionForReuse() {
        // The control for the two tests above: the same bytes with plain "chunked" on a kept connection.
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().rawKeepAlive(ascii(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n")));
            assertEquals("hi", s.get(server.url("/")).text());
            assertEquals("ok", s.get(server.url("/next")).text());
            assertSameConnection(server);
        }
    }

    @Test
    void http12IsProcessedAsHttp11AndItsConnectionReused() {
        // Issue 10, RFC 9110 section 2.5.
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().rawKeepAlive(ascii("HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nhi")));
            Response r = s.get(server.url("/"));
            assertEquals(200, r.status());
            assertEquals("hi", r.text());
            assertEquals("ok", s.get(server.url("/next")).text());
            assertSameConnection(server);
        }
    }

    @Test
    void aStatusOutside100To599IsAServerErrorKeepingItsNumberAndItsConnectionReused() {
        // Issue 10, RFC 9110 section 15: any three digits are a status; outside 100-599 it is
        // treated as a 5xx, and framed like one, while status() keeps the number sent.
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().rawKeepAlive(ascii("HTTP/1.1 600 Custom\r\nContent-Length: 2\r\n\r\nhi")));
            server.enqueue(new MockResponse().rawKeepAlive(ascii("HTTP/1.1 099 Odd\r\nContent-Length: 3\r\n\r\nodd")));
            Response six = s.get(server.url("/600"));
            assertEquals(600, six.status());
            assertEquals("hi", six.text());
            assertEquals(false, six.ok());
            HttpStatusException e = assertThrows(HttpStatusException.class, six::raiseForStatus);
            assertTrue(e.getMessage().startsWith("600 Server Error: Custom for url: "), e.getMessage());
            Response low = s.get(server.url("/099"));
            assertEquals(99, low.status(), "099 is a final response, not an interim 1xx");
            assertEquals("odd", low.text());
            assertEquals(false, low.ok());
            e = assertThrows(HttpStatusException.class, low::raiseForStatus);
            assertTrue(e.getMessage().startsWith("99 Server Error: Odd for url: "), e.getMessage());
            assertEquals("ok", s.get(server.url("/next")).text());
            assertEquals(1, server.connectionCount(), "all three on one connection");
        }
    }

    @Test
    void aHeaderLineOver16KibIsTakenAndItsConnectionReused() {
        // Issue 10: one line may use the head's 64 KiB (a large Content-Security-Policy, Link or cookie).
        String policy = ("default-src 'self'; " + "script-src https://cdn.example ".repeat(700)).trim();
        assertTrue(policy.length() > 16 * 1024);
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Content-Security-Policy", policy).body("big head"));
            Response r = s.get(server.url("/"));
            assertEquals(policy, r.header("Content-Security-Policy"));
            assertEquals("big head", r.text());
            assertEquals("ok", s.get(server.url("/next")).text());
            assertSameConnection(server);
        }
    }

    @Test
    void twoDifferentContentLengthsAreAnError() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("abc").fault(Fault.TWO_CONTENT_LENGTHS));
            assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            assertEquals(0, s.poolStats().idle());
        }
    }

    @Test
    void garbageAndOversizedHeadsAreErrors() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().fault(Fault.GARBAGE_STATUS_LINE));
            assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            server.enqueue(new MockResponse().fault(Fault.OVERSIZED_HEADERS));
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().contains("65536"), e.getMessage());
        }
    }

    @Test
    void http10AndConnectionCloseResponsesAreNotReused() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("old").http10());
            server.enqueue(new MockResponse().body("bye").closeConnection());
            assertEquals("old", s.get(server.url("/")).text());
            assertEquals("bye", s.get(server.url("/")).text());
            assertEquals("ok", s.get(server.url("/")).text());
            assertEquals(3, server.connectionCount());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The server's two recorded requests came on one connection. */
    private static void assertSameConnection(MockServer server) {
        RecordedRequest first = server.takeRequest(Duration.ofSeconds(5));
        RecordedRequest second = server.takeRequest(Duration.ofSeconds(5));
        assertEquals(first.connectionIndex(), second.connectionIndex(), "the second request reused the connection");
        assertEquals(2, second.sequenceOnConnection());
        assertEquals(1, server.connectionCount());
    }

    /** The server's two recorded requests came on different connections. */
    private static void assertNotSameConnection(MockServer server) {
        RecordedRequest first = server.takeRequest(Duration.ofSeconds(5));
        RecordedRequest second = server.takeRequest(Duration.ofSeconds(5));
        assertTrue(first.connectionIndex() != second.connectionIndex(), "the second request came on a new connection");
        assertEquals(1, second.sequenceOnConnection());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void crLfInAHeaderValueIsRefusedBeforeTheServerSeesAConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> s.request("GET", server.url("/")).header("X-Evil", "a\r\nInjected: yes").send());
            assertTrue(e.getMessage().contains("X-Evil"), e.getMessage());
            assertThrows(InvalidRequestException.class, () -> s.get(server.url("/a b")));
            assertThrows(InvalidRequestException.class, () -> s.get(server.url("/a\r\nHost: evil")));
            assertThrows(InvalidRequestException.class, () -> s.request("GET\r\nX: y", server.url("/")).send());
            assertThrows(InvalidRequestException.class, () -> s.header("X-Evil", "a\nb"));
            assertEquals(0, server.connectionCount());
        }
    }
}
