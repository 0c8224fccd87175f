package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrapping a response with {@link Response#toBuilder()} and dropping a redirect's body. No sockets. */
class ResponseBuilderTest {
    private static final Request GET = new Request("GET", Url.parse("http://h.example/a"), null, null, null);

    /** A body that records whether it was closed (closing a real one frees its connection). */
    static final class Body extends ByteArrayInputStream {
        boolean closed;

        Body(String text) {
            super(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static Response streamed(int status, Body body) {
        return Response.builder().request(GET).status(status).reason("Why").headers(Headers.of("Location", "/b"))
                .body(body).build();
    }

    @Test
    void theCopyKeepsTheHeadAndTakesTheBodyOver() {
        Body body = new Body("payload");
        Response original = streamed(302, body);
        Response hop = Response.builder().request(GET).status(301).build();
        Request next = new Request("GET", Url.parse("http://h.example/b"), null, null, null);
        Response copy = original.toBuilder().history(List.of(hop)).nextRequest(next).build();
        assertEquals(302, copy.status());
        assertEquals("Why", copy.reason());
        assertEquals("/b", copy.header("Location"));
        assertEquals(List.of(hop), copy.history());
        assertSame(next, copy.nextRequest());
        original.close();
        assertFalse(body.closed, "the original no longer owns the body");
        assertEquals("payload", copy.text());
        assertTrue(body.closed, "the copy closes it once read");
    }

    @Test
    void aNewBodyReplacesTheTakenOne() {
        Body body = new Body("old");
        Response original = streamed(200, body);
        Response copy = original.toBuilder().body("new".getBytes(StandardCharsets.UTF_8)).build();
        assertEquals("new", copy.text());
        assertNull(copy.nextRequest());
        original.close();
        assertTrue(body.closed, "the original kept its body, so closing it closes the body");
    }

    @Test
    void aDiscardedBodySaysWhyItIsGone() {
        Body body = new Body("moved");
        Response redirect = streamed(302, body);
        redirect.discardBody();
        assertTrue(body.closed);
        IllegalStateException e = assertThrows(IllegalStateException.class, redirect::bytes);
        assertTrue(e.getMessage().contains("was drained and dropped"), e.getMessage());
        assertThrows(IllegalStateException.class, redirect::inputStream);
    }

    @Test
    void aBodyAlreadyReadStaysReadableAfterDiscard() {
        Response redirect = streamed(302, new Body("moved"));
        assertEquals("moved", redirect.text());
        redirect.discardBody();
        assertEquals("moved", redirect.text());
    }
}
