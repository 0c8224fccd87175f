package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each {@link Fault}, seen from a raw socket client. */
@Timeout(30)
class MockServerFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BODY = "0123456789abcdefghij"; // 20 bytes, so half is 10

    /** Reads until the stream ends or fails; returns the bytes and the failure, if any. */
    private static Outcome readUntilEnd(RawClient c) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            for (int b = c.readByte(); b >= 0; b = c.readByte()) {
                got.write(b);
            }
            return new Outcome(got.toString(StandardCharsets.ISO_8859_1), null);
        } catch (IOException e) {
            return new Outcome(got.toString(StandardCharsets.ISO_8859_1), e);
        }
    }

    /** How a read to the end went: the bytes before the end, and the failure that ended it, if any. */
    private static final class Outcome {
        final String bytes;
        final IOException failure;

        Outcome(String bytes, IOException failure) {
            this.bytes = bytes;
            this.failure = failure;
        }

        void assertEof() {
            if (failure != null) {
                throw new AssertionError("expected a clean end of stream, got " + failure, failure);
            }
        }

        void assertReset() {
            assertTrue(failure instanceof SocketException && !(failure instanceof SocketTimeoutException),
                    "expected a reset, got " + (failure == null ? "end of stream" : failure.toString()));
            assertTrue(failure.getMessage().contains("reset"), failure.getMessage());
        }
    }

    @Test
    void disconnectAtStartClosesWithoutReadingOrRecording() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AT_START));
            Outcome o = readUntilEnd(c.get("/"));
            o.assertEof();
            assertEquals("", o.bytes);
            assertEquals(0, server.requestCount());
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void disconnectAtStartHitsTheNextRequestOfAnIdleKeptAliveConnection() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            assertEquals("ok", c.get("/").read().text());
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AT_START));
            Outcome o = readUntilEnd(c.get("/"));
            o.assertEof();
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void disconnectAfterRequestRecordsThenCloses() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            Outcome o = readUntilEnd(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"));
            o.assertEof();
            assertEquals("", o.bytes);
            assertEquals("abc", server.takeRequest(WAIT).bodyText());
        }
    }

    @Test
    void disconnectMidHeadersSendsPartOfTheHead() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.DISCONNECT_MID_HEADERS));
            Outcome o = readUntilEnd(c.get("/"));
            o.assertEof();
            assertTrue(o.bytes.startsWith("HTTP/1.1 200"), o.bytes);
            assertFalse(o.bytes.contains("\r\n\r\n"), o.bytes);
        }
    }

    @Test
    void disconnectMidBodySendsHalfTheBody() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.DISCONNECT_MID_BODY));
            Outcome o = readUntilEnd(c.get("/"));
            o.assertEof();
            assertTrue(o.bytes.contains("Content-Length: 20\r\n"), o.bytes);
            assertTrue(o.bytes.endsWith("\r\n\r\n0123456789"), o.bytes);
        }
    }

    @Test
    void disconnectMidBodyOfAChunkedBodyLeavesOutTheLastChunk() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).chunked(4).fault(Fault.DISCONNECT_MID_BODY));
            Outcome o = readUntilEnd(c.get("/"));
            o.assertEof();
            assertTrue(o.bytes.endsWith("\r\n\r\n4\r\n0123\r\n4\r\n4567\r\n2\r\n89\r\n"), o.bytes);
        }
    }

    @Test
    void resetAtStartResetsWithoutRecording() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().fault(Fault.RESET_AT_START));
            readUntilEnd(c.get("/")).assertReset();
            assertEquals(0, server.requestCount());
        }
    }

    @Test
    void resetAfterRequestRecordsThenResets() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().fault(Fault.RESET_AFTER_REQUEST));
            readUntilEnd(c.get("/")).assertReset();
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void resetMidHeadersAndMidBodyReset() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.RESET_MID_HEADERS));
            server.enqueue(new MockResponse().body(BODY).fault(Fault.RESET_MID_BODY));
            try (RawClient c = RawClient.connect(server)) {
                Outcome o = readUntilEnd(c.get("/"));
                o.assertReset();
                assertFalse(o.bytes.contains("\r\n\r\n"), o.bytes);
            }
            try (RawClient c = RawClient.connect(server)) {
                Outcome o = readUntilEnd(c.get("/"));
                o.assertReset();
                assertFalse(o.bytes.contains("abcdefghij"), o.bytes);
            }
        }
    }

    @Test
    void stallBeforeHeadersStaysSilentUntilTheClientLeaves() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            try (RawClient c = RawClient.connect(server)) {
                c.timeout(200).get("/");
                assertThrows(SocketTimeoutException.class, c::readByte);
                assertEquals(1, server.requestCount());
                assertFalse(server.awaitIdle(Duration.ofMillis(50)), "a stalled exchange is not idle");
            }
            assertTrue(server.awaitClientClose(1, WAIT));
            assertTrue(server.awaitOpenConnections(0, WAIT));
        }
    }

    @Test
    void stallMidBodySendsHalfThenNothing() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.STALL_MID_BODY));
            c.timeout(200).get("/");
            assertEquals("HTTP/1.1 200 OK", c.line());
            while (!c.line().isEmpty()) {
                // skip the header fields
            }
            assertEquals("0123456789", new String(c.exactly(10), StandardCharsets.US_ASCII));
            assertThrows(SocketTimeoutException.class, c::readByte);
        }
    }

    @Test
    void truncatedChunkedEndsWithoutTheLastChunk() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.TRUNCATED_CHUNKED));
            c.get("/");
            assertThrows(EOFException.class, c::read);
            try (RawClient d = RawClient.connect(server)) {
                server.enqueue(new MockResponse().body(BODY).chunked(8).fault(Fault.TRUNCATED_CHUNKED));
                Outcome o = readUntilEnd(d.get("/"));
                o.assertEof();
                assertTrue(o.bytes.contains("Transfer-Encoding: chunked\r\n"), o.bytes);
                assertTrue(o.bytes.endsWith("\r\n\r\n8\r\n01234567\r\n8\r\n89abcdef\r\n4\r\nghij\r\n"), o.bytes);
            }
        }
    }

    @Test
    void garbageStatusLine() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().fault(Fault.GARBAGE_STATUS_LINE));
            Outcome o = readUntilEnd(c.get("/"));
            o.assertEof();
            assertFalse(o.bytes.startsWith("HTTP/"), o.bytes);
            assertFalse(o.bytes.isEmpty());
        }
    }

    @Test
    void oversizedHeadersAreAbout100KiB() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.OVERSIZED_HEADERS));
            RawClient.Reply r = c.get("/").read();
            int headBytes = r.statusLine.length() + 2;
            for (int i = 0; i < r.headers.size(); i += 2) {
                headBytes += r.headers.get(i).length() + 2 + r.headers.get(i + 1).length() + 2;
            }
            assertTrue(headBytes >= 100 * 1000 && headBytes <= 110 * 1024, "head of " + headBytes + " bytes");
            assertEquals(BODY, r.text());
        }
    }

    @Test
    void conflictingContentLengthAndChunked() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.CONFLICTING_CL_TE));
            RawClient.Reply r = c.get("/").read(); // RawClient, like RFC 9112, lets chunked win
            assertEquals("20", r.header("Content-Length"));
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals(BODY, r.text());
        }
    }

    @Test
    void twoDifferentContentLengths() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.TWO_CONTENT_LENGTHS));
            RawClient.Reply r = c.get("/").read();
            assertEquals(List.of("20", "21"), r.all("Content-Length"));
        }
    }

    @Test
    void closeAfterResponseIsAStaleKeepAliveConnection() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().body(BODY).fault(Fault.CLOSE_AFTER_RESPONSE));
            try (RawClient c = RawClient.connect(server)) {
                RawClient.Reply r = c.get("/").read();
                assertNull(r.header("Connection"));
                assertEquals(BODY, r.text());
                // The client reuses the connection: its request is swallowed and it reads end of stream.
                readUntilEnd(c.get("/")).assertEof();
                assertEquals(1, server.requestCount());
            }
            assertTrue(server.awaitClientClose(1, WAIT));
        }
    }

    @Test
    void closeAfterRequestsClosesEachConnectionSilently() throws IOException {
        try (MockServer server = MockServer.start().closeAfterRequests(2); RawClient c = RawClient.connect(server)) {
            assertEquals("ok", c.get("/").read().text());
            RawClient.Reply second = c.get("/").read();
            assertNull(second.header("Connection"));
            readUntilEnd(c.get("/")).assertEof();
            try (RawClient d = RawClient.connect(server)) {
                assertEquals("ok", d.get("/").read().text());
            }
            assertEquals(3, server.requestCount());
            assertEquals(2, server.connectionCount());
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyFaultLeavesTheServerUsable(Fault fault) throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().body(BODY).fault(fault));
            try (RawClient c = RawClient.connect(server)) {
                c.timeout(300).get("/");
                readUntilEnd(c);
            }
            try (RawClient c = RawClient.connect(server)) {
                assertEquals("ok", c.get("/").read().text());
            }
            assertNotEquals(0, server.connectionCount());
        }
    }

    @Test
    void atStartFaultFromADispatcherActsAfterTheRequest() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.dispatcher(r -> new MockResponse().fault(Fault.RESET_AT_START));
            readUntilEnd(c.get("/")).assertReset();
            assertEquals(1, server.requestCount());
        }
    }
}
