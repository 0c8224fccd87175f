package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A streamed response holds its connection until its body ends or it is closed. */
@Timeout(30)
class StreamingTest {
    @Test
    void anUnreadStreamedResponseKeepsItsConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().bodyOfSize(100_000));
            try (Response held = s.request("GET", server.url("/big")).stream(true).send()) {
                assertEquals(1, s.poolStats().inUse());
                s.get(server.url("/next"));
                assertEquals(2, server.connectionCount(), "the held connection was not shared: (2) was opened");
                assertEquals(2, server.recordedRequests().get(1).connectionIndex());
                assertEquals(200, held.status());
            }
        }
    }

    @Test
    void aStreamedBodyReadToTheEndFreesTheConnectionBeforeClose() throws IOException {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().bodyOfSize(200_000));
            Response r = s.request("GET", server.url("/big")).stream(true).send();
            InputStream in = r.inputStream();
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
            assertEquals(200_000, total);
            assertEquals(0, s.poolStats().inUse(), "released at EOF, before close()");
            s.get(server.url("/next"));
            assertEquals(1, server.connectionCount());
            r.close();
        }
    }

    @Test
    void closingWithTenBytesUnreadStillReusesTheConnection() throws IOException {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("0123456789abcdefghij"));
            try (Response r = s.request("GET", server.url("/small")).stream(true).send()) {
                byte[] first = r.inputStream().readNBytes(10);
                assertEquals("0123456789", new String(first));
            }
            assertEquals(0, s.poolStats().inUse());
            s.get(server.url("/next"));
            assertEquals(1, server.connectionCount(), "the 10 unread bytes were drained and the connection kept");
        }
    }

    @Test
    void closingWithTenMebibytesUnreadClosesTheConnection() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().bodyOfSize(10L * 1024 * 1024));
            Response r = s.request("GET", server.url("/huge")).stream(true).send();
            r.close();
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)), "too much to drain: the connection was closed");
            assertEquals(0, s.poolStats().inUse());
            assertEquals(0, s.poolStats().idle());
            s.get(server.url("/next"));
            assertEquals(2, server.connectionCount());
        }
    }

    @Test
    void aConsumedStreamCannotBeReadAgain() throws IOException {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("once"));
            try (Response r = s.request("GET", server.url("/")).stream(true).send()) {
                assertEquals("once", new String(r.inputStream().readAllBytes()));
                IllegalStateException e = assertThrows(IllegalStateException.class, r::inputStream);
                assertTrue(e.getMessage().contains("already consumed"), e.getMessage());
                assertThrows(IllegalStateException.class, r::bytes);
            }
        }
    }

    @Test
    void aBufferedBodyCanBeReadManyTimes() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("again"));
            Response r = s.get(server.url("/"));
            assertEquals("again", r.text());
            assertArrayEquals("again".getBytes(), r.bytes());
            assertEquals("again", new String(assertDoesNotThrowRead(r)));
        }
    }

    private static byte[] assertDoesNotThrowRead(Response r) {
        try (InputStream in = r.inputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void linesStreamWithoutLoadingTheBody() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("one\ntwo\nthree\n").chunked(3));
            try (Response r = s.request("GET", server.url("/")).stream(true).send();
                 Stream<String> lines = r.lines()) {
                assertEquals("one,two,three", lines.collect(Collectors.joining(",")));
            }
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aStreamedOneShotResponseClosesItsConnectionWhenClosed() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().bodyOfSize(1000));
            try (Response r = Spool.request("GET", server.url("/")).stream(true).send()) {
                assertEquals(1000, r.inputStream().readAllBytes().length);
            }
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)), "the throwaway session's connection closed");
        }
    }
}
