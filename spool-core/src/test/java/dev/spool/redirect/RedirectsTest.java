package dev.spool.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.ProtocolException;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.SpoolException;
import dev.spool.Url;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The redirect policy as a pure function: next request, method rewriting, and the credential rules. */
@Timeout(10)
class RedirectsTest {
    private static final Headers CREDENTIALS = Headers.of(
            "Authorization", "Basic dTpw", "Cookie", "sid=1", "Proxy-Authorization", "Basic cHJveHk=",
            "X-Other", "kept");

    private static Request request(String method, String url, Headers headers, Body body) {
        return new Request(method, Url.parse(url), headers, body, null);
    }

    private static Response redirect(Request request, int status, String location) {
        return Response.builder().request(request).status(status)
                .headers(location == null ? Headers.EMPTY : Headers.of("Location", location)).build();
    }

    private static Request next(Request request, int status, String location) {
        return Redirects.next(request, redirect(request, status, location));
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}, body kept: {3}")
    @CsvSource({
        "POST, 301, GET, false",
        "POST, 302, GET, false",
        "POST, 303, GET, false",
        "POST, 307, POST, true",
        "POST, 308, POST, true",
        "PUT, 301, PUT, true",
        "PUT, 302, PUT, true",
        "PUT, 303, GET, false",
        "PUT, 307, PUT, true",
        "DELETE, 303, GET, false",
        "PATCH, 308, PATCH, true",
        "GET, 301, GET, false",
        "GET, 303, GET, false",
        "HEAD, 303, HEAD, false",
        "HEAD, 302, HEAD, false",
    })
    void methodAndBodyAfterEachRedirectStatus(String method, int status, String expectedMethod, boolean bodyKept) {
        boolean hasBody = !method.equals("GET") && !method.equals("HEAD");
        Body body = hasBody ? Body.text("payload") : null;
        Headers h = Headers.of("Content-Type", "text/plain", "Content-Length", "7", "X-Keep", "1");
        Request next = next(request(method, "http://a.example/form", h, body), status, "/done");
        assertEquals(expectedMethod, next.method());
        assertEquals(expectedMethod, Redirects.nextMethod(method, status));
        if (hasBody && bodyKept) {
            assertSame(body, next.body());
            assertEquals("text/plain", next.headers().get("Content-Type"));
        } else {
            assertNull(next.body());
        }
        if (!expectedMethod.equals(method) || status == 303) {
            assertNull(next.headers().get("Content-Type"));
            assertNull(next.headers().get("Content-Length"));
        }
        assertEquals("1", next.headers().get("X-Keep"));
    }

    @ParameterizedTest(name = "{0} resolves to {1}")
    @CsvSource({
        // RFC 3986 section 5.2 against http://a.example/x/y?q=1#frag; a Location without a fragment
        // inherits the request's (RFC 9110 section 10.2.2).
        "/z, http://a.example/z#frag",
        "z, http://a.example/x/z#frag",
        "../z, http://a.example/z#frag",
        "./z/, http://a.example/x/z/#frag",
        "?n=2, http://a.example/x/y?n=2#frag",
        "z#top, http://a.example/x/z#top",
        "//b.example/p, http://b.example/p#frag",
        "https://b.example:8443/p?x, https://b.example:8443/p?x#frag",
        "https://user:pw@b.example/p, https://b.example/p#frag",
        "/a/../b/./c, http://a.example/b/c#frag",
    })
    void relativeLocationsAndFragmentsResolve(String location, String expected) {
        Request r = request("GET", "http://a.example/x/y?q=1#frag", Headers.EMPTY, null);
        assertEquals(expected, next(r, 302, location).url());
    }

    @ParameterizedTest(name = "Location {0} -> {1}")
    @CsvSource({
        "/caf\u00c3\u00a9, http://a.example/caf%C3%A9",     // raw UTF-8 read as Latin-1 bytes
        "/caf\u00e9, http://a.example/caf%C3%A9",             // not valid UTF-8: the Latin-1 character
        "'/a b', http://a.example/a%20b",
        "' /padded ', http://a.example/padded",
    })
    void locationsAsServersReallySendThem(String location, String expected) {
        Request r = request("GET", "http://a.example/", Headers.EMPTY, null);
        assertEquals(expected, next(r, 302, location).url());
    }

    @Test
    void aResponseThatIsNotARedirectLeadsNowhere() {
        Request r = request("GET", "http://a.example/", Headers.EMPTY, null);
        assertNull(Redirects.next(r, redirect(r, 200, "/x")));
        assertNull(Redirects.next(r, redirect(r, 302, null)), "a 302 without Location is not a redirect");
        assertNull(Redirects.next(r, redirect(r, 304, "/x")));
    }

