package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line habits as a person at a terminal sees them, through a real pseudo-terminal
 * (tmux): {@code spool get URL | cat} leaves only the body on the screen, URLs without a scheme,
 * JSON errors, {@code -v}'s order, the download bar's last line and rate, help.
 */
@Timeout(240)
class HabitsTerminalTest {
    /** One state of the download bar: name, percentage, bar, size, times, rate. */
    private static final Pattern BAR = Pattern.compile("big\\.bin 100% │█+│ (\\d+)/\\1 KiB \\(\\d:\\d\\d:\\d\\d / 0:00:00\\) "
            + "[0-9.]+ (B|KiB|MiB|GiB)/s");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() {
        Tmux.require();
    }

    @Test
    void pipedFromATerminalOnlyTheBodyGoesThroughAndNoHeadReachesTheScreen() {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t1"))) {
            server.dispatcher(q -> new MockResponse().header("Content-Type", "application/json").header("X-Kind", "test")
                    .body("{\"path\":\"" + q.path() + "\"}\n"));
            String text = Tmux.plain(tmux.runPiped("cat", "get", server.url("/a")));
            assertEquals("{\"path\":\"/a\"}\n[exit 0]", text.strip(), "stderr is this terminal: nothing but the body shows");
        }
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t2"))) {
            server.dispatcher(q -> new MockResponse().header("X-Kind", "test").body("text\n"));
            String text = Tmux.plain(tmux.runPiped("cat", "get", "-i", server.url("/i")));
            assertTrue(text.startsWith("HTTP/1.1 200 OK\n"), "-i: the head goes down the pipe, before the body: " + text);
            assertTrue(text.contains("\nX-Kind: test\n"), text);
            assertTrue(text.contains("\n\ntext\n[exit 0]"), text);
        }
    }

    @Test
    void atATerminalTheHeadStillShowsUnlessPrintSaysOtherwise() {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t3"))) {
            server.dispatcher(q -> new MockResponse().header("X-Kind", "test").body("text\n"));
            String text = Tmux.plain(tmux.run("get", "--print", "b", server.url("/b")));
            assertEquals("text\n[exit 0]", text.strip(), text);
        }
    }

    @Test
    void aUrlWithoutSchemeIsHttpAndAMistypedSchemeIsNamed() {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t4"))) {
            server.dispatcher(q -> new MockResponse().body("got " + q.path() + "\n"));
            String ok = Tmux.plain(tmux.run("get", "127.0.0.1:" + server.port() + "/x"));
            assertTrue(ok.contains("HTTP/1.1 200 OK\n") && ok.contains("\ngot /x\n[exit 0]"), ok);
        }
        try (Tmux tmux = new Tmux(sub("t5"))) {
            String typo = Tmux.plain(tmux.run("get", "htp://127.0.0.1:1/y"));
            assertEquals("spool: URL \"htp://127.0.0.1:1/y\": unknown scheme htp; did you mean http?\n[exit 3]", typo.strip());
        }
    }

    @Test
    void aJsonSyntaxErrorIsInWords() {
        try (Tmux tmux = new Tmux(sub("t6"))) {
            String text = Tmux.plain(tmux.run("post", "--json", "{\"a\" 1}", "http://127.0.0.1:1/"));
            assertTrue(text.startsWith("spool: --json is not valid JSON: line 1, column 6: expected ':' after the name \"a\", "
                    + "found '1'\n"), text);
            assertTrue(text.contains("[exit 2]"), text);
            assertFalse(HabitsTest.FOREIGN.matcher(text).find(), text);
        }
    }

    @Test
    void verboseShowsTheRequestBeforeItsResponseAndAWarmFirstPoolWait() {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t7"))) {
            String text = Tmux.plain(tmux.run("get", "-v", server.url("/a")));
            assertTrue(text.contains("[exit 0]"), text);
            int request = text.indexOf("> GET /a HTTP/1.1\n");
            int response = text.indexOf("DEBUG http://127.0.0.1:" + server.port() + " \"GET /a HTTP/1.1\" 200");
            int head = text.indexOf("HTTP/1.1 200 OK\n");
            assertTrue(request >= 0 && response > request && head > response, "request, the library's line, then the head: " + text);
            Matcher m = HabitsTest.POOL_WAIT.matcher(text);
            assertTrue(m.find(), text);
            assertTrue(Double.parseDouble(m.group(1)) < 10.0, "the first pool wait measures the pool, not class loading: " + text);
        }
    }

    @Test
    void theDownloadBarDrawsItsLastLineOnceWithARateEvenWhenFast() throws Exception {
        byte[] file = new byte[4 << 20];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 7);
        }
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t8"))) {
            server.dispatcher(q -> q.path().equals("/fast/big.bin") ? new MockResponse().body(file)
                    : new MockResponse().body(new byte[256 * 1024]).throttle(32 * 1024, Duration.ofMillis(30)));
            Path fast = dir.resolve("fast");
            Files.createDirectories(fast);
            String text = Tmux.plain(tmux.run("download", server.url("/fast/big.bin"), "-o", fast.resolve("big.bin").toString()));
            assertTrue(text.contains("[exit 0]"), text);
            assertEquals(1, count(BAR, text), "the last line once, with its rate, though the transfer took well under a second: " + text);
            assertEquals(2, count(Pattern.compile("big\\.bin"), text), "the bar's line and the summary only: " + text);
            assertArrayEquals(file, Files.readAllBytes(fast.resolve("big.bin")));
        }
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(sub("t9"))) {
            server.dispatcher(q -> new MockResponse().body(new byte[256 * 1024]).throttle(32 * 1024, Duration.ofMillis(30)));
            Path slow = dir.resolve("slow");
            Files.createDirectories(slow);
            String text = Tmux.plain(tmux.run("download", server.url("/big.bin"), "-o", slow.resolve("big.bin").toString()));
            assertTrue(text.contains("[exit 0]"), text);
            assertEquals(1, count(BAR, text), "redrawn in place, ended once: " + text);
            assertTrue(text.matches("(?s)big\\.bin 100% [^\n]*\nspool: saved [^\n]*\n\\[exit 0\\].*"), text);
        }
    }

    @Test
    void helpAtATerminalIsInSpoolsOwnWords() {
        try (Tmux tmux = new Tmux(sub("t10"))) {
            String text = Tmux.plain(tmux.run("compare", "--help"));
            assertTrue(text.startsWith("Usage: spool compare "), text);
            Matcher foreign = HabitsTest.FOREIGN.matcher(text);
            assertFalse(foreign.find(), text);
        }
        try (Tmux tmux = new Tmux(sub("t11"))) {
            String text = Tmux.plain(tmux.run("get", "--help"));
            assertTrue(text.startsWith("Usage: spool get "), text);
            assertFalse(HabitsTest.FOREIGN.matcher(text).find(), text);
        }
    }

    /** A folder of its own for each tmux server of a test. */
    private Path sub(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
