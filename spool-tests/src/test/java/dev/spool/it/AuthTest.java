package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.auth.Auth;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Basic, Bearer, URL credentials and Digest against a real server. */
@Timeout(30)
class AuthTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void sessionBasicAuthIsSentAndARequestsOwnAuthWins() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().auth(Auth.basic("alice", "wonder land")).build()) {
            s.get(server.url("/a"));
            s.request("GET", server.url("/b")).auth(Auth.bearer("tok3n")).send();
            assertEquals("Basic YWxpY2U6d29uZGVyIGxhbmQ=", server.takeRequest(WAIT).header("Authorization"));
            assertEquals("Bearer tok3n", server.takeRequest(WAIT).header("Authorization"));
        }
    }

    @Test
    void urlCredentialsArePercentDecodedAndNeverSentInTheUrl() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            String url = "http://us%40er:p%3Ass%20w@127.0.0.1:" + server.port() + "/path?q=1";
            Response r = s.get(url);
            RecordedRequest rec = server.takeRequest(WAIT);
            assertEquals("Basic dXNAZXI6cDpzcyB3", rec.header("Authorization"), "us@er : p:ss w");
            assertEquals("/path?q=1", rec.target());
            assertEquals("127.0.0.1:" + server.port(), rec.header("Host"));
            assertEquals(server.url("/path?q=1"), r.url(), "the response URL carries no password either");
        }
    }

    /**
     * CVE-2024-47081: credentials meant for a.example must not go to the host the URL really names.
     * {@code http://a.example:@127.0.0.1/} parses to host 127.0.0.1 (user "a.example").
     */
    @Test
    void cve_2024_47081_credentialsApplyOnlyToTheHostTheUrlParsesTo() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().auth(Auth.forHost("a.example", Auth.basic("alice", "secret"))).build()) {
            s.get("http://a.example:@127.0.0.1:" + server.port() + "/");
            RecordedRequest rec = server.takeRequest(WAIT);
            assertNull(rec.header("Authorization"), "nothing meant for a.example was sent to 127.0.0.1");
            assertEquals("127.0.0.1:" + server.port(), rec.header("Host"));
            assertEquals("/", rec.target());
        }
    }

    @Test
    void basicOneShotCallsTakeAuthToo() {
        try (MockServer server = MockServer.start()) {
            Spool.request("GET", server.url("/")).auth(Auth.basic("u", "p")).send();
            assertEquals("Basic dTpw", server.takeRequest(WAIT).header("Authorization"));
        }
    }

    @ParameterizedTest(name = "Digest {0} qop={1}")
    @CsvSource(nullValues = "null", value = {"MD5, auth", "MD5-sess, auth", "SHA-256, auth", "SHA-256-sess, auth", "MD5, null"})
    void digestAnswersTheChallengeThenSendsAtOnce(String algorithm, String qop) {
        DigestServer digest = new DigestServer("Mufasa", "Circle of Life", algorithm, qop);
        try (MockServer server = MockServer.start().dispatcher(digest);
             Session s = Session.builder().auth(Auth.digest("Mufasa", "Circle of Life")).build()) {
            Response first = s.get(server.url("/dir/index.html?x=1"));
            assertEquals(200, first.status());
            assertEquals("authenticated Mufasa", first.text());
            assertEquals(2, server.requestCount(), "one 401, then the answer");
            assertEquals(200, s.post(server.url("/other"), Body.text("data")).status());
            assertEquals(3, server.requestCount(), "later requests carry the digest at once");
            assertEquals(1, digest.challenges.get());
            if (qop != null) {
                assertEquals(List.of("00000001", "00000002"), digest.counts);
            }
            assertEquals(1, server.connectionCount(), "the 401's body was drained and the connection reused");
        }
    }

    @Test
    void digestAnswersAStaleNonceWithTheNewOne() {
        DigestServer digest = new DigestServer("u", "p", "SHA-256", "auth");
        try (MockServer server = MockServer.start().dispatcher(digest);
             Session s = Session.builder().auth(Auth.digest("u", "p")).build()) {
            assertEquals(200, s.get(server.url("/")).status());
            digest.rotateNonce();
            assertEquals(200, s.get(server.url("/")).status());
            assertEquals(4, server.requestCount(), "401, 200, then 401 stale=true and 200 with the new nonce");
            assertEquals(List.of("00000001", "00000001"), digest.counts, "the count starts over for the new nonce");
        }
    }

    @Test
    void digestWithAWrongPasswordReturnsThe401AfterOneTry() {
        DigestServer digest = new DigestServer("u", "right", "MD5", "auth");
        try (MockServer server = MockServer.start().dispatcher(digest);
             Session s = Session.builder().auth(Auth.digest("u", "wrong")).build()) {
            Response r = s.get(server.url("/"));
            assertEquals(401, r.status());
            assertEquals("authentication required", r.text());
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void digestNonceCountsNeverRepeatUnderConcurrentRequests() throws Exception {
        DigestServer digest = new DigestServer("u", "p", "MD5", "auth");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (MockServer server = MockServer.start().dispatcher(digest);
             Session s = Session.builder().auth(Auth.digest("u", "p")).build()) {
            assertEquals(200, s.get(server.url("/")).status());
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        ok += s.get(server.url("/c")).status() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : futures) {
                ok += f.get(20, TimeUnit.SECONDS);
            }
            assertEquals(40, ok);
            assertEquals(41, digest.counts.size());
            assertEquals(41, new HashSet<>(digest.counts).size(), "no nonce count was used twice");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCustomStrategyAnswersA401OnceAndOnlyOnce() {
        Auth token = new Auth() {
            @Override
            public Request apply(Request request) {
                return request;
            }

            @Override
            public Request challenge(Request sent, Response response) {
                String realm = response.header("WWW-Authenticate");
                return realm == null ? null : sent.withHeaders(sent.headers().with("X-Token", "for " + realm));
            }
        };
        try (MockServer server = MockServer.start(); Session s = Session.builder().auth(token).build()) {
            server.enqueue(new MockResponse().status(401).header("WWW-Authenticate", "Token realm=x"));
            server.enqueue(new MockResponse().body("in"));
            assertEquals("in", s.get(server.url("/")).text());
            server.takeRequest(WAIT);
            assertEquals("for Token realm=x", server.takeRequest(WAIT).header("X-Token"));
            server.enqueue(new MockResponse().status(401).header("WWW-Authenticate", "Token realm=x"));
            server.enqueue(new MockResponse().status(401).header("WWW-Authenticate", "Token realm=x"));
            assertEquals(401, s.get(server.url("/")).status(), "a second 401 goes to the caller");
            assertEquals(4, server.requestCount());
        }
    }

    @Test
    void aOneShotBodyIsNotSentTwiceForAChallenge() {
        DigestServer digest = new DigestServer("u", "p", "MD5", "auth");
        try (MockServer server = MockServer.start().dispatcher(digest);
             Session s = Session.builder().auth(Auth.digest("u", "p")).build()) {
            Response r = s.post(server.url("/up"), Body.stream(new ByteArrayInputStream("once".getBytes())));
            assertEquals(401, r.status());
            assertEquals(1, server.requestCount());
            assertFalse(digest.challenges.get() == 0);
            assertTrue(s.post(server.url("/up"), Body.text("again")).ok(), "a replayable body is answered");
        }
    }
}