    @Test
    void aLocationThatIsNotAUrlIsAProtocolErrorNamingIt() {
        Request r = request("GET", "http://a.example/", Headers.EMPTY, null);
        ProtocolException e = assertThrows(ProtocolException.class, () -> next(r, 302, "ftp://files.example/x"));
        assertTrue(e.getMessage().contains("302 redirect from http://a.example/"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}: credentials kept {2}, same origin {3}")
    @CsvSource({
        "http://a.example/, http://a.example/b, true, true",
        "http://a.example/, https://a.example/, true, false",        // the upgrade on default ports
        "http://a.example:80/, https://a.example:443/, true, false",
        "https://a.example/, http://a.example/, false, false",       // downgrade: CVE-2018-18074
        "https://a.example:8080/, http://a.example:8080/, false, false",  // the scheme alone
        "http://a.example:8080/, https://a.example:8443/, false, false",
        "http://a.example:8080/, https://a.example/, false, false",
        "http://a.example/, http://a.example:8080/, false, false",   // port change
        "http://a.example/, http://b.example/, false, false",        // host change: CVE-2014-1829
        "http://a.example/, http://sub.a.example/, false, false",
        "https://a.example/, https://a.example/x, true, true",
    })
    void credentialRules(String from, String to, boolean keeps, boolean sameOrigin) {
        assertEquals(keeps, Redirects.keepsCredentials(Url.parse(from), Url.parse(to)));
        assertEquals(sameOrigin, Redirects.sameOrigin(Url.parse(from), Url.parse(to)));
    }

    /** CVE-2014-1829 and CVE-2023-43804: Authorization and Cookie must not follow to another host. */
    @Test
    void cve_2014_1829_and_2023_43804_hostChangeDropsAuthorizationAndCookie() {
        Request next = next(request("GET", "http://a.example/", CREDENTIALS, null), 302, "http://evil.example/");
        assertNull(next.headers().get("Authorization"));
        assertNull(next.headers().get("Cookie"));
        assertNull(next.headers().get("Proxy-Authorization"));
        assertEquals("kept", next.headers().get("X-Other"));
    }

    /** CVE-2018-18074: an https to http redirect on the same host drops Authorization. */
    @Test
    void cve_2018_18074_httpsToHttpDowngradeDropsAuthorization() {
        Request next = next(request("GET", "https://a.example/", CREDENTIALS, null), 301, "http://a.example/");
        assertNull(next.headers().get("Authorization"));
        assertNull(next.headers().get("Cookie"));
    }

    @Test
    void portChangeDropsAuthorizationAndCookie() {
        Request next = next(request("GET", "http://a.example:8080/", CREDENTIALS, null), 302, "http://a.example:9090/");
        assertNull(next.headers().get("Authorization"));
        assertNull(next.headers().get("Cookie"));
    }

    @Test
    void httpToHttpsUpgradeOnDefaultPortsKeepsAuthorizationAndCookie() {
        Request next = next(request("GET", "http://a.example/", CREDENTIALS, null), 301, "https://a.example/");
        assertEquals("Basic dTpw", next.headers().get("Authorization"));
        assertEquals("sid=1", next.headers().get("Cookie"));
    }

    /** CVE-2024-37891: Proxy-Authorization never goes to a new origin, not even on the http to https upgrade. */
    @Test
    void cve_2024_37891_proxyAuthorizationNeverGoesToANewOrigin() {
        Request upgrade = next(request("GET", "http://a.example/", CREDENTIALS, null), 301, "https://a.example/");
        assertNull(upgrade.headers().get("Proxy-Authorization"));
        Request samePath = next(request("GET", "http://a.example/", CREDENTIALS, null), 302, "/elsewhere");
        assertEquals("Basic cHJveHk=", samePath.headers().get("Proxy-Authorization"), "same origin keeps it");
    }

    /** CVE-2023-45803: a 303 drops the body, whatever the method. */
    @Test
    void cve_2023_45803_see303DropsTheBody() {
        Headers h = Headers.of("Content-Type", "application/json", "Transfer-Encoding", "chunked");
        Request next = next(request("PUT", "http://a.example/", h, Body.text("{\"secret\":1}")), 303, "/other");
        assertEquals("GET", next.method());
        assertNull(next.body());
        assertFalse(next.headers().contains("Content-Type"));
        assertFalse(next.headers().contains("Transfer-Encoding"));
    }

    @Test
    void a307WithAOneShotStreamBodyFailsWithAClearError() {
        Body once = Body.stream(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Request r = request("POST", "http://a.example/up", Headers.EMPTY, once);
        SpoolException e = assertThrows(SpoolException.class, () -> next(r, 307, "/again"));
        assertTrue(e.getMessage().contains("one-shot stream"), e.getMessage());
        assertTrue(e.getMessage().contains("307"), e.getMessage());
        // a 303 drops the body, so the same request can follow it
        assertEquals("GET", next(r, 303, "/again").method());
    }

    @Test
    void aCallerSetHostHeaderIsDroppedWhenTheHostChanges() {
        Headers h = Headers.of("Host", "a.example");
        assertNull(next(request("GET", "http://a.example/", h, null), 302, "http://b.example/").headers().get("Host"));
        assertEquals("a.example", next(request("GET", "http://a.example/", h, null), 302, "/x").headers().get("Host"));
    }
}
