package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL parsing: normalisation, defaults, hostile input rejected before any I/O. */
class UrlTest {
    @ParameterizedTest
    @CsvSource({
        "http://Example.ORG/a?b=1#f, http, example.org, 80, /a, b=1, f, example.org, http://example.org:80",
        "https://example.org, https, example.org, 443, /, , , example.org, https://example.org:443",
        "http://127.0.0.1:8080/x/y, http, 127.0.0.1, 8080, /x/y, , , 127.0.0.1:8080, http://127.0.0.1:8080",
        "http://[::1]:9000/, http, ::1, 9000, /, , , [::1]:9000, http://[::1]:9000",
        "HTTPS://h:443/p, https, h, 443, /p, , , h, https://h:443",
    })
    void parses(String in, String scheme, String host, int port, String path, String query, String fragment,
                String authority, String origin) {
        Url u = Url.parse(in);
        assertEquals(scheme, u.scheme());
        assertEquals(host, u.host());
        assertEquals(port, u.port());
        assertEquals(path, u.path());
        assertEquals(query, u.query());
        assertEquals(fragment, u.fragment());
        assertEquals(authority, u.authority());
        assertEquals(origin, u.origin());
    }

    @Test
    void userInfoEndsAtTheLastAtSign() {
        // CVE-2024-47081: the host is what the connection goes to, never the text before '@'.
        Url u = Url.parse("http://a.example:@127.0.0.1/");
        assertEquals("127.0.0.1", u.host());
        assertEquals("a.example:", u.userInfo());
        Url v = Url.parse("http://user:p@ss@host.example/");
        assertEquals("host.example", v.host());
        assertEquals("user:p@ss", v.userInfo());
    }

    @Test
    void nonAsciiIsPercentEncoded() {
        Url u = Url.parse("http://h/caf\u00e9?q=\u00e9 ".trim());
        assertEquals("/caf%C3%A9", u.path());
        assertEquals("q=%C3%A9", u.query());
        assertEquals("xn--bcher-kva.example", Url.parse("http://b\u00fccher.example/").host());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://h/a b|space",
        "ftp//h/|no scheme",
        "h/a|no scheme",
        "mailto:x@y|not absolute",
        "http:///a|no host",
        "http://h:99999/|out of range",
        "http://h:8x/|bad port",
        "http://[::1/|unclosed IPv6",
        "http://h%0d/|not allowed in a host name",
    })
    void rejectsBadUrlsNamingTheProblem(String in, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Url.parse(in));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void rejectsLineBreaksInUrls() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> Url.parse("http://h/a\rb")).getMessage()
                .contains("CR (0x0d)"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> Url.parse("http://h/a\nb")).getMessage()
                .contains("LF (0x0a)"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> Url.parse("http://h/\u0000")).getMessage()
                .contains("NUL (0x00)"));
    }

    @Test
    @Timeout(5)
    void parsesHostileInputInLinearTime() {
        // CVE-2021-33503: urllib3's authority regex went quadratic on runs of '@'.
        String evil = "http://" + "@".repeat(200_000) + "h/" + "/".repeat(200_000) + "?" + "?".repeat(200_000);
        Url u = Url.parse(evil);
        assertEquals("h", u.host());
    }

    @Test
    void resolvesRedirectLocations() {
        Url base = Url.parse("http://h.example/a/b?x=1#frag");
        assertEquals("http://h.example/a/c", base.resolve("c").withoutFragment().toString());
        assertEquals("http://h.example/c#frag", base.resolve("/c").toString(), "fragment inherited (RFC 9110 10.2.2)");
        assertEquals("https://o.example/z#n", base.resolve("https://o.example/z#n").toString());
        assertEquals("http://h.example/a/b?y=2#frag", base.resolve("?y=2").toString());
        assertNull(Url.parse("http://h/").fragment());
        assertEquals("http://h.example/x", base.resolve("../../x").withoutFragment().toString());
        assertEquals("http://h.example/a/d/", base.resolve("./d/.").withoutFragment().toString());
        assertEquals("http://o.example/p", base.resolve("//o.example/p").withoutFragment().toString());
        assertEquals("http://h.example/a/b?x=1#other", base.resolve("#other").toString());
    }

    @Test
    void queryParamsAreAppendedAndEncoded() {
        Url u = Url.parse("http://h/p?a=1").withQueryParam("b c", "d&e").withQueryParam("\u00e9", "");
        assertEquals("a=1&b+c=d%26e&%C3%A9=", u.query());
        assertEquals("/p?a=1&b+c=d%26e&%C3%A9=", u.target());
    }
}
