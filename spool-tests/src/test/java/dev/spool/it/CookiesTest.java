package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import dev.spool.Session;
import dev.spool.Url;
import dev.spool.cookies.Cookie;
import dev.spool.cookies.CookieJar;
import dev.spool.cookies.MemoryCookieJar;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A session's cookie jar against a real server: what is stored, what is sent back, and where. */
@Timeout(30)
class CookiesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void cookiesAServerSetsAreSentBackByTheSession() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Set-Cookie", "sid=abc; Path=/; HttpOnly")
                    .header("Set-Cookie", "theme=dark"));
            s.get(server.url("/login"));
            s.get(server.url("/page"));
            assertNull(server.takeRequest(WAIT).header("Cookie"));
            assertEquals("sid=abc; theme=dark", server.takeRequest(WAIT).header("Cookie"));
            assertEquals("abc", s.cookies().get("sid"));
            assertTrue(s.cookies().all().get(0).httpOnly());
        }
    }

    @Test
    void pathsDomainsAndSecureDecideWhereACookieGoes() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse()
                    .header("Set-Cookie", "app=1; Path=/app")
                    .header("Set-Cookie", "secure=2; Secure")
                    .header("Set-Cookie", "all=3; Path=/")
                    .header("Set-Cookie", "wide=4; Domain=com")
                    .header("Set-Cookie", "ip=5; Domain=0.0.1"));
            s.get(server.url("/"));
            s.get(server.url("/app/page"));
            s.get(server.url("/application"));
            s.get("http://localhost:" + server.port() + "/app/page");
            server.takeRequest(WAIT);
            assertEquals("app=1; all=3", server.takeRequest(WAIT).header("Cookie"), "Secure is not sent over http");
            assertEquals("all=3", server.takeRequest(WAIT).header("Cookie"), "/app does not cover /application");
            assertNull(server.takeRequest(WAIT).header("Cookie"), "host-only cookies of 127.0.0.1 stay there");
            assertEquals(3, s.cookies().all().size(), "Domain=com and a domain on an IP address were refused");
        }
    }

    @Test
    void secureCookiesGoOverHttps() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().caBundle(pem).build()) {
                server.enqueue(new MockResponse().header("Set-Cookie", "__Host-sid=1; Secure; Path=/"));
                s.get(server.url("/"));
                s.get(server.url("/next"));
                server.takeRequest(WAIT);
                assertEquals("__Host-sid=1", server.takeRequest(WAIT).header("Cookie"));
            }
        }
    }

    /** A clock for the jar that the test moves by hand. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2025-06-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void maxAgeAndDeletionFollowTheJarsClock() {
        MovableClock clock = new MovableClock();
        try (MockServer server = MockServer.start();
             Session s = Session.builder().cookieJar(new MemoryCookieJar(clock)).build()) {
            server.enqueue(new MockResponse().header("Set-Cookie", "short=1; Max-Age=30; Expires=Wed, 09 Jun 2100 10:18:14 GMT")
                    .header("Set-Cookie", "long=2; Max-Age=3600"));
            s.get(server.url("/"));
            s.get(server.url("/"));
            clock.now = clock.now.plusSeconds(31);
            s.get(server.url("/"));
            server.enqueue(new MockResponse().header("Set-Cookie", "long=; Max-Age=0"));
            s.get(server.url("/"));
            s.get(server.url("/"));
            server.takeRequest(WAIT);
            assertEquals("short=1; long=2", server.takeRequest(WAIT).header("Cookie"));
            assertEquals("long=2", server.takeRequest(WAIT).header("Cookie"), "Max-Age wins over a later Expires");
            server.takeRequest(WAIT);
            assertNull(server.takeRequest(WAIT).header("Cookie"), "Max-Age=0 deleted it");
        }
    }

    @Test
    void perRequestCookiesAreSentButNotStored() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Set-Cookie", "jar=1").header("Set-Cookie", "both=jar"));
            s.get(server.url("/"));
            s.request("GET", server.url("/")).cookie("once", "x").cookie("both", "request").send();
            s.get(server.url("/"));
            server.takeRequest(WAIT);
            assertEquals("jar=1; once=x; both=request", server.takeRequest(WAIT).header("Cookie"),
                    "a per-request cookie replaces the jar's of the same name");
            assertEquals("jar=1; both=jar", server.takeRequest(WAIT).header("Cookie"));
            assertNull(s.cookies().get("once"));
            assertThrows(InvalidRequestException.class, () -> s.request("GET", server.url("/")).cookie("a", "b;c"));
        }
    }

    @Test
    void aCookieSetByARedirectIsSentToTheNextHop() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(302).header("Location", "/home").header("Set-Cookie", "sid=new"));
            server.enqueue(new MockResponse().body("welcome"));
            assertEquals("welcome", s.post(server.url("/login"), null).text());
            server.takeRequest(WAIT);
            assertEquals("sid=new", server.takeRequest(WAIT).header("Cookie"));
        }
    }

    @Test
    void aCookieHeaderSetByTheCallerIsSentInsteadOfTheJars() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Set-Cookie", "jar=1"));
            s.get(server.url("/"));
            s.request("GET", server.url("/")).header("Cookie", "mine=2").send();
            server.takeRequest(WAIT);
            assertEquals("mine=2", server.takeRequest(WAIT).header("Cookie"));
        }
    }

    @Test
    void aCustomJarIsPluggedIn() {
        List<String> saved = new CopyOnWriteArrayList<>();
        MemoryCookieJar store = new MemoryCookieJar();
        CookieJar custom = new CookieJar() {
            @Override
            public void saveFromResponse(Url url, List<String> setCookieHeaders) {
                saved.add(url.host() + " " + setCookieHeaders);
                store.saveFromResponse(url, setCookieHeaders);
            }

            @Override
            public List<Cookie> loadForRequest(Url url) {
                List<Cookie> out = new ArrayList<>(store.loadForRequest(url));
                out.add(Cookie.builder("fixed", "v").hostOnly(url.host()).build());
                return out;
            }

            @Override
            public void add(Cookie cookie) {
                store.add(cookie);
            }

            @Override
            public List<Cookie> all() {
                return store.all();
            }

            @Override
            public void clear() {
                store.clear();
            }
        };
        try (MockServer server = MockServer.start(); Session s = Session.builder().cookieJar(custom).build()) {
            server.enqueue(new MockResponse().header("Set-Cookie", "a=1"));
            s.get(server.url("/"));
            assertSame(custom, s.cookies());
            s.get(server.url("/"));
            assertEquals(List.of("127.0.0.1 [a=1]"), saved);
            assertEquals("fixed=v", server.takeRequest(WAIT).header("Cookie"));
            assertEquals("a=1; fixed=v", server.takeRequest(WAIT).header("Cookie"));
            assertEquals("1", s.cookies().get("a"));
        }
    }
}
