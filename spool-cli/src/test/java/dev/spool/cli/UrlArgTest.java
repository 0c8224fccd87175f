package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** URLs as typed: no scheme means http://, a mistyped scheme is named with what it likely meant. */
class UrlArgTest {
    @Test
    void aUrlWithoutSchemeMeansHttp() {
        assertEquals("http://127.0.0.1:8080/x", UrlArg.normalize("127.0.0.1:8080/x"));
        assertEquals("http://localhost:8080/x", UrlArg.normalize("localhost:8080/x"));
        assertEquals("http://example.org", UrlArg.normalize("example.org"));
        assertEquals("http://[::1]:80/", UrlArg.normalize("[::1]:80/"));
        assertEquals("http://h/x", UrlArg.normalize("//h/x"));
    }

    @Test
    void httpAndHttpsPassAsTheyAre() {
        assertEquals("https://h/x", UrlArg.normalize("https://h/x"));
        assertEquals("HTTP://h/x", UrlArg.normalize("HTTP://h/x"));
        assertEquals("http:/h/x", UrlArg.normalize("http:/h/x"), "a known scheme missing a slash: the library says what is wrong");
    }

    @Test
    void aMistypedSchemeIsNamedWithItsLikelyMeaning() {
        assertEquals("URL \"htp://h/x\": unknown scheme htp; did you mean http?", message("htp://h/x"));
        assertEquals("URL \"htps://h/\": unknown scheme htps; did you mean https?", message("htps://h/"));
        assertEquals("URL \"hhtp://h/\": unknown scheme hhtp; did you mean http?", message("hhtp://h/"));
        assertEquals("URL \"thtp://h/\": unknown scheme thtp; did you mean http?", message("thtp://h/"));
        assertEquals("URL \"ftp://h/\": unknown scheme ftp; spool speaks http and https", message("ftp://h/"));
        assertEquals("URL \"ws://h/\": unknown scheme ws; spool speaks http and https", message("ws://h/"));
    }

    @Test
    void theGuessAllowsOneEditOrTwoForASchemeStartingWithH() {
        assertEquals("http", UrlArg.guess("htpt"));
        assertEquals("https", UrlArg.guess("htttps"));
        assertEquals("http", UrlArg.guess("hxxp"));
        assertNull(UrlArg.guess("ftp"), "two edits from http, and a scheme of its own");
        assertNull(UrlArg.guess("file"));
        assertEquals(1, UrlArg.distance("thtp", "http"), "two neighbours swapped are one edit");
    }

    private static String message(String url) {
        CliException e = assertThrows(CliException.class, () -> UrlArg.normalize(url));
        assertEquals(ExitCodes.BAD_REQUEST, e.exitCode());
        return e.getMessage();
    }
}
