package dev.spool.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import dev.spool.Url;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proxy selection as a pure function: explicit proxies (requests' dict), the environment, and the
 * NO_PROXY lists, as a table of configuration, URL and the proxy chosen.
 */
class ProxyConfigTest {
    /** "k=v;k=v" into a map (values may be empty). */
    private static Map<String, String> map(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return m;
        }
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return m;
    }

    @ParameterizedTest(name = "[{index}] explicit={0} env={1} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // nothing configured
        "-                                   | -                                          | http://a.test/      | direct",
        // explicit by scheme, then all
        "http=http://p1:1                    | -                                          | http://a.test/      | http://p1:1",
        "http=http://p1:1                    | -                                          | https://a.test/     | direct",
        "http=http://p1:1;all=http://p2:2    | -                                          | https://a.test/     | http://p2:2",
        "all=socks5h://s:1080                | -                                          | https://a.test/     | socks5h://s:1080",
        // requests' key order: scheme://host, scheme, all://host, all
        "http://a.test=http://ph:1;http=http://ps:2;all://a.test=http://pah:3;all=http://pa:4 | - | http://a.test/ | http://ph:1",
        "http://b.test=http://ph:1;http=http://ps:2;all://a.test=http://pah:3;all=http://pa:4 | - | http://a.test/ | http://ps:2",
        "https=http://ps:2;all://a.test=http://pah:3;all=http://pa:4 | -                  | http://a.test/      | http://pah:3",
        "HTTP://A.test=http://ph:1           | -                                          | http://a.test/      | http://ph:1",
        // an empty value means direct, and the environment is not consulted for it
        "http=                               | HTTP_PROXY=http://e:1                      | http://a.test/      | direct",
        "all=                                | HTTPS_PROXY=http://e:1                     | https://a.test/     | direct",
        // a no_proxy key bypasses explicit and environment proxies
        "all=http://p:1;no_proxy=a.test      | -                                          | http://a.test/      | direct",
        "all=http://p:1;no_proxy=a.test      | -                                          | http://b.test/      | http://p:1",
        "no_proxy=a.test                     | HTTP_PROXY=http://e:1                      | http://a.test/      | direct",
        // the environment, by scheme, then ALL_PROXY
        "-                                   | HTTP_PROXY=http://e1:1                     | http://a.test/      | http://e1:1",
        "-                                   | HTTP_PROXY=http://e1:1                     | https://a.test/     | direct",
        "-                                   | HTTPS_PROXY=http://e2:2                    | https://a.test/     | http://e2:2",
        "-                                   | ALL_PROXY=socks5://e3:3                    | https://a.test/     | socks5://e3:3",
        "-                                   | ALL_PROXY=socks5://e3:3;HTTP_PROXY=http://e1:1 | http://a.test/  | http://e1:1",
        // explicit wins over the environment
        "http=http://p:1                     | HTTP_PROXY=http://e:1                      | http://a.test/      | http://p:1",
        // lowercase wins; an empty lowercase value unsets the uppercase one
        "-                                   | HTTP_PROXY=http://upper:1;http_proxy=http://lower:2 | http://a.test/ | http://lower:2",
        "-                                   | HTTP_PROXY=http://upper:1;http_proxy=      | http://a.test/      | direct",
        "-                                   | https_proxy=http://lower:2                 | https://a.test/     | http://lower:2",
        // NO_PROXY gates the environment's proxies; lowercase no_proxy wins
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=a.test      | http://a.test/      | direct",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=a.test      | http://x.a.test/    | direct",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=a.test      | http://b.test/      | http://e:1",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=*           | http://b.test/      | direct",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=a.test;no_proxy=b.test | http://a.test/ | http://e:1",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=127.0.0.0/8 | http://127.0.0.1:8080/ | direct",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=a.test:8080 | http://a.test:8080/ | direct",
        "-                                   | HTTP_PROXY=http://e:1;NO_PROXY=a.test:8080 | http://a.test/      | http://e:1",
        // ... but never explicit proxies
        "http=http://p:1                     | NO_PROXY=a.test                            | http://a.test/      | http://p:1",
        // httpoxy (CVE-2016-5385): under CGI, uppercase HTTP_PROXY comes from a request header
        "-                                   | HTTP_PROXY=http://evil:1;REQUEST_METHOD=GET | http://a.test/     | direct",
        "-                                   | http_proxy=http://ok:1;REQUEST_METHOD=GET  | http://a.test/      | http://ok:1",
        "-                                   | HTTPS_PROXY=http://ok:1;REQUEST_METHOD=GET | https://a.test/     | http://ok:1",
    })
    void selects(String explicit, String env, String url, String expected) {
        ProxyConfig c = ProxyConfig.of(map(explicit)).withEnvironment(map(env));
        ProxyUrl chosen = c.select(Url.parse(url));
        assertEquals(expected, chosen == null ? "direct" : chosen.origin());
    }

    @Test
    void withoutTrustingTheEnvironmentItIsNeverRead() {
        ProxyConfig c = ProxyConfig.of(Map.of());
        assertEquals(null, c.select(Url.parse("http://a.test/")));
        assertTrue(c.isEmpty());
        assertFalse(c.withEnvironment(Map.of("HTTP_PROXY", "http://e:1")).isEmpty());
    }

    @Test
    void aRequestsProxiesAreLaidOverTheSessions() {
        ProxyConfig session = ProxyConfig.of(Map.of("http", "http://s:1", "https", "http://s:2"));
        ProxyConfig request = session.with(Map.of("https", "http://r:3"));
        assertEquals("http://s:1", request.select(Url.parse("http://a.test/")).origin());
        assertEquals("http://r:3", request.select(Url.parse("https://a.test/")).origin());
        assertEquals(null, session.with(Map.of("all", "", "http", "")).select(Url.parse("http://a.test/")));
        assertSame(session, session.with(Map.of()));
    }

    @Test
    void credentialsTravelWithTheChosenProxy() {
        ProxyUrl p = ProxyConfig.all("http://u:pw@p:1").select(Url.parse("https://a.test/"));
        assertEquals("u", p.username());
        assertEquals("pw", p.password());
    }

    @Test
    void badKeysAndUrlsAreRejectedNamingWhere() {
        InvalidRequestException key = assertThrows(InvalidRequestException.class,
                () -> ProxyConfig.of(Map.of("ftp", "http://p:1")));
        assertTrue(key.getMessage().contains("proxies key 'ftp'"), key.getMessage());
        InvalidRequestException value = assertThrows(InvalidRequestException.class,
                () -> ProxyConfig.of(Map.of("https", "http://p:bad")));
        assertTrue(value.getMessage().startsWith("proxies key 'https'"), value.getMessage());
        InvalidRequestException env = assertThrows(InvalidRequestException.class,
                () -> ProxyConfig.NONE.withEnvironment(Map.of("https_proxy", "http://u:secret@p:bad")));
        assertTrue(env.getMessage().startsWith("environment variable https_proxy"), env.getMessage());
        assertFalse(env.getMessage().contains("secret"), env.getMessage());
        InvalidRequestException noProxy = assertThrows(InvalidRequestException.class,
                () -> ProxyConfig.NONE.withEnvironment(Map.of("NO_PROXY", "10.0.0.0/99")));
        assertTrue(noProxy.getMessage().contains("environment variable NO_PROXY"), noProxy.getMessage());
    }

    @Test
    void textNeverShowsPasswords() {
        ProxyConfig c = ProxyConfig.all("http://u:secret@p:1").withEnvironment(Map.of("HTTPS_PROXY", "http://v:hidden@q:2"));
        assertFalse(c.toString().contains("secret"), c.toString());
        assertFalse(c.toString().contains("hidden"), c.toString());
    }
}
