package dev.spool.cli;

/**
 * Checks that a text is one JSON value (RFC 8259) and, when it is not, says in words where
 * (line and column, both from 1) and what was expected there, so a bad {@code --json} argument is
 * explained without any parser's internals: {@code line 1, column 6: expected ':' after the name
 * "a", found '1'}. Nesting deeper than {@value #MAX_DEPTH} levels is refused too.
 */
final class JsonSyntax {
    /** The deepest nesting of arrays and objects accepted (the check recurses once per level). */
    static final int MAX_DEPTH = 512;

    private static final String VALUE = "a value (an object, array, string, number, true, false or null)";

    private final String text;
    private int pos;

    private JsonSyntax(String text) {
        this.text = text;
    }

    /** What is wrong with {@code text} as JSON, or null when it is one JSON value with only white space around it. */
    static String problem(String text) {
        JsonSyntax s = new JsonSyntax(text);
        try {
            s.space();
            if (s.pos == text.length()) {
                return "the text is empty: expected " + VALUE;
            }
            s.value(0);
            s.space();
            if (s.pos < text.length()) {
                s.fail("expected the end after the JSON value");
            }
            return null;
        } catch (Problem p) {
            return p.getMessage();
        }
    }

    private void value(int depth) {
        if (pos == text.length()) {
            fail("expected " + VALUE);
        }
        char c = text.charAt(pos);
        if (c == '{' || c == '[') {
            if (depth == MAX_DEPTH) {
                fail("nested deeper than " + MAX_DEPTH + " levels");
            }
            if (c == '{') {
                object(depth + 1);
            } else {
                array(depth + 1);
            }
        } else if (c == '"') {
            string();
        } else if (c == '-' || c >= '0' && c <= '9') {
            number();
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            fail("expected " + VALUE);
        }
    }

    private void object(int depth) {
        pos++; // {
        space();
        if (peek('}')) {
            pos++;
            return;
        }
        while (true) {
            if (!peek('"')) {
                fail("expected a name in double quotes" + (text.charAt(pos - 1) == '{' ? " or '}'" : ""));
            }
            int nameStart = pos;
            string();
            String name = text.substring(nameStart, pos);
            space();
            if (!peek(':')) {
                fail("expected ':' after the name " + name);
            }
            pos++;
            space();
            value(depth);
            space();
            if (peek('}')) {
                pos++;
                return;
            }
            if (!peek(',')) {
                fail("expected ',' or '}' after the value of " + name);
            }
            pos++;
            space();
        }
    }

    private void array(int depth) {
        pos++; // [
        space();
        if (peek(']')) {
            pos++;
            return;
        }
        while (true) {
            value(depth);
            space();
            if (peek(']')) {
                pos++;
                return;
            }
            if (!peek(',')) {
                fail("expected ',' or ']' after an array element");
            }
            pos++;
            space();
        }
    }

    private void string() {
        int start = pos;
        pos++; // "
        while (true) {
            if (pos == text.length()) {
                pos = start;
                failHere("the string that starts here has no closing '\"'");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c < 0x20) {
                fail("a control character inside a string must be escaped (\\n, \\t, \\u00XX)");
            }
            if (c == '\\') {
                pos++;
                if (pos == text.length()) {
                    continue; // reported as the missing closing quote
                }
                char e = text.charAt(pos);
                if (e == 'u') {
                    for (int i = 1; i <= 4; i++) {
                        if (pos + i >= text.length() || Character.digit(text.charAt(pos + i), 16) < 0) {
                            pos--;
                            failHere("\\u must be followed by four hex digits");
                        }
                    }
                    pos += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    pos--;
                    failHere("'\\" + e + "' is not an escape (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)");
                }
            }
            pos++;
        }
    }

    private void number() {
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                pos--;
                failHere("a number cannot start with 0 followed by more digits");
            }
        } else {
            digits("a digit");
        }
        if (peek('.')) {
            pos++;
            digits("a digit after the decimal point");
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            digits("a digit in the exponent");
        }
    }

    private void digits(String what) {
        if (pos == text.length() || !isDigit(text.charAt(pos))) {
            fail("expected " + what);
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean literal(String word) {
        if (text.startsWith(word, pos)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private void space() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Fails at the current position: "line L, column C: WHAT, found X". */
    private void fail(String what) {
        failHere(what + ", found " + found());
    }

    /** Fails at the current position: "line L, column C: WHAT". */
    private void failHere(String what) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        throw new Problem("line " + line + ", column " + (pos - lineStart + 1) + ": " + what);
    }

    /** What stands at the current position: the end, a word, or one character. */
    private String found() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        char c = text.charAt(pos);
        if (Character.isLetterOrDigit(c)) {
            int end = pos;
            while (end < text.length() && end - pos < 20 && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                end++;
            }
            return "'" + text.substring(pos, end) + "'";
        }
        if (c < 0x20) {
            return String.format(java.util.Locale.ROOT, "the control character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    /** The failure, carried out of the recursion. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
