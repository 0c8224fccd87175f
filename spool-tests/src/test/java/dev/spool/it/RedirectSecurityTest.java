package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spool.Body;
import dev.spool.Session;
import dev.spool.auth.Auth;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockProxy;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential rules on every redirect hop, over real sockets, one named test per rule and CVE:
 * each fails if its rule is broken. "localhost" and "127.0.0.1" reach the same server under two
 * host names, which makes a host change without a port change.
 */
@Timeout(30)
class RedirectSecurityTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static MockResponse redirect(String location) {
        return new MockResponse().status(302).header("Location", location);
    }

    private static String localhostUrl(MockServer server, String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** CVE-2014-1829: an Authorization header set by the caller must not follow a redirect to another host. */
    @Test
    void cve_2014_1829_callerAuthorizationIsNotSentToAnotherHost() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(localhostUrl(server, "/landing")));
            server.enqueue(new MockResponse());
            s.request("GET", server.url("/start")).header("Authorization", "Bearer secret-token").send();
            assertEquals("Bearer secret-token", server.takeRequest(WAIT).header("Authorization"));
            RecordedRequest landing = server.takeRequest(WAIT);
            assertEquals("localhost:" + server.port(), landing.header("Host"));
            assertNull(landing.header("Authorization"));
        }
    }

    /** The session's own auth is not applied once a redirect has left the origin, nor when it comes back. */
    @Test
    void sessionAuthIsNotSentToAnotherHostNorAfterComingBack() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().auth(Auth.basic("user", "pass")).build()) {
            server.enqueue(redirect(localhostUrl(server, "/away")));
            server.enqueue(redirect(server.url("/back")));
            server.enqueue(new MockResponse());
            s.get(server.url("/start"));
            assertEquals("Basic dXNlcjpwYXNz", server.takeRequest(WAIT).header("Authorization"));
            assertNull(server.takeRequest(WAIT).header("Authorization"), "not to localhost");
            assertNull(server.takeRequest(WAIT).header("Authorization"), "not after leaving the origin once");
        }
    }

    /** CVE-2023-43804: a Cookie header set by the caller must not follow a redirect to another origin. */
    @Test
    void cve_2023_43804_callerCookieHeaderIsNotSentToAnotherHost() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect(localhostUrl(server, "/landing")));
            server.enqueue(new MockResponse());
            s.request("GET", server.url("/start")).header("Cookie", "session=secret").send();
            assertEquals("session=secret", server.takeRequest(WAIT).header("Cookie"));
            assertNull(server.takeRequest(WAIT).header("Cookie"));
        }
    }

    /** The jar's cookies for the new URL replace what was dropped; per-request cookies stay behind. */
    @Test
    void theCookieHeaderIsRebuiltFromTheJarForTheNewHost() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Set-Cookie", "ip=1"));
            s.get(server.url("/set-on-ip"));
            server.enqueue(new MockResponse().header("Set-Cookie", "named=2"));
            s.get(localhostUrl(server, "/set-on-name"));
            server.takeRequest(WAIT);
            server.takeRequest(WAIT);
            server.enqueue(redirect(localhostUrl(server, "/landing")));
            server.enqueue(new MockResponse());
            s.request("GET", server.url("/start")).cookie("once", "3").send();
            assertEquals("ip=1; once=3", server.takeRequest(WAIT).header("Cookie"));
            assertEquals("named=2", server.takeRequest(WAIT).header("Cookie"),
                    "only the jar's cookies for localhost; neither 127.0.0.1's nor the per-request one");
        }
    }

    /** A port change is an origin change: credentials set by the caller are dropped. */
    @Test
    void portChangeDropsAuthorizationAndCookie() {
        try (MockServer a = MockServer.start(); MockServer b = MockServer.start(); Session s = new Session()) {
            a.enqueue(redirect(b.url("/landing")));
            s.request("GET", a.url("/start")).header("Authorization", "Basic x").header("Cookie", "c=1").send();
            RecordedRequest landing = b.takeRequest(WAIT);
            assertNull(landing.header("Authorization"));
            assertNull(landing.header("Cookie"));
        }
    }

    /** CVE-2018-18074: an https to http redirect on the same host must drop Authorization. */
    @Test
    void cve_2018_18074_httpsToHttpDowngradeDropsAuthorization() {
        try (MockServer secure = MockServer.startTls(); MockServer plain = MockServer.start()) {
            Path pem = secure.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().caBundle(pem).auth(Auth.basic("user", "pass")).build()) {
                secure.enqueue(redirect(plain.url("/downgraded")));
                s.request("GET", secure.url("/start")).header("X-Api-Key", "kept").send();
                assertEquals("Basic dXNlcjpwYXNz", secure.takeRequest(WAIT).header("Authorization"));
                RecordedRequest landing = plain.takeRequest(WAIT);
                assertNull(landing.header("Authorization"));
                assertEquals("kept", landing.header("X-Api-Key"), "other headers go on");
            }
        }
    }

    /**
     * CVE-2024-37891: Proxy-Authorization set by the caller never goes to another origin. Sent through
     * a forwarding proxy, since a direct connection never carries the header at all (the transport
     * strips it there), so what the proxy receives shows the redirect stage's rule at work.
     */
    @Test
    void cve_2024_37891_proxyAuthorizationIsNotSentToAnotherOrigin() {
        try (MockServer a = MockServer.start(); MockServer b = MockServer.start(); MockProxy proxy = MockProxy.start();
             Session s = Session.builder().trustEnv(false).proxy(proxy.url()).build()) {
            a.enqueue(redirect("/same-origin"));
            a.enqueue(redirect(b.url("/other-origin")));
            s.request("GET", a.url("/start")).header("Proxy-Authorization", "Basic cHJveHk6cHc=").send();
            List<RecordedRequest> hops = proxy.forwarded();
            assertEquals(3, hops.size(), hops.toString());
            assertEquals("Basic cHJveHk6cHc=", hops.get(0).header("Proxy-Authorization"));
            assertEquals("Basic cHJveHk6cHc=", hops.get(1).header("Proxy-Authorization"), "same origin keeps it");
            assertNull(hops.get(2).header("Proxy-Authorization"), "another origin never gets it");
            assertNull(b.takeRequest(WAIT).header("Proxy-Authorization"));
        }
    }

    /** CVE-2023-45803: a 303 drops the request body, so it does not reach the new location. */
    @Test
    void cve_2023_45803_see303DropsTheBody() {
        try (MockServer a = MockServer.start(); MockServer b = MockServer.start(); Session s = new Session()) {
            a.enqueue(new MockResponse().status(303).header("Location", b.url("/elsewhere")));
            s.put(a.url("/upload"), Body.text("private data"));
            assertEquals("private data", a.takeRequest(WAIT).bodyText());
            RecordedRequest landing = b.takeRequest(WAIT);
            assertEquals("GET", landing.method());
            assertEquals(0, landing.bodySize());
            assertNull(landing.header("Content-Length"));
            assertNull(landing.header("Content-Type"));
        }
    }

    @Test
    void sameOriginRedirectKeepsCallerCredentials() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect("/next"));
            s.request("GET", server.url("/start")).header("Authorization", "Bearer t").header("Cookie", "c=1").send();
            server.takeRequest(WAIT);
            RecordedRequest next = server.takeRequest(WAIT);
            assertEquals("Bearer t", next.header("Authorization"));
            assertEquals("c=1", next.header("Cookie"));
        }
    }

    @Test
    void credentialsInALocationAreNeverSent() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(redirect("http://mallory:pw@127.0.0.1:" + server.port() + "/next"));
            server.enqueue(new MockResponse());
            assertEquals(server.url("/next"), s.get(server.url("/start")).url());
            server.takeRequest(WAIT);
            RecordedRequest next = server.takeRequest(WAIT);
            assertNull(next.header("Authorization"));
            assertEquals("/next", next.target());
        }
    }
}
