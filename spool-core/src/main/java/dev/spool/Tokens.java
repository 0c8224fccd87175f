package dev.spool;

/** Character classes of RFC 9110 section 5.6.2 (tokens) and helpers to describe bad input. */
final class Tokens {
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

    static boolean isTchar(char c) {
        return c < 128 && TCHAR[c];
    }

    static boolean isToken(String s) {
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
