package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Headers keep order and repeats, compare names case-insensitively, and refuse injection characters. */
class HeadersTest {
    @Test
    void keepsOrderAndRepeats() {
        Headers h = Headers.of("A", "1", "b", "2", "a", "3");
        assertEquals(3, h.size());
        assertEquals("1", h.get("a"));
        assertEquals(List.of("1", "3"), h.all("A"));
        assertEquals("A: 1\nb: 2\na: 3\n", h.toString());
        assertEquals(Headers.of("b", "2"), h.minus("a"));
        assertEquals(Headers.of("b", "2", "A", "9"), h.with("A", "9"));
        assertNull(h.get("c"));
    }

    @Test
    void refusesCrLfNulInValues() {
        // CVE-2019-9740 / CVE-2020-26137: header injection through CR/LF.
        for (String bad : new String[] {"a\r\nX-Injected: 1", "a\nb", "a\u0000b", "a\rb"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Headers.of("X", bad));
            assertTrue(e.getMessage().contains("header X value has a forbidden control character"), e.getMessage());
        }
    }

    @Test
    void refusesCharactersHttpCannotCarry() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Headers.of("X", "caf\u00e9 \u20ac"));
        assertTrue(e.getMessage().contains("U+20AC"), e.getMessage());
        assertEquals("caf\u00e9", Headers.of("X", "caf\u00e9").get("x"));
    }

    @Test
    void refusesNonTokenNames() {
        for (String bad : new String[] {"", "a b", "a:b", "a\r", "\u00e9"}) {
            assertThrows(InvalidRequestException.class, () -> Headers.of(bad, "v"));
        }
    }

    @Test
    void requestValidationHappensBeforeAnyIo() {
        try (Session s = new Session()) {
            // Port 9 (discard) on loopback: nothing listens; the errors must come before any connect.
            InvalidRequestException m = assertThrows(InvalidRequestException.class,
                    () -> s.request("GE T", "http://127.0.0.1:9/").send());
            assertTrue(m.getMessage().contains("is not a token"), m.getMessage());
            assertThrows(InvalidRequestException.class, () -> s.request("GET\r\n", "http://127.0.0.1:9/").send());
            assertThrows(InvalidRequestException.class, () -> s.request("GET", "http://127.0.0.1:9/").header("X", "a\r\nb"));
            assertThrows(InvalidRequestException.class, () -> s.get("http://127.0.0.1:9/a b"));
            assertThrows(InvalidRequestException.class, () -> s.request("GET", "http://h/").timeout(Duration.ZERO));
            InvalidRequestException noTransport = assertThrows(InvalidRequestException.class, () -> s.get("ftp://h:21/x"));
            assertTrue(noTransport.getMessage().contains("no transport is mounted for ftp://h:21/x"), noTransport.getMessage());
            assertEquals(0, s.poolStats().connectionsOpened());
        }
    }
}
