package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.TooManyRedirectsException;
import dev.spool.auth.Auth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cookies, redirects and auth against an httpbin-like app on embedded Jetty, whose cookie code we did not write. */
@Timeout(60)
class JettyPipelineInteropTest {
    static HttpbinJetty httpbin;

    @BeforeAll
    static void start() throws Exception {
        httpbin = new HttpbinJetty();
    }

    @AfterAll
    static void stop() throws Exception {
        httpbin.close();
    }

    @Test
    void cookiesSetByJettyAreKeptSentBackAndDeleted() {
        long before = httpbin.connectionsOpened();
        try (Session s = new Session()) {
            Response set = s.get(httpbin.url("/cookies/set?flavour=oatmeal&count=3"));
            assertEquals(1, set.history().size(), "httpbin redirects to /cookies");
            assertEquals("flavour=oatmeal\ncount=3", set.text(), "Jetty parsed what the jar sent on the next hop");
            assertEquals("oatmeal", s.cookies().get("flavour"));
            Response deleted = s.get(httpbin.url("/cookies/delete?flavour"));
            assertEquals("count=3", deleted.text());
            assertEquals(null, s.cookies().get("flavour"));
            assertEquals("count=3\nx=1", s.request("GET", httpbin.url("/cookies")).cookie("x", "1").send().text(),
                    "a per-request cookie goes with the jar's");
            assertEquals(null, s.cookies().get("x"), "and is not stored");
        }
        assertEquals(1, httpbin.connectionsOpened() - before, "one connection for every request and redirect");
    }

    @Test
    void relativeAndAbsoluteRedirectChainsAreFollowed() {
        try (Session s = new Session()) {
            Response r = s.get(httpbin.url("/relative-redirect/5"));
            assertEquals(200, r.status());
            assertEquals(5, r.history().size());
            assertEquals(httpbin.url("/anything"), r.url());
            assertTrue(r.text().startsWith("GET /anything\n"));
            Response a = s.get(httpbin.url("/absolute-redirect/3"));
            assertEquals(3, a.history().size());
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> s.request("GET", httpbin.url("/relative-redirect/5")).maxRedirects(4).send());
            assertTrue(e.getMessage().contains("Exceeded 4 redirects"), e.getMessage());
        }
    }

    @Test
    void redirectToWithEachStatusKeepsOrChangesTheMethodAsItShould() {
        try (Session s = new Session()) {
            for (int status : new int[] {301, 302, 303, 307, 308}) {
                String url = httpbin.url("/redirect-to?status_code=" + status + "&url="
                        + URLEncoder.encode("/anything?from=" + status, StandardCharsets.UTF_8));
                String echo = s.post(url, Body.text("payload")).text();
                boolean kept = status == 307 || status == 308;
                assertTrue(echo.startsWith((kept ? "POST" : "GET") + " /anything?from=" + status + "\n"), echo);
                assertEquals(kept, echo.endsWith("\npayload"), echo);
                assertEquals(kept, echo.contains("Content-Type: text/plain"), echo);
            }
        }
    }

    @Test
    void basicAuthFromTheSessionAndFromTheUrl() {
        try (Session s = Session.builder().auth(Auth.basic("user", "passwd")).build()) {
            assertEquals("authenticated user", s.get(httpbin.url("/basic-auth/user/passwd")).text());
            assertEquals(401, s.request("GET", httpbin.url("/basic-auth/user/other")).send().status());
        }
        try (Session s = new Session()) {
            String withCredentials = httpbin.url("/basic-auth/me/s3cr3t").replace("http://", "http://me:s3cr3t@");
            assertEquals("authenticated me", s.get(withCredentials).text());
            String echo = s.get(httpbin.url("/anything").replace("http://", "http://me:s3cr3t@")).text();
            assertFalse(echo.contains("s3cr3t"), "the password is only in the Authorization header, encoded: " + echo);
            assertTrue(echo.contains("Host: 127.0.0.1:"), echo);
        }
    }
}
