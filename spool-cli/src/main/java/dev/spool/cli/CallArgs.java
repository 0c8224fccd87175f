package dev.spool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The positional arguments of a call, split into URLs and HTTPie-style JSON fields:
 * {@code name=text} (a JSON string) and {@code name:=json} (a raw JSON value). An argument is a
 * field when it starts with a name free of {@code = : /} followed by {@code =} or {@code :=};
 * every other argument is a URL ({@code http://host/...} never matches, as its {@code :} is
 * followed by {@code /}).
 *
 * @param urls the URLs, in order
 * @param fields the JSON fields, in order
 */
record CallArgs(List<String> urls, List<JsonField> fields) {
    private static final Pattern FIELD = Pattern.compile("([^=:/]+)(:=|=)(.*)", Pattern.DOTALL);

    /**
     * One JSON field.
     *
     * @param name the field name
     * @param value the text after the separator
     * @param raw true for {@code :=} (value is JSON), false for {@code =} (value is a string)
     */
    record JsonField(String name, String value, boolean raw) {
    }

    /** Splits the positional arguments; at least one must be a URL. */
    static CallArgs split(List<String> args) {
        List<String> urls = new ArrayList<>();
        List<JsonField> fields = new ArrayList<>();
        for (String a : args) {
            Matcher m = FIELD.matcher(a);
            if (m.matches()) {
                fields.add(new JsonField(m.group(1), m.group(3), m.group(2).equals(":=")));
            } else {
                urls.add(a);
            }
        }
        if (urls.isEmpty()) {
            throw CliException.usage("no URL given (arguments like name=value are JSON fields; a URL looks like http://host/path)");
        }
        return new CallArgs(List.copyOf(urls), List.copyOf(fields));
    }
}
