package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.ConnectionException;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Url;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MockTransport: scripted replies, recorded requests, no sockets. */
@Timeout(10)
class MockTransportTest {

    private static Request get(String url) {
        return new Request("GET", Url.parse(url), Headers.of("Accept", "text/plain"), null, null);
    }

    @Test
    void queuedRepliesInOrder() {
        MockTransport t = MockTransport.of(
                MockTransport.Reply.ok("one").header("X-A", "1").header("X-A", "2"),
                MockTransport.Reply.status(404).reason("Nope").body("two"));
        Response a = t.send(get("http://example.org/a"));
        assertEquals(200, a.status());
        assertEquals("OK", a.reason());
        assertEquals("one", a.text());
        assertEquals(List.of("1", "2"), a.headers().all("x-a"));
        assertEquals("http://example.org/a", a.url());
        Response b = t.send(get("http://example.org/b"));
        assertEquals(404, b.status());
        assertEquals("Nope", b.reason());
        assertEquals("two", b.text());
        assertEquals(2, t.requestCount());
        assertEquals("http://example.org/b", t.requests().get(1).url());
    }

    @Test
    void handlerAnswersWhenTheQueueIsEmpty() {
        AtomicInteger calls = new AtomicInteger();
        MockTransport t = new MockTransport(r -> {
            calls.incrementAndGet();
            return MockTransport.Reply.ok(r.method() + " " + r.httpUrl().path());
        });
        t.enqueue(MockTransport.Reply.ok("queued"));
        assertEquals("queued", t.send(get("http://h/x")).text());
        assertEquals("GET /y", t.send(get("http://h/y")).text());
        assertEquals(1, calls.get());
    }

    @Test
    void recordsRequestBodiesIncludingStreams() {
        MockTransport t = new MockTransport(r -> MockTransport.Reply.status(204));
        Request post = new Request("POST", Url.parse("http://h/p"), Headers.EMPTY, Body.text("payload"), null);
        Request stream = new Request("PUT", Url.parse("http://h/s"), Headers.EMPTY,
                Body.stream(new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8))), null);
        t.send(post);
        t.send(stream);
        t.send(get("http://h/g"));
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), t.requestBody(0));
        assertArrayEquals("streamed".getBytes(StandardCharsets.UTF_8), t.requestBody(1));
        assertNull(t.requestBody(2));
        assertSame(post, t.requests().get(0));
    }

    @Test
    void failureRepliesThrow() {
        ConnectionException boom = new ConnectionException("connection reset");
        MockTransport t = MockTransport.of(MockTransport.Reply.failure(boom), MockTransport.Reply.ok("retried"));
        assertSame(boom, assertThrows(ConnectionException.class, () -> t.send(get("http://h/"))));
        assertEquals("retried", t.send(get("http://h/")).text());
        assertEquals(2, t.requestCount());
    }

    @Test
    void noReplyIsAnIllegalState() {
        MockTransport t = new MockTransport();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.send(get("http://h/")));
        assertTrue(e.getMessage().contains("GET http://h/"), e.getMessage());
    }

    @Test
    void closedTransportRefuses() {
        MockTransport t = MockTransport.of(MockTransport.Reply.ok("x"));
        t.close();
        t.close();
        assertTrue(t.isClosed());
        assertThrows(IllegalStateException.class, () -> t.send(get("http://h/")));
    }

    @Test
    void repliesAreImmutable() {
        MockTransport.Reply base = MockTransport.Reply.status(200);
        MockTransport.Reply withHeader = base.header("A", "b");
        MockTransport t = MockTransport.of(base, withHeader);
        assertEquals(0, t.send(get("http://h/")).headers().size());
        assertEquals("b", t.send(get("http://h/")).header("a"));
        assertThrows(IllegalArgumentException.class, () -> MockTransport.Reply.status(42));
    }
}
