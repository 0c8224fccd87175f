package dev.spool.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;

/**
 * Pretty-prints JSON for a terminal, token by token with Jackson's streaming parser, indenting by
 * two spaces (as jq does) and colouring keys, strings, numbers and literals. Numbers keep the
 * server's own spelling.
 */
final class JsonFormatter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String INDENT = "  ";

    private JsonFormatter() {
    }

    /**
     * The JSON text formatted, or null when it is not one well-formed JSON value (the caller then
     * shows it as it came).
     */
    static String format(byte[] json, Ansi ansi) {
        StringBuilder out = new StringBuilder(json.length * 2);
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            write(p, t, out, 0, ansi);
            if (p.nextToken() != null) {
                return null; // trailing content after the value: not JSON
            }
        } catch (IOException e) {
            return null;
        }
        return out.append('\n').toString();
    }

    private static void write(JsonParser p, JsonToken t, StringBuilder out, int depth, Ansi ansi) throws IOException {
        switch (t) {
            case START_OBJECT: {
                JsonToken next = p.nextToken();
                if (next == JsonToken.END_OBJECT) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                while (next != JsonToken.END_OBJECT) {
                    out.append(first ? "\n" : ",\n");
                    first = false;
                    indent(out, depth + 1);
                    out.append(ansi.key(quote(p.currentName()))).append(": ");
                    write(p, p.nextToken(), out, depth + 1, ansi);
                    next = p.nextToken();
                }
                out.append('\n');
                indent(out, depth);
                out.append('}');
                return;
            }
            case START_ARRAY: {
                JsonToken next = p.nextToken();
                if (next == JsonToken.END_ARRAY) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                boolean first = true;
                while (next != JsonToken.END_ARRAY) {
                    out.append(first ? "\n" : ",\n");
                    first = false;
                    indent(out, depth + 1);
                    write(p, next, out, depth + 1, ansi);
                    next = p.nextToken();
                }
                out.append('\n');
                indent(out, depth);
                out.append(']');
                return;
            }
            case VALUE_STRING:
                out.append(ansi.string(quote(p.getText())));
                return;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                out.append(ansi.number(p.getText()));
                return;
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_NULL:
                out.append(ansi.literal(p.getText()));
                return;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }
}
