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

    @Test
    void receivedHeadersFollowTheReceivingRules() {
        String[] fields = {"X-Ctl", "a\u0001b\u007f", "X-Obs", "caf\u00e9", "unused", "slot"};
        Headers h = Headers.received(fields, 2);
        assertEquals(2, h.size());
        assertEquals("a\u0001b\u007f", h.get("x-ctl")); // Headers.of would refuse it; a server may send it
        assertEquals("caf\u00e9", h.get("X-Obs"));
        fields[1] = "changed";
        assertEquals("a\u0001b\u007f", h.get("X-Ctl"), "the array is copied");
        assertEquals(Headers.EMPTY, Headers.received(new String[0], 0));
    }

    @Test
    void receivedHeadersRefuseInjectionCharactersAndBadNames() {
        for (String bad : new String[] {"a\rb", "a\nb", "a\u0000b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Headers.received(new String[] {"X-A", bad}, 1));
            assertTrue(e.getMessage().contains("X-A"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Headers.received(new String[] {"X A", "1"}, 1));
        assertTrue(e.getMessage().contains("not a token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Headers.received(new String[] {"X-A", null}, 1));
        assertThrows(IllegalArgumentException.class, () -> Headers.received(new String[] {"X-A", "1"}, 2));
        assertThrows(IllegalArgumentException.class, () -> Headers.received(new String[] {"X-A", "1"}, -1));
    }
}
