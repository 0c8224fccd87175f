package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl's and HTTPie's command-line habits, run as processes with standard output piped (not a
 * terminal): the body alone on stdout and a quiet stderr, URLs without a scheme, JSON errors in
 * words, {@code -v}'s order and warm timings, help in spool's own words.
 */
@Timeout(180)
class HabitsTest {
    static final Pattern POOL_WAIT = Pattern.compile("\\* timings: pool wait ([0-9.]+) ms");
    /** Words that would be the library's or Java's, not spool's. */
    static final Pattern FOREIGN = Pattern.compile(
            "picocli|jackson|fasterxml|tongfei|dev\\.spool|java\\.|Session\\.|Builder|RequestBuilder|Auth\\.|"
                    + "\\b(int|Integer|String|Path|Duration|boolean|List|Exception)\\b");

    @TempDir
    Path dir;

    @Test
    void pipedOutputIsTheBodyAloneAndStderrStaysQuiet() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().header("Content-Type", "application/json").header("X-Kind", "test")
                    .body("{\"path\":\"" + q.path() + "\"}"));
            Cli.Result r = Cli.run("get", server.url("/a"), server.url("/b"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("{\"path\":\"/a\"}{\"path\":\"/b\"}", r.stdout(), "the bodies, as received");
            assertEquals("", r.stderr(), "nothing but errors on stderr unless asked");

            Cli.Result head = Cli.run("head", server.url("/h"));
            assertEquals("", head.stdout());
            assertTrue(head.stderr().startsWith("HTTP/1.1 200 OK\n"), "head's head is what there is to show: " + head.stderr());
        }
    }

    @Test
    void includeWritesTheHeadToStdoutBeforeTheBodyAsCurlDoes() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().header("X-Kind", "test").body("text\n"));
            Cli.Result r = Cli.run("get", "-i", server.url("/i"));
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stdout().startsWith("HTTP/1.1 200 OK\n"), r.stdout());
            assertTrue(r.stdout().contains("\nX-Kind: test\n"), r.stdout());
            assertTrue(r.stdout().endsWith("\n\ntext\n"), "an empty line, then the body: " + r.stdout());
            assertEquals("", r.stderr());
        }
    }

    @Test
    void printChoosesWhatShows() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().header("X-Kind", "test").body("body of " + q.path() + "\n"));
            Cli.Result heads = Cli.run("get", "--print", "h", server.url("/a"), server.url("/b"));
            assertEquals(0, heads.exit(), heads.toString());
            assertEquals("", heads.stdout(), "no b: no body");
            assertEquals(2, count(heads.stderr(), "HTTP/1.1 200 OK\n"), heads.stderr());
            assertEquals(1, server.connectionCount(), "an unshown body is still read, so the connection is reused");

            Cli.Result request = Cli.run("get", "--print=Hb", server.url("/c"));
            assertEquals("body of /c\n", request.stdout());
            assertTrue(request.stderr().startsWith("> GET /c HTTP/1.1\n> Host: 127.0.0.1:" + server.port() + "\n"), request.stderr());
            assertFalse(request.stderr().contains("HTTP/1.1 200"), "no h: no response head: " + request.stderr());

            Cli.Result bad = Cli.run("get", "--print", "hx", server.url("/d"));
            assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
            assertTrue(bad.stderr().startsWith("spool: --print takes the letters H (request head), h (response head) and b (body), "
                    + "got 'x' in 'hx'\n"), bad.stderr());
        }
    }

    @Test
    void aUrlWithoutSchemeIsHttpAndAMistypedSchemeIsNamed() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().body("got " + q.path() + "\n"));
            Cli.Result r = Cli.run("get", "127.0.0.1:" + server.port() + "/x");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("got /x\n", r.stdout());

            Cli.Result typo = Cli.run("get", "htp://127.0.0.1:" + server.port() + "/y");
            assertEquals(ExitCodes.BAD_REQUEST, typo.exit(), typo.toString());
            assertEquals("spool: URL \"htp://127.0.0.1:" + server.port() + "/y\": unknown scheme htp; did you mean http?\n", typo.stderr());
            assertFalse(typo.stderr().contains("port"), "no question about a port: " + typo.stderr());

            Cli.Result later = Cli.run("get", server.url("/first"), "htps://127.0.0.1:" + server.port() + "/z");
            assertEquals(ExitCodes.BAD_REQUEST, later.exit(), later.toString());
            assertTrue(later.stderr().contains("unknown scheme htps; did you mean https?"), later.stderr());
            assertEquals(1, server.requestCount(), "every URL is checked before the first is sent");

            Path saved = dir.resolve("f.txt");
            Cli.Result download = Cli.run("download", "127.0.0.1:" + server.port() + "/f.txt", "-o", saved.toString());
            assertEquals(0, download.exit(), download.toString());
            assertEquals("got /f.txt\n", read(saved));
        }
    }

    @Test
    void aJsonSyntaxErrorSaysWhereAndWhatWasExpectedInWords() {
        Cli.Result r = Cli.run("post", "--json", "{\n  \"name\": \"spool\",\n  \"n\" 1\n}", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.stderr().startsWith("spool: --json is not valid JSON: line 3, column 7: expected ':' after the name \"n\", "
                + "found '1'\n"), r.stderr());
        assertFalse(FOREIGN.matcher(r.stderr()).find(), "no parser internals: " + r.stderr());
        assertFalse(r.stderr().contains("Source:") || r.stderr().contains("(code "), r.stderr());

        Cli.Result field = Cli.run("post", "http://127.0.0.1:1/", "tags:=[1,2");
        assertEquals(ExitCodes.USAGE, field.exit(), field.toString());
        assertTrue(field.stderr().startsWith("spool: JSON field tags:=[1,2: the value is not JSON (line 1, column 5: expected ',' "
                + "or ']' after an array element, found the end of the text)"), field.stderr());
    }

    @Test
    void verbosePrintsEachRequestBeforeItsResponseAndTheFirstPoolWaitIsWarm() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> q.path().equals("/moved") ? new MockResponse().status(302).header("Location", "/final").body("")
                    : new MockResponse().body("ok"));
            String origin = "http://127.0.0.1:" + server.port();
            Cli.Result r = Cli.run("get", "-v", server.url("/moved"), server.url("/again"));
            assertEquals(0, r.exit(), r.toString());
            String err = r.stderr();
            for (String path : List.of("/moved", "/final", "/again")) {
                int request = err.indexOf("> GET " + path + " HTTP/1.1\n");
                int response = err.indexOf("DEBUG " + origin + " \"GET " + path + " HTTP/1.1\"");
                assertTrue(request >= 0 && response > request, path + ": the request, then the library's line about its response: " + err);
            }
            assertTrue(err.startsWith("DEBUG Starting new HTTP connection (1): 127.0.0.1:" + server.port()
                    + "\nDEBUG New connection (1) because no connection to " + origin + " yet (FIRST)\n> GET /moved"),
                    "the throwaway warm-up exchange is not shown, and the user's connection is number 1: " + err);
            Matcher m = POOL_WAIT.matcher(err);
            assertTrue(m.find(), err);
            double first = Double.parseDouble(m.group(1));
            // Loading the pool's classes cost 20 ms and more here before the warm-up; an empty pool answers in microseconds.
            assertTrue(first < 10.0, "the first request's pool wait measures the pool, not class loading: " + err);
        }
    }

    @Test
    void helpIsInSpoolsOwnWordsAndCompareIsTitledAsItself() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"get", "--help"}, new String[] {"post", "--help"},
                new String[] {"download", "--help"}, new String[] {"compare", "--help"}, new String[] {"demo", "--help"})) {
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.exit(), r.toString());
            Matcher foreign = FOREIGN.matcher(r.stdout());
            assertFalse(foreign.find(), String.join(" ", args) + " names '" + (foreign.hitEnd() ? "" : foreign.group()) + "': " + r.stdout());
        }
        assertTrue(Cli.run("compare", "--help").stdout().startsWith("Usage: spool compare "));
        Cli.Result notANumber = Cli.run("compare", "-n", "many", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, notANumber.exit(), notANumber.toString());
        assertTrue(notANumber.stderr().contains("'many' is not a whole number"), notANumber.stderr());
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("compare", server.url("/c"), "-n", "2");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stdout().startsWith("spool compare: 2 GETs to " + server.url("/c") + ", one-shot calls vs one session\n"),
                    r.stdout());
        }
    }

    @Test
    void pipedDownloadPrintsNoBarOnlyItsSummary() throws Exception {
        byte[] file = new byte[200_000];
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().body(file));
            Path out = dir.resolve("d.bin");
            Cli.Result r = Cli.run("download", server.url("/d.bin"), "-o", out.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals(1, count(r.stderr(), "\n"), "one line: " + r.stderr());
            assertTrue(r.stderr().startsWith("spool: saved " + out + " (195.3 KiB; 195.3 KiB received in "), r.stderr());
            assertEquals(file.length, Files.size(out));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
