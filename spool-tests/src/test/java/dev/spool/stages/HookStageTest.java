package dev.spool.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockTransport;
import dev.spool.testkit.MockTransport.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hook stage, through a session over {@link MockTransport}: no sockets. */
class HookStageTest {
    @Test
    void runsOnEveryHopInOrderOfTheHooks() {
        List<String> seen = new ArrayList<>();
        MockTransport t = MockTransport.of(Reply.status(302).header("Location", "/b"), Reply.ok("b"));
        try (Session s = Session.builder().mount("http://", t)
                .hook(r -> {
                    seen.add("first " + r.status());
                    return null;
                })
                .hook(r -> {
                    seen.add("second " + r.status());
                    return null;
                })
                .build()) {
            assertEquals("b", s.get("http://h.test/a").text());
            assertEquals(List.of("first 302", "second 302", "first 200", "second 200"), seen);
        }
    }

    @Test
    void aHookCanReplaceTheResponse() {
        MockTransport t = MockTransport.of(Reply.ok("original"));
        try (Session s = Session.builder().mount("http://", t)
                .hook(r -> Response.builder().request(r.request()).status(299).body("replaced".getBytes()).build())
                .build()) {
            Response r = s.get("http://h.test/");
            assertEquals(299, r.status());
            assertEquals("replaced", r.text());
        }
    }

    @Test
    void aRequestsHooksReplaceTheSessions() {
        List<String> seen = new ArrayList<>();
        MockTransport t = MockTransport.of(Reply.ok(""));
        try (Session s = Session.builder().mount("http://", t).hook(r -> {
            seen.add("session");
            return null;
        }).build()) {
            s.request("GET", "http://h.test/").hook(r -> {
                seen.add("request");
                return null;
            }).send();
            assertEquals(List.of("request"), seen);
        }
    }

    @Test
    void whatAHookThrowsReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        MockTransport t = MockTransport.of(Reply.ok(""));
        try (Session s = Session.builder().mount("http://", t).hook(r -> {
            throw boom;
        }).build()) {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> s.get("http://h.test/")));
        }
    }
}
