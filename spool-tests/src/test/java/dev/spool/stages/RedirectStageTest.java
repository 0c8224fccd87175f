package dev.spool.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.TooManyRedirectsException;
import dev.spool.testkit.MockTransport;
import dev.spool.testkit.MockTransport.Reply;
import org.junit.jupiter.api.Test;

/** The redirect stage, through a session over {@link MockTransport}: no sockets. */
class RedirectStageTest {
    private static Reply redirect(int status, String location) {
        return Reply.status(status).header("Location", location).body("moved");
    }

    @Test
    void followsHopsAndKeepsThemInHistoryWithTheirBodiesDropped() {
        MockTransport t = MockTransport.of(redirect(301, "/b"), redirect(302, "http://other.test/c"), Reply.ok("done"));
        try (Session s = Session.builder().mount("http://", t).build()) {
            Response r = s.get("http://h.test/a");
            assertEquals("done", r.text());
            assertEquals("http://other.test/c", r.url());
            assertEquals(2, r.history().size());
            assertEquals(301, r.history().get(0).status());
            assertEquals("http://h.test/b", t.requests().get(1).url());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.history().get(0).bytes());
            assertTrue(e.getMessage().contains("drained and dropped"), e.getMessage());
        }
    }

    @Test
    void a303TurnsAPostIntoAGetWithoutBody() {
        MockTransport t = MockTransport.of(redirect(303, "/seen"), Reply.ok("got"));
        try (Session s = Session.builder().mount("http://", t).build()) {
            assertEquals("got", s.post("http://h.test/form", Body.text("x=1")).text());
            assertEquals("GET", t.requests().get(1).method());
            assertNull(t.requestBody(1));
        }
    }

    @Test
    void withRedirectsOffTheRedirectComesBackWithTheRequestItLeadsTo() {
        MockTransport t = MockTransport.of(redirect(302, "/next"));
        try (Session s = Session.builder().mount("http://", t).build()) {
            Response r = s.request("GET", "http://h.test/start").allowRedirects(false).send();
            assertEquals(302, r.status());
            assertEquals("moved", r.text());
            assertEquals("http://h.test/next", r.nextRequest().url());
            assertEquals(1, t.requestCount());
        }
    }

    @Test
    void stopsAtTheLimitWithTheLastResponseAndItsHistory() {
        MockTransport t = new MockTransport(req -> redirect(302, "/loop"));
        try (Session s = Session.builder().mount("http://", t).maxRedirects(3).build()) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class, () -> s.get("http://h.test/"));
            assertEquals(4, t.requestCount());
            assertEquals(3, e.response().history().size());
            assertTrue(e.getMessage().startsWith("Exceeded 3 redirects"), e.getMessage());
        }
    }
}
