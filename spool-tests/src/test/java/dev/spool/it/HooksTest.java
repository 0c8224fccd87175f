package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Headers;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.auth.Auth;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Response hooks: on every response, redirects included; a request's hooks replace the session's. */
@Timeout(30)
class HooksTest {
    @Test
    void sessionHooksSeeEveryResponseInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (MockServer server = MockServer.start();
             Session s = Session.builder()
                     .hook(r -> {
                         seen.add("first " + r.status());
                         return null;
                     })
                     .hook(r -> {
                         seen.add("second " + r.status());
                         return r;
                     })
                     .build()) {
            server.enqueue(new MockResponse().status(302).header("Location", "/b"));
            server.enqueue(new MockResponse().body("done"));
            assertEquals("done", s.get(server.url("/a")).text());
            assertEquals(List.of("first 302", "second 302", "first 200", "second 200"), seen);
        }
    }

    @Test
    void requestHooksReplaceTheSessions() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (MockServer server = MockServer.start();
             Session s = Session.builder().hook(r -> {
                 seen.add("session");
                 return null;
             }).build()) {
            s.request("GET", server.url("/")).hook(r -> {
                seen.add("request");
                return null;
            }).send();
            s.get(server.url("/"));
            assertEquals(List.of("request", "session"), seen);
        }
    }

    @Test
    void aHookMayReplaceTheResponseAndReadItsBody() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("original"));
            Response r = s.request("GET", server.url("/")).hook(resp -> Response.builder()
                    .request(resp.request()).status(299).headers(Headers.of("X-Hooked", "1"))
                    .body(("hooked " + resp.text()).getBytes()).build()).send();
            assertEquals(299, r.status());
            assertEquals("hooked original", r.text());
            assertEquals("1", r.header("X-Hooked"));
            assertEquals(1, s.poolStats().connectionsOpened());
            assertEquals(0, s.poolStats().inUse(), "the original body was read by the hook, freeing the connection");
        }
    }

    @Test
    void hooksSeeTheResponseAfterAnAuthChallengeIsAnswered() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        DigestServer digest = new DigestServer("u", "p", "MD5", "auth");
        try (MockServer server = MockServer.start().dispatcher(digest);
             Session s = Session.builder().auth(Auth.digest("u", "p")).hook(r -> {
                 seen.add(r.status());
                 return null;
             }).build()) {
            s.get(server.url("/"));
            assertEquals(List.of(200), seen, "the 401 was answered below the hooks, as requests' digest hook runs first");
        }
    }
}
