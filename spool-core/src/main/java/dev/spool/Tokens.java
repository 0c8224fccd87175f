package dev.spool;

/**
 * The token characters of RFC 9110 section 5.6.2 (method names, header names, parameter names): the
 * one table of them in Spool, used by the request checks, the response parser, the auth challenge
 * parser and the testkit's server.
 */
public final class Tokens {
    /** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Tokens() {
    }

    /**
     * Whether {@code c} is a tchar. Takes an {@code int} so a parser can pass a byte as
     * {@code b & 0xff}; anything outside ASCII is not a tchar.
     */
    public static boolean isTchar(int c) {
        return c >= 0 && c < TCHAR.length && TCHAR[c];
    }

    /** Whether {@code s} is a token: one or more tchars (false for null and the empty string). */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A readable name for a character in an error message: {@code CR (0x0d)}. */
    static String describe(char c) {
        switch (c) {
            case '\r':
                return "CR (0x0d)";
            case '\n':
                return "LF (0x0a)";
            case 0:
                return "NUL (0x00)";
            case ' ':
                return "space (0x20)";
            default:
                return String.format("0x%02x", (int) c);
        }
    }

    /** Quotes a string for an error message, escaping control characters and cutting it at 100. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), 100);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
