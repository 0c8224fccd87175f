package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code --json} syntax errors in words: where (line, column) and what was expected. */
class JsonSyntaxTest {
    private static final String VALUE = "a value (an object, array, string, number, true, false or null)";

    @Test
    void validJsonHasNoProblem() {
        for (String ok : new String[] {"{}", "[]", " {\"a\": [1, -2.5e+3, true, false, null, \"x\\n\\u00e9\"]}\n", "0", "\"\""}) {
            assertNull(JsonSyntax.problem(ok), ok);
        }
    }

    @Test
    void eachProblemSaysWhereAndWhatWasExpected() {
        assertEquals("line 1, column 6: expected " + VALUE + ", found the end of the text", JsonSyntax.problem("{\"a\":"));
        assertEquals("line 1, column 6: expected ':' after the name \"a\", found '1'", JsonSyntax.problem("{\"a\" 1}"));
        assertEquals("line 2, column 7: expected " + VALUE + ", found 'tru'", JsonSyntax.problem("{\n \"a\": tru}"));
        assertEquals("line 1, column 2: expected a name in double quotes or '}', found 'a'", JsonSyntax.problem("{a:1}"));
        assertEquals("line 1, column 8: expected ',' or '}' after the value of \"a\", found ']'", JsonSyntax.problem("{\"a\":1 ]"));
        assertEquals("line 1, column 5: expected ',' or ']' after an array element, found the end of the text",
                JsonSyntax.problem("[1,2"));
        assertEquals("line 1, column 4: expected " + VALUE + ", found ']'", JsonSyntax.problem("[1,]"));
        assertEquals("line 1, column 9: expected the end after the JSON value, found 'trailing'",
                JsonSyntax.problem("{\"a\":1} trailing"));
        assertEquals("line 1, column 6: a number cannot start with 0 followed by more digits", JsonSyntax.problem("{\"a\":01}"));
        assertEquals("line 1, column 3: expected a digit after the decimal point, found the end of the text", JsonSyntax.problem("1."));
        assertEquals("line 1, column 1: the string that starts here has no closing '\"'", JsonSyntax.problem("\"abc"));
        assertEquals("line 1, column 7: '\\q' is not an escape (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)",
                JsonSyntax.problem("{\"a\":\"\\q\"}"));
        assertEquals("line 1, column 3: a control character inside a string must be escaped (\\n, \\t, \\u00XX), "
                + "found the control character U+0009", JsonSyntax.problem("\"a\tb\""));
        assertEquals("the text is empty: expected " + VALUE, JsonSyntax.problem("  \n"));
    }

    @Test
    void nestingIsLimited() {
        String deepest = "[".repeat(JsonSyntax.MAX_DEPTH) + "]".repeat(JsonSyntax.MAX_DEPTH);
        assertNull(JsonSyntax.problem(deepest));
        String deeper = "[".repeat(JsonSyntax.MAX_DEPTH + 1) + "]".repeat(JsonSyntax.MAX_DEPTH + 1);
        assertEquals("line 1, column " + (JsonSyntax.MAX_DEPTH + 1) + ": nested deeper than " + JsonSyntax.MAX_DEPTH
                + " levels, found '['", JsonSyntax.problem(deeper));
    }
}
