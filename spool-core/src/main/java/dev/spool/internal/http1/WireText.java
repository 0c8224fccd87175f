package dev.spool.internal.http1;

/**
 * Renders untrusted bytes from the wire for error messages: bounded in length and with every
 * control character escaped, so a message never carries a server's raw bytes into logs.
 */
final class WireText {
    /** How many bytes of a bad line an error message quotes. */
    static final int QUOTE_BYTES = 40;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WireText() {
    }

    /**
     * Quotes the first {@link #QUOTE_BYTES} bytes: printable ASCII as is, anything else (and the
     * quote and backslash) as {@code \xNN}, then {@code ...} when there were more.
     */
    static String quote(byte[] b, int off, int len) {
        int n = Math.min(len, QUOTE_BYTES);
        StringBuilder sb = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            appendSafe(sb, b[off + i] & 0xff);
        }
        if (len > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /** Quotes a decoded (ISO-8859-1) field value the same way. */
    static String quote(String s) {
        int n = Math.min(s.length(), QUOTE_BYTES);
        StringBuilder sb = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            appendSafe(sb, s.charAt(i) & 0xff);
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /** One byte by name: {@code CR (0x0d)}, {@code 'x' (0x78)}. */
    static String describe(byte b) {
        int c = b & 0xff;
        switch (c) {
            case '\r':
                return "CR (0x0d)";
            case '\n':
                return "LF (0x0a)";
            case 0:
                return "NUL (0x00)";
            case ' ':
                return "space (0x20)";
            case '\t':
                return "tab (0x09)";
            default:
                return (c > 0x20 && c < 0x7f ? "'" + (char) c + "' " : "") + "(0x" + HEX[c >> 4] + HEX[c & 0xf] + ")";
        }
    }

    private static void appendSafe(StringBuilder sb, int c) {
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            sb.append((char) c);
        } else {
            sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
    }
}
