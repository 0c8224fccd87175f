package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TooManyRedirectsException;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects against a real server: methods, bodies, history, limits, connection reuse and streaming. */
@Timeout(30)
class RedirectTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static MockResponse redirect(int status, String location) {
        return new MockResponse().status(status).header("Location", location).body("moved");
    }

    @Test
    void followsRelativeAndAbsoluteLocationsAndRecordsTheHistory() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(302, "b?x=1"));
            server.enqueue(redirect(301, server.url("/c")));
            server.enqueue(new MockResponse().body("done"));
            Response r = s.get(server.url("/dir/a"));
            assertEquals(200, r.status());
            assertEquals("done", r.text());
            assertEquals(server.url("/c"), r.url());
            List<Response> history = r.history();
            assertEquals(2, history.size());
            assertEquals(302, history.get(0).status());
            assertEquals(server.url("/dir/a"), history.get(0).url());
            assertEquals(301, history.get(1).status());
            assertEquals(server.url("/dir/b?x=1"), history.get(1).url());
            assertEquals("/dir/a", server.takeRequest(WAIT).target());
            assertEquals("/dir/b?x=1", server.takeRequest(WAIT).target());
            assertEquals("/c", server.takeRequest(WAIT).target());
        }
    }

    @Test
    void eachHopIsDrainedSoOneConnectionServesTheWholeChain() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(302).header("Location", "/b").body("x".repeat(20_000)).chunked(1000));
            server.enqueue(new MockResponse().status(307).header("Location", "/c").body("y".repeat(5_000)));
            server.enqueue(new MockResponse().body("done"));
            Response r = s.get(server.url("/a"));
            assertEquals("done", r.text());
            assertEquals(1, server.connectionCount(), "every hop reused the first connection");
            assertEquals(1, s.poolStats().connectionsOpened());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.history().get(0).text());
            assertTrue(e.getMessage().contains("redirect was followed"), e.getMessage());
        }
    }

    @Test
    void postBecomesGetAfter301And302AndLosesItsBody() {
        for (int status : new int[] {301, 302}) {
            try (MockServer server = MockServer.start(); Session s = new Session()) {
                server.enqueue(redirect(status, "/result"));
                server.enqueue(new MockResponse().body("ok"));
                Response r = s.post(server.url("/form"), Body.form(java.util.Map.of("a", "1")));
                assertEquals("ok", r.text());
                RecordedRequest post = server.takeRequest(WAIT);
                assertEquals("POST", post.method());
                assertEquals("a=1", post.bodyText());
                RecordedRequest get = server.takeRequest(WAIT);
                assertEquals("GET", get.method(), "after " + status);
                assertEquals(0, get.bodySize());
                assertNull(get.header("Content-Type"));
                assertNull(get.header("Content-Length"));
                assertNull(get.header("Transfer-Encoding"));
            }
        }
    }

    @Test
    void see303TurnsAPutIntoAGetAndAHeadStaysAHead() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(303, "/see"));
            server.enqueue(new MockResponse().body("ok"));
            s.put(server.url("/thing"), Body.json("{\"a\":1}"));
            server.takeRequest(WAIT);
            RecordedRequest get = server.takeRequest(WAIT);
            assertEquals("GET", get.method());
            assertEquals(0, get.bodySize());
            assertNull(get.header("Content-Type"));
            server.enqueue(redirect(303, "/see"));
            server.enqueue(new MockResponse());
            s.request("HEAD", server.url("/h")).allowRedirects(true).send();
            server.takeRequest(WAIT);
            assertEquals("HEAD", server.takeRequest(WAIT).method());
        }
    }

    @Test
    void temporaryAndPermanentRedirectsSendTheMethodAndBodyAgain() {
        for (int status : new int[] {307, 308}) {
            try (MockServer server = MockServer.start(); Session s = new Session()) {
                server.enqueue(redirect(status, "/there"));
                server.enqueue(new MockResponse().body("ok"));
                s.post(server.url("/here"), Body.json("{\"k\":1}"));
                server.takeRequest(WAIT);
                RecordedRequest again = server.takeRequest(WAIT);
                assertEquals("POST", again.method());
                assertEquals("/there", again.target());
                assertEquals("{\"k\":1}", again.bodyText());
                assertEquals("application/json", again.header("Content-Type"));
            }
        }
    }

    @Test
    void aOneShotStreamBodyCannotFollowA307AndSaysSo() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(307, "/again"));
            InputStream once = new ByteArrayInputStream("streamed".getBytes());
            SpoolException e = assertThrows(SpoolException.class,
                    () -> s.post(server.url("/upload"), Body.stream(once)));
            assertTrue(e.getMessage().contains("one-shot stream"), e.getMessage());
            assertTrue(e.getMessage().contains("allowRedirects(false)"), e.getMessage());
            assertEquals(1, server.requestCount());
            assertEquals("ok", s.get(server.url("/next")).text(), "the session is still usable");
        }
    }

    @Test
    void stopsAfterThirtyRedirectsNamingTheCountAndTheLastUrl() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.dispatcher(req -> {
                int n = Integer.parseInt(req.path().substring(1));
                return redirect(302, "/" + (n + 1));
            });
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class, () -> s.get(server.url("/0")));
            assertTrue(e.getMessage().contains("Exceeded 30 redirects"), e.getMessage());
            assertTrue(e.getMessage().contains(server.url("/30")), e.getMessage());
            assertEquals(31, server.requestCount(), "the original request and 30 redirects");
            assertEquals(30, e.response().history().size());
            assertEquals(server.url("/30"), e.response().url());
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void theLimitCanBeSetPerSessionAndPerRequest() {
        try (MockServer server = MockServer.start(); Session s = Session.builder().maxRedirects(2).build()) {
            server.dispatcher(req -> req.path().startsWith("/r")
                    ? redirect(302, "/r" + (Integer.parseInt(req.path().substring(2)) + 1)) : null);
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class, () -> s.get(server.url("/r0")));
            assertTrue(e.getMessage().contains("Exceeded 2 redirects"), e.getMessage());
            assertThrows(TooManyRedirectsException.class,
                    () -> s.request("GET", server.url("/r0")).maxRedirects(0).send());
        }
    }

    @Test
    void withRedirectsOffTheRedirectComesBackWithTheRequestItLeadsTo() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(303, "/next"));
            server.enqueue(new MockResponse().body("arrived"));
            Response r = s.request("POST", server.url("/start")).body(Body.text("x")).allowRedirects(false).send();
            assertEquals(303, r.status());
            assertTrue(r.isRedirect());
            assertFalse(r.isPermanentRedirect());
            assertEquals("moved", r.text());
            Request next = r.nextRequest();
            assertEquals("GET", next.method());
            assertEquals(server.url("/next"), next.url());
            assertNull(next.body());
            assertEquals("arrived", s.send(next).text());
            assertEquals(2, server.requestCount());
            assertNull(s.get(server.url("/plain")).nextRequest(), "no next request for a non-redirect");
        }
    }

    @Test
    void headDoesNotFollowByDefault() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(301, "/elsewhere"));
            Response r = s.head(server.url("/"));
            assertEquals(301, r.status());
            assertTrue(r.isPermanentRedirect());
            assertEquals(server.url("/elsewhere"), r.nextRequest().url());
            assertEquals(1, server.requestCount());
            server.enqueue(redirect(301, "/elsewhere"));
            assertEquals(301, Spool.head(server.url("/")).status(), "Spool.head does not follow either");
        }
    }

    @Test
    void aStreamedResponseFollowsRedirectsAndStreamsTheLastHop() throws Exception {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(302, "/big"));
            server.enqueue(new MockResponse().bodyOfSize(300_000).chunked(8192));
            try (Response r = s.request("GET", server.url("/start")).stream(true).send()) {
                assertEquals(200, r.status());
                assertEquals(1, r.history().size());
                assertEquals(1, s.poolStats().inUse(), "the final hop holds its connection while streaming");
                try (InputStream in = r.inputStream()) {
                    assertEquals(300_000, in.readAllBytes().length);
                }
            }
            assertEquals(0, s.poolStats().inUse());
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void fragmentsAreResolvedButNeverSent() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(302, "/b#section"));
            server.enqueue(new MockResponse());
            Response r = s.get(server.url("/a#top"));
            assertEquals(server.url("/b#section"), r.url());
            assertEquals("/a", server.takeRequest(WAIT).target());
            assertEquals("/b", server.takeRequest(WAIT).target());
            server.enqueue(redirect(302, "/c"));
            server.enqueue(new MockResponse());
            assertEquals(server.url("/c#top"), s.get(server.url("/a#top")).url(), "the fragment carries over (RFC 9110 10.2.2)");
        }
    }

    @Test
    void aBadLocationIsAProtocolErrorAndTheConnectionIsNotLeaked() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(302, "gopher://old.example/x"));
            SpoolException e = assertThrows(SpoolException.class, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().contains("302 redirect from " + server.url("/")), e.getMessage());
            assertEquals(0, s.poolStats().inUse());
            assertFalse(s.get(server.url("/ok")).text().isEmpty());
        }
    }
}
