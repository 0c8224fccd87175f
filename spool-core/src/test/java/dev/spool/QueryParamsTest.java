package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Query parameters: the URL's own query kept, session defaults merged with the request's as
 * requests merges {@code Session.params}, and every value form-encoded as UTF-8. No sockets: the
 * request is only assembled.
 */
class QueryParamsTest {
    /** Parses "a=1;b=2" into pairs; "a=~" means a null value. */
    private static List<String[]> pairs(String spec) {
        List<String[]> out = new ArrayList<>();
        if (spec == null || spec.isEmpty()) {
            return out;
        }
        for (String p : spec.split(";")) {
            int eq = p.indexOf('=');
            String v = p.substring(eq + 1);
            out.add(new String[] {p.substring(0, eq), v.equals("~") ? null : v});
        }
        return out;
    }

    @ParameterizedTest(name = "{0} + session [{1}] + request [{2}] -> {3}")
    @CsvSource(delimiter = '|', value = {
        // url                          | session      | request          | target sent
        "http://h/p                     |              |                  | /p",
        "http://h/p                     |              | a=1              | /p?a=1",
        "http://h/p?x=1                 |              | a=1              | /p?x=1&a=1",
        "http://h/p?                    |              | a=1              | /p?a=1",
        "http://h/p?x=1&                |              | a=1              | /p?x=1&&a=1",
        "http://h/p?x=1#frag            |              | a=1              | /p?x=1&a=1",
        "http://h/p#f?not=query         |              | a=1              | /p?a=1",
        "http://h/p                     |              | a=1;a=2          | /p?a=1&a=2",
        "http://h/p                     |              | e=               | /p?e=",
        "http://h/p                     |              | e=~              | /p",
        "http://h/p                     | k=s          |                  | /p?k=s",
        "http://h/p                     | k=s          | a=1              | /p?k=s&a=1",
        "http://h/p                     | k=s;k=t;m=1  | k=r              | /p?m=1&k=r",
        "http://h/p                     | k=s;m=1      | k=~              | /p?m=1",
        "http://h/p?k=url               | k=s          | k=r              | /p?k=url&k=r",
        "http://h/p                     |              | a b=c&d          | /p?a+b=c%26d",
        "http://h/p                     |              | q=caf\u00e9 \u2603 \uD83D\uDE00 | /p?q=caf%C3%A9+%E2%98%83+%F0%9F%98%80",
        "http://h/p                     |              | s=a+b%/?#[]      | /p?s=a%2Bb%25%2F%3F%23%5B%5D",
        "http://h/p                     |              | t=~x*-._         | /p?t=%7Ex*-._",
    })
    void mergedAndEncoded(String url, String session, String request, String target) {
        List<String[]> sessionPairs = new ArrayList<>();
        for (String[] p : pairs(session)) {
            sessionPairs = QueryParams.with(sessionPairs, p[0], p[1]);
        }
        Url u = QueryParams.apply(Url.parse(url), sessionPairs, pairs(request));
        assertEquals(target, u.target());
    }

    @Test
    void theFragmentStaysOnTheUrlButIsNeverSent() {
        Url u = QueryParams.apply(Url.parse("http://h/p?x=1#frag"), List.of(), pairs("a=1"));
        assertEquals("http://h/p?x=1&a=1#frag", u.toString());
        assertEquals("/p?x=1&a=1", u.target());
    }

    @Test
    void sessionParamsRepeatAndANullValueRemovesThemAll() {
        List<String[]> p = QueryParams.with(List.of(), "k", "1");
        p = QueryParams.with(p, "k", "2");
        p = QueryParams.with(p, "m", "3");
        assertEquals("/p?k=1&k=2&m=3", QueryParams.apply(Url.parse("http://h/p"), p, List.of()).target());
        p = QueryParams.with(p, "k", null);
        assertEquals("/p?m=3", QueryParams.apply(Url.parse("http://h/p"), p, List.of()).target());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QueryParams.with(List.of(), null, "v"));
        assertEquals("query parameter name is null", e.getMessage());
    }

    @Test
    void aSessionAssemblesItsDefaultParamsWithTheRequests() {
        try (Session s = Session.builder().param("api_key", "k 1").param("lang", "en").build()) {
            s.param("lang", null);
            s.param("v", "2");
            Request r = s.assemble(s.request("GET", "http://h/search?q=a").param("page", "3").param("v", "3"));
            assertEquals("/search?q=a&api_key=k+1&page=3&v=3", r.httpUrl().target());
            Request plain = s.assemble(s.request("GET", "http://h/"));
            assertEquals("/?api_key=k+1&v=2", plain.httpUrl().target());
        }
    }
}
