package dev.spool.cli;

/**
 * ANSI SGR colour codes (ECMA-48 section 8.3.117) for the terminal output, or none when colours are
 * off, so callers write {@code ansi.key("x")} without checking.
 */
final class Ansi {
    /** Colours on. */
    static final Ansi ON = new Ansi(true);
    /** Colours off: every method returns its text unchanged. */
    static final Ansi OFF = new Ansi(false);

    private static final String RESET = "\u001b[0m";
    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether colours are on. */
    boolean enabled() {
        return enabled;
    }

    String key(String s) {
        return paint("1;34", s); // bold blue, as jq and HTTPie show object keys
    }

    String string(String s) {
        return paint("32", s);
    }

    String number(String s) {
        return paint("36", s);
    }

    String literal(String s) {
        return paint("35", s); // true, false, null
    }

    String headerName(String s) {
        return paint("36", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    /** The status line: green for 2xx, yellow for 1xx and 3xx, red for 4xx and 5xx. */
    String status(int status, String s) {
        return paint(status >= 400 ? "1;31" : status >= 300 || status < 200 ? "1;33" : "1;32", s);
    }

    private String paint(String sgr, String s) {
        return enabled ? "\u001b[" + sgr + "m" + s + RESET : s;
    }
}
