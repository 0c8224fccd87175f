package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one token table, against RFC 9110 section 5.6.2's grammar spelled out. */
class TokensTest {
    @Test
    void tcharIsExactlyTheRfcSet() {
        for (int c = -1; c < 0x200; c++) {
            boolean expected = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= 0 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
            assertEquals(expected, Tokens.isTchar(c), "character " + c);
        }
    }

    @Test
    void aTokenIsOneOrMoreTchars() {
        assertTrue(Tokens.isToken("GET"));
        assertTrue(Tokens.isToken("X-Custom_1.2~"));
        assertFalse(Tokens.isToken(""));
        assertFalse(Tokens.isToken(null));
        assertFalse(Tokens.isToken("a b"));
        assertFalse(Tokens.isToken("a:b"));
        assertFalse(Tokens.isToken("caf\u00e9"));
    }
}
