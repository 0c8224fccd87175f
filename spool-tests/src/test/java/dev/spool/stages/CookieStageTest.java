package dev.spool.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spool.Session;
import dev.spool.testkit.MockTransport;
import dev.spool.testkit.MockTransport.Reply;
import org.junit.jupiter.api.Test;

/** The cookie stage, through a session over {@link MockTransport}: no sockets. */
class CookieStageTest {
    @Test
    void storesWhatAResponseSetsAndSendsItBack() {
        MockTransport t = MockTransport.of(Reply.ok("").header("Set-Cookie", "sid=1; Path=/"), Reply.ok(""));
        try (Session s = Session.builder().mount("http://", t).build()) {
            s.get("http://h.test/login");
            s.get("http://h.test/home");
            assertNull(t.requests().get(0).headers().get("Cookie"));
            assertEquals("sid=1", t.requests().get(1).headers().get("Cookie"));
        }
    }

    @Test
    void aRequestsOwnCookieReplacesTheJarsOfTheSameName() {
        MockTransport t = MockTransport.of(Reply.ok("").header("Set-Cookie", "sid=1").header("Set-Cookie", "lang=en"),
                Reply.ok(""));
        try (Session s = Session.builder().mount("http://", t).build()) {
            s.get("http://h.test/");
            s.request("GET", "http://h.test/").cookie("sid", "2").send();
            assertEquals("lang=en; sid=2", t.requests().get(1).headers().get("Cookie"));
        }
    }

    @Test
    void aCookieHeaderSetByTheCallerIsSentAsItIs() {
        MockTransport t = MockTransport.of(Reply.ok("").header("Set-Cookie", "sid=1"), Reply.ok(""));
        try (Session s = Session.builder().mount("http://", t).build()) {
            s.get("http://h.test/");
            s.request("GET", "http://h.test/").header("Cookie", "mine=x").send();
            assertEquals("mine=x", t.requests().get(1).headers().get("Cookie"));
        }
    }

    @Test
    void cookiesSetOnARedirectHopReachTheNextHop() {
        MockTransport t = MockTransport.of(
                Reply.status(302).header("Location", "/after").header("Set-Cookie", "hop=1"), Reply.ok(""));
        try (Session s = Session.builder().mount("http://", t).build()) {
            s.get("http://h.test/before");
            assertEquals("hop=1", t.requests().get(1).headers().get("Cookie"));
        }
    }
}
