package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The body rule: form fields, raw data, JSON; one kind; errors that say what was wrong. */
class RequestBodiesTest {
    private static final InputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    @TempDir
    Path dir;

    @Test
    void noBodyArgumentsMeanNoBody() {
        assertNull(RequestBodies.build(List.of(), List.of(), null, List.of(), List.of(), NO_INPUT));
    }

    @Test
    void formFieldsAreEncodedInOrderWithRepeats() throws IOException {
        Body b = build(List.of("a=1", "b=x y", "a=2", "q=a&b=c", "e="), List.of(), null, List.of());
        assertEquals(Body.FORM, b.contentType());
        assertEquals("a=1&b=x+y&a=2&q=a%26b%3Dc&e=", text(b));
    }

    @Test
    void rawDataFromTextFileOrStandardInput() throws IOException {
        Body inline = build(List.of("just text"), List.of(), null, List.of());
        assertEquals("just text", text(inline));
        assertEquals(Body.TEXT_PLAIN, inline.contentType());

        Body raw = build(List.of(), List.of("a=1&b=@x"), null, List.of());
        assertEquals("a=1&b=@x", text(raw));

        Path file = Files.writeString(dir.resolve("payload.json"), "{\"from\":\"file\"}");
        Body fromFile = build(List.of("@" + file), List.of(), null, List.of());
        assertEquals("{\"from\":\"file\"}", text(fromFile));
        assertEquals(15, fromFile.contentLength());
        assertTrue(fromFile.isReplayable(), "a file body can go to every URL");

        Body stdin = RequestBodies.build(List.of("@-"), List.of(), null, List.of(), List.of(),
                new ByteArrayInputStream("piped".getBytes(StandardCharsets.UTF_8)));
        assertEquals("piped", text(stdin));
        assertEquals("application/octet-stream", stdin.contentType());
    }

    @Test
    void jsonAsGivenOrBuiltFromFields() throws IOException {
        Body given = build(List.of(), List.of(), "[1, 2]", List.of());
        assertEquals("[1, 2]", text(given));
        assertEquals(Body.JSON, given.contentType());

        Body fields = build(List.of(), List.of(), null, List.of(new CallArgs.JsonField("s", "1", false),
                new CallArgs.JsonField("n", "1", true), new CallArgs.JsonField("o", "{\"k\":[null]}", true)));
        assertEquals("{\"s\":\"1\",\"n\":1,\"o\":{\"k\":[null]}}", text(fields));

        Path file = Files.writeString(dir.resolve("j.json"), "{\"a\":true}");
        assertEquals("{\"a\":true}", text(build(List.of(), List.of(), "@" + file, List.of())));
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatWasWrong() {
        assertUsage("give one kind of body", List.of("a=1", "raw"), List.of(), null, List.of());
        assertUsage("give one kind of body", List.of("a=1"), List.of(), "{}", List.of());
        assertUsage("raw data can be given once; got -d one and --data-raw two", List.of("one"), List.of("two"), null, List.of());
        assertUsage("-d '=x' has no field name before the '='", List.of("=x"), List.of(), null, List.of());
        assertUsage("--json is not valid JSON", List.of(), List.of(), "{\"a\":1} trailing", List.of());
        assertUsage("give JSON either with --json or as name=value / name:=json fields, not both", List.of(), List.of(), "{}",
                List.of(new CallArgs.JsonField("a", "1", false)));
        assertUsage("JSON field n:=abc: the value is not JSON", List.of(), List.of(), null,
                List.of(new CallArgs.JsonField("n", "abc", true)));
    }

    @Test
    void aMissingFileIsAReadError() {
        CliException e = assertThrows(CliException.class,
                () -> build(List.of("@" + dir.resolve("missing.bin")), List.of(), null, List.of()));
        assertEquals(ExitCodes.READ, e.exitCode());
        assertTrue(e.getMessage().startsWith("-d @" + dir.resolve("missing.bin") + ": no readable file"), e.getMessage());
    }

    private static void assertUsage(String start, List<String> data, List<String> raw, String json, List<CallArgs.JsonField> fields) {
        CliException e = assertThrows(CliException.class, () -> build(data, raw, json, fields));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static Body build(List<String> data, List<String> raw, String json, List<CallArgs.JsonField> fields) {
        return RequestBodies.build(data, raw, json, fields, List.of(), NO_INPUT);
    }

    private static String text(Body b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
