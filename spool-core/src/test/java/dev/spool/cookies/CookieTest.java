package dev.spool.cookies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Url;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Set-Cookie parsing (RFC 6265 section 5.2, leniently) and the storage checks of section 5.3, as tables. */
@Timeout(10)
class CookieTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static Cookie parse(String url, String header) {
        return Cookie.parse(Url.parse(url), header, NOW);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // url | Set-Cookie | name | value | domain | hostOnly | path
        "http://www.example.org/a/b | sid=1 | sid | 1 | www.example.org | true | /a",
        "http://www.example.org/a/b | sid=1; Path=/ | sid | 1 | www.example.org | true | /",
        "http://www.example.org/ |  sid = 1 ; path = /p  | sid | 1 | www.example.org | true | /p",
        "http://www.example.org/ | sid=; Path=/ | sid | '' | www.example.org | true | /",
        "http://www.example.org/ | sid=\"quoted\" | sid | \"quoted\" | www.example.org | true | /",
        "http://www.example.org/ | sid=a=b=c | sid | a=b=c | www.example.org | true | /",
        "http://www.example.org/ | sid=1; Domain=example.org | sid | 1 | example.org | false | /",
        "http://www.example.org/ | sid=1; Domain=.EXAMPLE.org | sid | 1 | example.org | false | /",
        "http://www.example.org/ | sid=1; Domain=www.example.org | sid | 1 | www.example.org | false | /",
        "http://www.example.org/ | sid=1; Domain= | sid | 1 | www.example.org | true | /",
        "http://www.example.org/x/y | sid=1; Path=relative | sid | 1 | www.example.org | true | /x",
        "http://www.example.org/ | sid=1; Domain=a.org; Domain=example.org | sid | 1 | example.org | false | /",
        "http://localhost:8080/ | sid=1; Domain=localhost | sid | 1 | localhost | true | /",
        "http://127.0.0.1:8080/ | sid=1; Domain=127.0.0.1 | sid | 1 | 127.0.0.1 | true | /",
        "http://shop.example.co.uk/ | sid=1; Domain=example.co.uk | sid | 1 | example.co.uk | false | /",
    })
    void parsesLeniently(String url, String header, String name, String value, String domain, boolean hostOnly,
                         String path) {
        Cookie c = parse(url, header);
        assertEquals(name, c.name());
        assertEquals(value, c.value());
        assertEquals(domain, c.domain());
        assertEquals(hostOnly, c.hostOnly());
        assertEquals(path, c.path());
    }

    @ParameterizedTest(name = "{1} is ignored")
    @CsvSource(delimiter = '|', value = {
        "http://www.example.org/ | no-equals-sign",
        "http://www.example.org/ | =value",
        "http://www.example.org/ | '  = value'",
        "http://www.example.org/ | sid=1; Domain=other.org",              // does not cover the host
        "http://www.example.org/ | sid=1; Domain=ww.example.org",
        "http://example.org/ | sid=1; Domain=www.example.org",             // a subdomain of the host
        "http://www.example.org/ | sid=1; Domain=org",                     // a single-label public suffix
        "http://www.example.com/ | sid=1; Domain=com",
        "http://www.example.co.uk/ | sid=1; Domain=co.uk",                 // a listed multi-label one
        "http://user.github.io/ | sid=1; Domain=github.io",
        "http://127.0.0.1/ | sid=1; Domain=0.0.1",                         // an IP address has no parent
        "http://10.0.0.1/ | sid=1; Domain=10.0.0.2",
        "http://[::1]:8080/ | sid=1; Domain=example.org",
        "https://www.example.org/ | __Secure-sid=1",                       // prefix without Secure
        "http://www.example.org/ | __Secure-sid=1; Secure",                // prefix over http
        "https://www.example.org/ | __Host-sid=1; Secure; Domain=example.org; Path=/",
        "https://www.example.org/ | __Host-sid=1; Secure; Path=/x",
        "https://www.example.org/ | __host-sid=1; Path=/",
    })
    void refusesWhatTheRfcSaysToIgnore(String url, String header) {
        assertNull(parse(url, header));
    }

    @Test
    void prefixedCookiesThatFollowTheirRulesAreKept() {
        assertEquals("__Secure-a", parse("https://www.example.org/", "__Secure-a=1; Secure").name());
        assertEquals("__Host-a", parse("https://www.example.org/", "__Host-a=1; Secure; Path=/").name());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Set-Cookie attributes | expiry (empty: session cookie)
        "sid=1 | ''",
        "sid=1; Max-Age=60 | 2025-06-01T12:01:00Z",
        "sid=1; Max-Age=0 | 1970-01-01T00:00:00Z",
        "sid=1; Max-Age=-5 | 1970-01-01T00:00:00Z",
        "sid=1; Max-Age=abc | ''",                                          // invalid: ignored
        "sid=1; Max-Age=1x | ''",
        "sid=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT | 2027-06-09T10:18:14Z",
        "sid=1; Expires=Wednesday, 09-Jun-27 10:18:14 GMT | 2027-06-09T10:18:14Z",   // RFC 850
        "sid=1; Expires=Wed Jun  9 10:18:14 2027 | 2027-06-09T10:18:14Z",           // asctime
        "sid=1; Expires=Wed, 09-Jun-2027 10:18:14 GMT | 2027-06-09T10:18:14Z",     // the common dash form
        "sid=1; Expires=not a date | ''",
        "sid=1; Max-Age=60; Expires=Wed, 09 Jun 2027 10:18:14 GMT | 2025-06-01T12:01:00Z",  // Max-Age wins
        "sid=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Max-Age=60 | 2025-06-01T12:01:00Z",  // whatever the order
        "sid=1; Max-Age=99999999999999999999 | 9999-12-31T23:59:59Z",
    })
    void expiry(String header, String expected) {
        Cookie c = parse("http://www.example.org/", header);
        assertEquals(expected.isEmpty() ? null : Instant.parse(expected), c.expiresAt());
        assertEquals(!expected.isEmpty(), c.persistent());
    }

    @Test
    void flags() {
        Cookie c = parse("https://www.example.org/", "sid=1; secure; HTTPONLY; SameSite=Lax; Unknown=x");
        assertTrue(c.secure());
        assertTrue(c.httpOnly());
        assertEquals("Lax", c.sameSite());
        assertFalse(parse("https://www.example.org/", "sid=1").secure());
    }

    @ParameterizedTest(name = "{0} domain-matches {1}: {2}")
    @CsvSource({
        "example.org, example.org, true",
        "www.example.org, example.org, true",
        "a.b.example.org, example.org, true",
        "wwwexample.org, example.org, false",
        "example.org, www.example.org, false",
        "192.168.0.1, 168.0.1, false",
        "192.168.0.1, 192.168.0.1, true",
    })
    void domainMatching(String host, String domain, boolean expected) {
        assertEquals(expected, Cookie.domainMatches(host, domain));
    }

    @ParameterizedTest(name = "{0} path-matches {1}: {2}")
    @CsvSource({
        "/, /, true",
        "/a, /, true",
        "/a/b, /a, true",
        "/a/b, /a/, true",
        "/a, /a, true",
        "/ab, /a, false",
        "/a, /a/, false",
        "/, /a, false",
    })
    void pathMatching(String requestPath, String cookiePath, boolean expected) {
        assertEquals(expected, Cookie.pathMatches(requestPath, cookiePath));
    }

    @ParameterizedTest(name = "default path of {0} is {1}")
    @CsvSource({"/, /", "/a, /", "/a/, /a", "/a/b, /a", "/a/b/c, /a/b", "'', /", "x, /"})
    void defaultPath(String path, String expected) {
        assertEquals(expected, Cookie.defaultPath(path));
    }

    @ParameterizedTest(name = "{0} is an IP address: {1}")
    @CsvSource({"127.0.0.1, true", "::1, true", "10.1.2.3, true", "example.org, false", "1.2.3, false",
        "1.2.3.4.example, false", "123.example.org, false"})
    void ipAddresses(String host, boolean expected) {
        assertEquals(expected, Cookie.isIpAddress(host));
    }

    @Test
    void matchesChecksDomainPathAndSecure() {
        Cookie hostOnly = parse("http://example.org/", "a=1; Path=/app");
        assertTrue(hostOnly.matches(Url.parse("http://example.org/app/x")));
        assertFalse(hostOnly.matches(Url.parse("http://www.example.org/app/x")), "host-only: no subdomain");
        assertFalse(hostOnly.matches(Url.parse("http://example.org/application")));
        Cookie domain = parse("http://example.org/", "a=1; Domain=example.org");
        assertTrue(domain.matches(Url.parse("http://www.example.org/")));
        Cookie secure = parse("https://example.org/", "a=1; Secure");
        assertFalse(secure.matches(Url.parse("http://example.org/")), "Secure goes over https only");
        assertTrue(secure.matches(Url.parse("https://example.org/")));
    }

    @Test
    void aHandMadeCookieNeedsADomainAndValidText() {
        assertThrows(IllegalStateException.class, () -> Cookie.builder("a", "1").build());
        assertThrows(IllegalArgumentException.class, () -> Cookie.builder("a b", "1"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.builder("a", "1;2"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.builder("a", "x\r\ny"));
        Cookie c = Cookie.builder("a", "1").domain(".Example.org").path("/p").build();
        assertEquals("example.org", c.domain());
        assertFalse(c.hostOnly());
    }
}
