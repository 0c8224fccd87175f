package dev.spool.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proxy URL parsing: a table of URLs and their parts, and of bad ones and what their errors say. */
class ProxyUrlTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "http://proxy.example:3128          | http    | proxy.example | 3128 | null  | null",
        "proxy.example:3128                 | http    | proxy.example | 3128 | null  | null",
        "http://Proxy.Example               | http    | proxy.example | 80   | null  | null",
        "http://proxy.example:3128/         | http    | proxy.example | 3128 | null  | null",
        "HTTP://u:p@proxy:8080              | http    | proxy         | 8080 | u     | p",
        "http://u@proxy:8080                | http    | proxy         | 8080 | u     | ''",
        "http://u%40corp:p%3As%20w@proxy:1  | http    | proxy         | 1    | u@corp | p:s w",
        "http://u:p+q@proxy:1               | http    | proxy         | 1    | u     | p+q",
        "http://u:p@ss@proxy:1              | http    | proxy         | 1    | u     | p@ss",
        "http://[::1]:3128                  | http    | ::1           | 3128 | null  | null",
        "socks5://127.0.0.1                 | socks5  | 127.0.0.1     | 1080 | null  | null",
        "socks5h://u:p@127.0.0.1:9050       | socks5h | 127.0.0.1     | 9050 | u     | p",
    })
    void parses(String url, String scheme, String host, int port, String user, String pass) {
        ProxyUrl p = ProxyUrl.parse(url);
        assertEquals(scheme, p.scheme());
        assertEquals(host, p.host());
        assertEquals(port, p.port());
        assertEquals(user, p.username());
        assertEquals(pass, p.password());
        assertEquals(p, ProxyUrl.parse(p.toKey()), "the pool key form reads back to the same proxy");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                           | empty",
        "https://proxy:3128           | not supported",
        "socks4://proxy:1080          | socks5",
        "ftp://proxy:21               | use http, socks5 or socks5h",
        "http://proxy:3128/path       | path",
        "http://proxy:99999           | out of range",
        "http://proxy:123456          | bad port",
        "http://proxy:0               | out of range",
        "http://proxy:http            | bad port",
        "http://:3128                 | no host",
        "http://[::1:3128             | unclosed",
        "http://::1:3128              | without brackets",
        "http://pro xy:3128           | space",
        "http://u:p%zz@proxy:1        | percent-escape",
    })
    void rejectsBadUrlsSayingWhy(String url, String message) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ProxyUrl.parse(url));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void thePasswordNeverShowsInTextOrErrors() {
        ProxyUrl p = ProxyUrl.parse("http://alice:s3cret@proxy:3128");
        assertEquals("http://alice:***@proxy:3128", p.toString());
        assertEquals("http://proxy:3128", p.origin());
        assertFalse(p.toString().contains("s3cret"));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ProxyUrl.parse("http://alice:s3cret@proxy:3128/path"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("alice:***@proxy"), e.getMessage());
    }

    @Test
    void basicCredentialsAreEncodedAsRfc7617Says() {
        // RFC 7617 section 2: "Aladdin:open sesame" -> QWxhZGRpbjpvcGVuIHNlc2FtZQ==
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
                ProxyUrl.parse("http://Aladdin:open%20sesame@proxy").basicAuthorization());
        assertNull(ProxyUrl.parse("http://proxy").basicAuthorization());
    }

    @Test
    void whoResolvesTheDestination() {
        assertTrue(ProxyUrl.parse("socks5h://p").resolvesRemotely());
        assertFalse(ProxyUrl.parse("socks5://p").resolvesRemotely());
        assertTrue(ProxyUrl.parse("http://p").resolvesRemotely());
        assertTrue(ProxyUrl.parse("socks5://p").isSocks());
        assertFalse(ProxyUrl.parse("http://p").isSocks());
    }
}
