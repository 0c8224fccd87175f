package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import dev.spool.ProtocolException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
