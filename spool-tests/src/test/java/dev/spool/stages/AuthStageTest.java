package dev.spool.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.auth.Auth;
import dev.spool.testkit.MockTransport;
import dev.spool.testkit.MockTransport.Reply;
import org.junit.jupiter.api.Test;

/** The auth stage, through a session over {@link MockTransport}: no sockets. */
class AuthStageTest {
    private static final String ALICE = "Basic YWxpY2U6c2VjcmV0"; // alice:secret

    @Test
    void sendsTheSessionsCredentials() {
        MockTransport t = MockTransport.of(Reply.ok("in"));
        try (Session s = Session.builder().mount("http://", t).auth(Auth.basic("alice", "secret")).build()) {
            assertEquals("in", s.get("http://h.test/").text());
            assertEquals(ALICE, t.requests().get(0).headers().get("Authorization"));
        }
    }

    @Test
    void answersOneChallengeBySendingAgain() {
        Auth challenged = new Auth() {
            @Override
            public Request apply(Request request) {
                return request;
            }

            @Override
            public Request challenge(Request sent, Response response) {
                return sent.withHeaders(sent.headers().plus("Authorization", "Answer " + response.header("WWW-Authenticate")));
            }
        };
        Reply unauthorized = Reply.status(401).header("WWW-Authenticate", "nonce1");
        MockTransport t = MockTransport.of(unauthorized, Reply.ok("welcome"));
        try (Session s = Session.builder().mount("http://", t).auth(challenged).build()) {
            assertEquals("welcome", s.get("http://h.test/").text());
            assertNull(t.requests().get(0).headers().get("Authorization"));
            assertEquals("Answer nonce1", t.requests().get(1).headers().get("Authorization"));
        }
    }

    @Test
    void aSecond401GoesToTheCaller() {
        MockTransport t = new MockTransport(req -> Reply.status(401).header("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\""));
        try (Session s = Session.builder().mount("http://", t).auth(Auth.digest("alice", "secret")).build()) {
            assertEquals(401, s.get("http://h.test/").status());
            assertEquals(2, t.requestCount());
        }
    }

    @Test
    void credentialsStayBehindWhenARedirectLeavesTheOrigin() {
        MockTransport t = MockTransport.of(Reply.status(302).header("Location", "http://elsewhere.test/"), Reply.ok("there"));
        try (Session s = Session.builder().mount("http://", t).auth(Auth.basic("alice", "secret")).build()) {
            assertEquals("there", s.get("http://h.test/").text());
            assertEquals(ALICE, t.requests().get(0).headers().get("Authorization"));
            assertNull(t.requests().get(1).headers().get("Authorization"));
        }
    }
}
