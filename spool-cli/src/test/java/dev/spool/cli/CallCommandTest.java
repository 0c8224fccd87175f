package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool get|post|...} run as a process against a loopback MockServer: output, requests sent, reuse. */
@Timeout(120)
class CallCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void threeUrlsInOneCommandShareOneConnection() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(r -> new MockResponse().body("body of " + r.path() + "\n"));
            Cli.Result r = Cli.run("get", "--print", "hb", server.url("/a"), server.url("/b"), server.url("/c"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("body of /a\nbody of /b\nbody of /c\n", r.stdout(), "bodies on stdout, in order, as sent");
            assertEquals(3, count(r.stderr(), "HTTP/1.1 200 OK"), "status lines go to stderr: " + r);
            assertEquals(3, server.requestCount());
            assertEquals(1, server.connectionCount(), "one session: the second and third requests reuse the first connection");
        }
    }

    @Test
    void verboseShowsTheLibraryLinesAndWhichConnectionServedEachRequest() {
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("get", "-v", server.url("/a"), server.url("/b"), server.url("/c"));
            assertEquals(0, r.exit(), r.toString());
            String origin = "127.0.0.1:" + server.port();
            assertEquals(1, count(r.stderr(), "DEBUG Starting new HTTP connection (1): " + origin), r.stderr());
            assertFalse(r.stderr().contains("connection (2)"), r.stderr());
            for (String path : List.of("/a", "/b", "/c")) {
                assertTrue(r.stderr().contains("DEBUG http://" + origin + " \"GET " + path + " HTTP/1.1\" 200 2"), r.stderr());
                assertTrue(r.stderr().contains("> GET " + path + " HTTP/1.1"), r.stderr());
            }
            assertEquals(1, count(r.stderr(), "* connection 1 to http://" + origin + " (new)"), r.stderr());
            assertEquals(1, count(r.stderr(), "; opened because no connection to http://" + origin + " yet (FIRST)"), r.stderr());
            assertEquals(1, count(r.stderr(), "DEBUG New connection (1) because no connection to http://" + origin
                    + " yet (FIRST)"), r.stderr());
            assertEquals(2, count(r.stderr(), "* connection 1 to http://" + origin + " (reused)"), r.stderr());
            assertEquals("okokok", r.stdout());
            assertEquals(1, server.connectionCount());

            Matcher t = TIMINGS.matcher(r.stderr());
            List<double[]> timings = new java.util.ArrayList<>();
            while (t.find()) {
                double[] ms = new double[6];
                for (int i = 0; i < 6; i++) {
                    ms[i] = Double.parseDouble(t.group(i + 1));
                }
                timings.add(ms);
                assertTrue(r.stderr().lastIndexOf("HTTP/1.1 200 OK", t.start()) > r.stderr().lastIndexOf("* connection 1", t.start()),
                        "each timings line comes after its connection facts and head, when the body has ended: " + r.stderr());
            }
            assertEquals(3, timings.size(), r.stderr());
            for (double[] ms : timings) {
                assertEquals(0.0, ms[3], "plain HTTP has no TLS phase: " + r.stderr());
                assertTrue(ms[5] >= ms[4] && ms[5] >= ms[0], "the total includes the first byte and the pool wait: " + r.stderr());
            }
            for (double[] reused : timings.subList(1, 3)) {
                assertEquals(0.0, reused[1] + reused[2], "a reused connection spends nothing on DNS or connect: " + r.stderr());
            }
        }
    }

    /** {@code * timings: pool wait P ms, DNS D ms, connect C ms, TLS T ms, first byte F ms, total X ms}. */
    private static final Pattern TIMINGS = Pattern.compile("\\* timings: pool wait ([0-9.]+) ms, DNS ([0-9.]+) ms, "
            + "connect ([0-9.]+) ms, TLS ([0-9.]+) ms, first byte ([0-9.]+) ms, total ([0-9.]+) ms\n");

    @Test
    void headersParamsAndFormFieldsReachTheServer() throws Exception {
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("post", server.url("/form?x=1"), "-H", "X-Trace: abc", "-H", "User-Agent:",
                    "-p", "q=a b", "-p", "q=2", "-d", "name=Zoë", "-d", "note=a&b=c", "-d", "name=again");
            assertEquals(0, r.exit(), r.toString());
            RecordedRequest q = server.takeRequest(WAIT);
            assertEquals("POST", q.method());
            assertEquals("/form?x=1&q=a+b&q=2", q.target(), "parameters appended, encoded by the library");
            assertEquals("abc", q.header("X-Trace"));
            assertNull(q.header("User-Agent"), "'User-Agent:' removes the session's default header");
            assertEquals("application/x-www-form-urlencoded", q.header("Content-Type"));
            assertEquals("name=Zo%C3%AB&note=a%26b%3Dc&name=again", q.bodyText(),
                    "form fields in order, repeated names kept, '&' and '=' in a value encoded");
        }
    }

    @Test
    void jsonFieldsBuildOneObjectAndAskForJson() throws Exception {
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("put", server.url("/j"), "name=spool", "count:=3", "ok:=true", "tags:=[\"a\",\"b\"]");
            assertEquals(0, r.exit(), r.toString());
            RecordedRequest q = server.takeRequest(WAIT);
            assertEquals("PUT", q.method());
            assertEquals("{\"name\":\"spool\",\"count\":3,\"ok\":true,\"tags\":[\"a\",\"b\"]}", q.bodyText());
            assertEquals("application/json", q.header("Content-Type"));
            assertEquals("application/json, */*;q=0.5", q.header("Accept"));
        }
    }

    @Test
    void rawJsonIsSentAsGivenToEveryUrl() throws Exception {
        try (MockServer server = MockServer.start()) {
            String json = "{ \"k\" : [1, 2] }";
            Cli.Result r = Cli.run("patch", "--json", json, server.url("/1"), server.url("/2"));
            assertEquals(0, r.exit(), r.toString());
            for (String path : List.of("/1", "/2")) {
                RecordedRequest q = server.takeRequest(WAIT);
                assertEquals(path, q.path());
                assertEquals(json, q.bodyText());
            }
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void rawDataComesFromAFileStandardInputOrTheArgument() throws Exception {
        try (MockServer server = MockServer.start()) {
            byte[] bytes = new byte[3000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            Path file = Files.write(dir.resolve("data.bin"), bytes);
            assertEquals(0, Cli.run("post", server.url("/f"), "-d", "@" + file).exit());
            RecordedRequest q = server.takeRequest(WAIT);
            assertArrayEquals(bytes, q.body());
            assertEquals(String.valueOf(bytes.length), q.header("Content-Length"));

            assertEquals(0, Cli.run("from stdin".getBytes(StandardCharsets.UTF_8), null,
                    "post", server.url("/s"), "-d", "@-", "-H", "Content-Type: text/x-note").exit());
            q = server.takeRequest(WAIT);
            assertEquals("from stdin", q.bodyText());
            assertEquals("text/x-note", q.header("Content-Type"), "-H Content-Type overrides the raw body's type");

            assertEquals(0, Cli.run("post", server.url("/t"), "--data-raw", "a=1&b=2").exit());
            q = server.takeRequest(WAIT);
            assertEquals("a=1&b=2", q.bodyText(), "--data-raw sends '=' as it is");
            assertEquals("text/plain; charset=utf-8", q.header("Content-Type"));
        }
    }

    @Test
    void pipedJsonPassesThroughUntouchedAndFormatIsOnRequest() {
        String json = "{\"a\":[1,{\"b\":null}],\"s\":\"x\"}";
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().header("Content-Type", "application/json").body(json));
            Cli.Result raw = Cli.run("get", server.url("/"));
            assertEquals(json, raw.stdout(), "piped: the bytes as received, no colours");
            assertFalse(raw.stderr().contains("\u001b["), "no colours on a pipe: " + raw.stderr());

            Cli.Result formatted = Cli.run("get", "--pretty=format", server.url("/"));
            assertEquals("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"s\": \"x\"\n}\n", formatted.stdout());

            Cli.Result coloured = Cli.run("get", "--pretty=all", "--print=hb", server.url("/"));
            assertTrue(coloured.stdout().contains("\u001b[1;34m\"a\"\u001b[0m"), coloured.stdout());
            assertTrue(coloured.stderr().startsWith("\u001b[1;32mHTTP/1.1 200 OK"), coloured.stderr());
        }
    }

    @Test
    void binaryBodiesArePipedIntact() {
        byte[] bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().header("Content-Type", "application/octet-stream").body(bytes));
            Cli.Result r = Cli.run("get", server.url("/bin"));
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(bytes, r.stdoutBytes());
        }
    }

    @Test
    void headShowsTheHeadOnlyAndFailTurnsAnErrorStatusIntoExit22() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> q.path().equals("/missing")
                    ? new MockResponse().status(404).body("no such thing\n")
                    : new MockResponse().header("X-Size", "12").body("twelve bytes"));
            Cli.Result head = Cli.run("head", server.url("/"));
            assertEquals(0, head.exit(), head.toString());
            assertEquals("", head.stdout());
            assertTrue(head.stderr().contains("X-Size: 12"), head.stderr());

            Cli.Result plain = Cli.run("get", server.url("/missing"));
            assertEquals(0, plain.exit(), "without --fail an HTTP error status is still a successful exchange: " + plain);
            assertEquals("no such thing\n", plain.stdout());

            Cli.Result failing = Cli.run("get", "--fail", server.url("/missing"), server.url("/never"));
            assertEquals(ExitCodes.HTTP_ERROR, failing.exit(), failing.toString());
            assertEquals("no such thing\n", failing.stdout(), "the response is shown, then the command stops");
            assertTrue(failing.stderr().contains("spool: HTTP 404 Not Found from " + server.url("/missing")), failing.stderr());
            assertTrue(server.recordedRequests().stream().noneMatch(q -> q.path().equals("/never")),
                    "the URL after the failing one is not requested");
        }
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
