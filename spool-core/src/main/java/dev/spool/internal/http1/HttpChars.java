package dev.spool.internal.http1;

import dev.spool.Tokens;

/** The character classes of HTTP's grammar (RFC 9110 section 5.6) that the response parser checks bytes against. */
final class HttpChars {
    /** RFC 9110 section 5.6.4: qdtext, the characters allowed bare inside a quoted string. */
    private static final boolean[] QDTEXT = new boolean[256];

    static {
        QDTEXT['\t'] = true;
        for (int c = 0x20; c < 0x100; c++) {
            QDTEXT[c] = c != '"' && c != '\\' && c != 0x7f;
        }
    }

    private HttpChars() {
    }

    /** RFC 9110 section 5.6.2: a character of a token (header names, chunk extension names); the one table is {@link Tokens}'s. */
    static boolean isTchar(byte c) {
        return Tokens.isTchar(c & 0xff);
    }

    static boolean isQdtext(byte c) {
        return QDTEXT[c & 0xff];
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether c is optional whitespace (SP or HTAB). */
    static boolean isOws(byte c) {
        return c == ' ' || c == '\t';
    }
}
