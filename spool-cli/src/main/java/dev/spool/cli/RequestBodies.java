package dev.spool.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Body;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the body arguments of a call into one {@link Body}, by one rule:
 * <ul>
 *   <li>{@code -d name=value} is a form field (the name is the text before the first {@code =}; both
 *       parts are URL-encoded, so {@code -d 'q=a&b'} sends {@code q=a%26b}); repeat it for more fields,
 *       sent in order as {@code application/x-www-form-urlencoded};</li>
 *   <li>{@code -d @FILE} sends the file as it is ({@code @-} reads standard input), typed by its
 *       extension or {@code application/octet-stream}; {@code -d TEXT} without {@code =} and
 *       {@code --data-raw TEXT} send the text as it is, {@code text/plain; charset=utf-8};</li>
 *   <li>{@code --json TEXT} (or {@code --json @FILE}) sends JSON as given, and {@code name=text} /
 *       {@code name:=json} arguments build one JSON object, both {@code application/json};</li>
 *   <li>{@code -F} fields and files are one {@code multipart/form-data} body ({@link MultipartArgs}).</li>
 * </ul>
 * Kinds cannot be mixed and raw data is given once; {@code -H 'Content-Type: ...'} overrides the type.
 */
final class RequestBodies {
    /** Made on first use: building an ObjectMapper costs tens of milliseconds of a command's start. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private RequestBodies() {
    }

    /**
     * The body the arguments describe, or null for none.
     *
     * @param data the {@code -d} arguments
     * @param dataRaw the {@code --data-raw} arguments
     * @param json the {@code --json} argument, or null
     * @param fields the {@code name=text} and {@code name:=json} arguments
     * @param forms the {@code -F} arguments
     * @param stdin what {@code @-} reads
     */
    static Body build(List<String> data, List<String> dataRaw, String json, List<CallArgs.JsonField> fields,
                      List<String> forms, InputStream stdin) {
        if (!forms.isEmpty()) {
            if (!data.isEmpty() || !dataRaw.isEmpty() || json != null || !fields.isEmpty()) {
                throw CliException.usage("-F (a multipart form) cannot be combined with -d, --data-raw, --json or "
                        + "name=value / name:=json fields: give one kind of body");
            }
            return MultipartArgs.build(forms, stdin);
        }
        StringBuilder form = new StringBuilder();
        int formFields = 0;
        Body raw = null;
        String rawFrom = null;
        for (String d : data) {
            if (d.startsWith("@")) {
                checkOnce(raw, rawFrom, "-d " + d);
                raw = fileBody(d.substring(1), "-d", stdin);
                rawFrom = "-d " + d;
            } else if (d.indexOf('=') > 0) {
                int eq = d.indexOf('=');
                if (formFields++ > 0) {
                    form.append('&');
                }
                form.append(URLEncoder.encode(d.substring(0, eq), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(d.substring(eq + 1), StandardCharsets.UTF_8));
            } else if (d.startsWith("=")) {
                throw CliException.usage("-d '" + d + "' has no field name before the '=' (use --data-raw to send it as it is)");
            } else {
                checkOnce(raw, rawFrom, "-d " + d);
                raw = Body.text(d);
                rawFrom = "-d " + d;
            }
        }
        for (String d : dataRaw) {
            checkOnce(raw, rawFrom, "--data-raw " + d);
            raw = Body.text(d);
            rawFrom = "--data-raw " + d;
        }
        boolean hasJson = json != null || !fields.isEmpty();
        int kinds = (formFields > 0 ? 1 : 0) + (raw != null ? 1 : 0) + (hasJson ? 1 : 0);
        if (kinds > 1) {
            throw CliException.usage("give one kind of body: form fields (-d name=value), raw data "
                    + "(-d @FILE, -d TEXT, --data-raw TEXT) or JSON (--json, name=value, name:=json), not several");
        }
        if (formFields > 0) {
            return Body.bytes(form.toString().getBytes(StandardCharsets.US_ASCII), Body.FORM);
        }
        if (raw != null) {
            return raw;
        }
        if (json != null && !fields.isEmpty()) {
            throw CliException.usage("give JSON either with --json or as name=value / name:=json fields, not both");
        }
        if (json != null) {
            return jsonBody(json, stdin);
        }
        if (!fields.isEmpty()) {
            return fieldsBody(fields);
        }
        return null;
    }

    private static void checkOnce(Body raw, String rawFrom, String now) {
        if (raw != null) {
            throw CliException.usage("raw data can be given once; got " + rawFrom + " and " + now);
        }
    }

    private static Body fileBody(String name, String option, InputStream stdin) {
        if (name.equals("-")) {
            return Body.bytes(readStdin(stdin), "application/octet-stream");
        }
        Path path = Path.of(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new CliException(ExitCodes.READ, option + " @" + name + ": no readable file " + path.toAbsolutePath());
        }
        return Body.file(path, probeType(path));
    }

    /** The type the platform guesses from a file's name, else {@code application/octet-stream}. */
    static String probeType(Path path) {
        String type;
        try {
            type = Files.probeContentType(path);
        } catch (IOException e) {
            type = null;
        }
        return type == null ? Body.OCTET_STREAM : type;
    }

    /** All of standard input; a failure to read it is exit code 26. */
    static byte[] readStdin(InputStream stdin) {
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw new CliException(ExitCodes.READ, "cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static Body jsonBody(String json, InputStream stdin) {
        String text;
        if (json.startsWith("@")) {
            String name = json.substring(1);
            if (name.equals("-")) {
                text = new String(readStdin(stdin), StandardCharsets.UTF_8);
            } else {
                try {
                    text = Files.readString(Path.of(name));
                } catch (IOException e) {
                    throw new CliException(ExitCodes.READ, "--json @" + name + ": cannot read " + e.getMessage(), e);
                }
            }
        } else {
            text = json;
        }
        String problem = JsonSyntax.problem(text);
        if (problem != null) {
            throw CliException.usage("--json is not valid JSON: " + problem);
        }
        return Body.json(text);
    }

    private static Body fieldsBody(List<CallArgs.JsonField> fields) {
        ObjectNode object = Mapper.MAPPER.createObjectNode();
        for (CallArgs.JsonField f : fields) {
            if (!f.raw()) {
                object.put(f.name(), f.value());
                continue;
            }
            if (f.value().isBlank()) {
                throw CliException.usage("JSON field " + f.name() + ":= has no value");
            }
            String problem = JsonSyntax.problem(f.value());
            if (problem != null) {
                throw CliException.usage("JSON field " + f.name() + ":=" + f.value() + ": the value is not JSON ("
                        + problem + "); quote a string as name:='\"text\"' or use name=text");
            }
            JsonNode value;
            try {
                value = Mapper.MAPPER.readTree(f.value());
            } catch (JsonProcessingException e) {
                throw CliException.usage("JSON field " + f.name() + ":=" + f.value() + ": the value cannot be read");
            }
            object.set(f.name(), value);
        }
        try {
            return Body.json(Mapper.MAPPER.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
    }
}
