package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Response;
import dev.spool.Session;
import dev.spool.TooManyRedirectsException;
import dev.spool.auth.Auth;
import dev.spool.retry.Retry;
import dev.spool.retry.RetryExhaustedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session pipeline against servers none of us wrote: redirects (httpbin's and nginx's), the
 * cookie jar, Basic and Digest auth, and retries on a real 503.
 */
@Tag("interop")
@Timeout(60)
@ExtendWith({HttpbinExtension.class, NginxExtension.class})
class PipelineInteropTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Response r) {
        assertEquals(200, r.status(), () -> r + ": " + r.text());
        return (Map<String, Object>) r.json();
    }

    @Test
    void relativeAndAbsoluteRedirectsAreFollowedOnOneConnection(Httpbin httpbin) {
        try (Session s = new Session()) {
            Response rel = s.get(httpbin.url("/relative-redirect/3"));
            assertEquals(200, rel.status());
            assertEquals(3, rel.history().size());
            assertEquals(httpbin.url("/get"), rel.url());
            Response abs = s.get(httpbin.url("/absolute-redirect/3"));
            assertEquals(3, abs.history().size());
            assertTrue(abs.url().endsWith("/get"), abs.url());
            assertEquals(1, s.poolStats().connectionsOpened(), "every hop reused the one connection");
        }
    }

    @Test
    void tooManyRedirectsStopsAtTheLimit(Httpbin httpbin) {
        try (Session s = new Session()) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> s.get(httpbin.url("/redirect/40")));
            assertTrue(e.getMessage().contains("30"), e.getMessage());
            try (Session few = Session.builder().maxRedirects(2).build()) {
                assertThrows(TooManyRedirectsException.class, () -> few.get(httpbin.url("/redirect/3")));
                assertEquals(200, few.get(httpbin.url("/redirect/2")).status());
            }
        }
    }

    @Test
    void nginxRedirectsAndItsLoop(Nginx nginx) {
        try (Session s = new Session()) {
            Response rel = s.get(nginx.url("/redirect/relative"));
            assertEquals("Hello from nginx", rel.text().trim());
            assertEquals(302, rel.history().get(0).status());
            Response abs = s.get(nginx.url("/redirect/absolute"));
            assertEquals("Hello from nginx", abs.text().trim());
            assertEquals(301, abs.history().get(0).status());
            assertThrows(TooManyRedirectsException.class, () -> s.get(nginx.url("/redirect/loop")));
        }
    }

    @Test
    void theCookieJarKeepsWhatHttpbinSets(Httpbin httpbin) {
        try (Session s = new Session()) {
            Map<String, Object> echo = json(s.get(httpbin.url("/cookies/set?flavour=oat&size=large")));
            assertEquals(Map.of("flavour", "oat", "size", "large"), echo.get("cookies"));
            assertEquals("oat", s.cookies().get("flavour"));
            Map<String, Object> again = json(s.get(httpbin.url("/cookies")));
            assertEquals(Map.of("flavour", "oat", "size", "large"), again.get("cookies"));
            json(s.get(httpbin.url("/cookies/delete?size")));
            assertEquals(Map.of("flavour", "oat"), json(s.get(httpbin.url("/cookies"))).get("cookies"));
            Map<String, Object> once = json(s.request("GET", httpbin.url("/cookies")).cookie("extra", "1").send());
            assertEquals(Map.of("flavour", "oat", "extra", "1"), once.get("cookies"));
            assertNull(s.cookies().get("extra"), "a per-request cookie is sent, not stored");
        }
    }

    @Test
    void basicAuthFromTheApiAndFromTheUrl(Httpbin httpbin) {
        try (Session s = new Session()) {
            assertEquals(401, s.get(httpbin.url("/basic-auth/u/p")).status());
            Map<String, Object> ok = json(s.request("GET", httpbin.url("/basic-auth/u/p")).auth(Auth.basic("u", "p")).send());
            assertEquals(Boolean.TRUE, ok.get("authenticated"));
            String withUser = httpbin.url("/basic-auth/u/p").replace("http://", "http://u:p@");
            assertEquals(Boolean.TRUE, json(s.get(withUser)).get("authenticated"));
        }
    }

    @Test
    void digestAuthWithMd5AndSha256(Httpbin httpbin) {
        try (Session s = Session.builder().auth(Auth.digest("u", "p")).build()) {
            assertEquals(Boolean.TRUE, json(s.get(httpbin.url("/digest-auth/auth/u/p"))).get("authenticated"));
            assertEquals(Boolean.TRUE, json(s.get(httpbin.url("/digest-auth/auth/u/p/SHA-256"))).get("authenticated"));
            assertEquals(Boolean.TRUE, json(s.get(httpbin.url("/digest-auth/auth/u/p/MD5"))).get("authenticated"));
        }
        try (Session wrong = Session.builder().auth(Auth.digest("u", "nope")).build()) {
            assertEquals(401, wrong.get(httpbin.url("/digest-auth/auth/u/p")).status());
        }
    }

    @Test
    void retriesARealServiceUnavailableThenGivesUp(Httpbin httpbin) {
        List<Duration> waits = new ArrayList<>();
        Retry retry = Retry.builder().total(2).statusForcelist(503).backoffFactor(0.1)
                .sleeper(waits::add).build();
        try (Session s = Session.builder().retry(retry).build()) {
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                    () -> s.get(httpbin.url("/status/503")));
            assertEquals(503, e.response().status());
            // urllib3's backoff: none before the first retry, then factor * 2^(n-1): 0.2 s before the second.
            assertEquals(List.of(Duration.ofMillis(200)), waits);
        }
    }
}
