package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a person at a terminal sees, through a real pseudo-terminal (tmux): colours, pretty JSON, the progress bar, the password prompt. */
@Timeout(180)
class TerminalTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() {
        Tmux.require();
    }

    @Test
    void jsonIsIndentedAndColouredAndBinaryIsKeptOffTheScreen() {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(dir)) {
            server.dispatcher(q -> q.path().equals("/json")
                    ? new MockResponse().header("Content-Type", "application/json").body("{\"name\":\"spool\",\"n\":[1,true]}")
                    : new MockResponse().header("Content-Type", "image/png").body(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}));
            String screen = tmux.run("get", server.url("/json"), server.url("/logo.png"));
            String text = Tmux.plain(screen);
            assertTrue(text.contains("[exit 0]"), screen);
            assertTrue(text.contains("{\n  \"name\": \"spool\",\n  \"n\": [\n    1,\n    true\n  ]\n}\n"), text);
            assertTrue(screen.contains("\u001b[34m\"name\""), "keys in blue: " + screen);
            assertTrue(screen.contains("\u001b[32m\"spool\""), "strings in green: " + screen);
            assertTrue(screen.contains("\u001b[32mHTTP/1.1 200 OK"), "a 2xx status line in green: " + screen);
            assertTrue(text.contains("spool: binary body not shown (7 B, image/png); save it with > FILE or spool download"), text);
            assertFalse(text.contains("PNG"), "the binary bytes stay off the screen: " + text);
        }
    }

    @Test
    void downloadDrawsAProgressBar() throws Exception {
        byte[] file = new byte[512 * 1024];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) i;
        }
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(dir)) {
            // 16 KiB every 60 ms, about 2 s: the bar redraws many times, and the library shows a rate
            // once a whole second has passed.
            server.dispatcher(q -> new MockResponse().body(file).throttle(16 * 1024, Duration.ofMillis(60)));
            Path out = dir.resolve("big.bin");
            String screen = tmux.run("download", server.url("/big.bin"), "-o", out.toString());
            String text = Tmux.plain(screen);
            assertTrue(text.contains("[exit 0]"), screen);
            assertTrue(text.matches("(?s).*big\\.bin 100% .*█+.* 512/512 KiB \\(\\d:\\d\\d:\\d\\d / \\d:\\d\\d:\\d\\d\\) [0-9.]+ KiB/s.*"),
                    "task, percentage, bar, size, elapsed / ETA, rate: " + text);
            assertTrue(text.contains("spool: saved " + out + " (512.0 KiB; 512.0 KiB received in "), text);
            assertArrayEquals(file, Files.readAllBytes(out));
        }
    }

    @Test
    void aMissingPasswordIsAskedForAtATerminalWithoutEcho() throws Exception {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(dir)) {
            String screen = tmux.runAnswering("Enter host password for user 'alice': ", "s3cret word",
                    "get", "-u", "alice", server.url("/private"));
            String text = Tmux.plain(screen);
            assertTrue(text.contains("[exit 0]"), screen);
            assertTrue(text.startsWith("Enter host password for user 'alice': \n"), "curl's prompt, on its own line: " + text);
            assertFalse(text.contains("s3cret"), "the password is not echoed: " + text);
            assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret word".getBytes(StandardCharsets.UTF_8)),
                    server.takeRequest(Duration.ofSeconds(5)).header("Authorization"));
        }
    }

    @Test
    void verboseShowsWhyEachNewConnectionWasOpened() {
        try (MockServer server = MockServer.start(); Tmux tmux = new Tmux(dir)) {
            server.enqueue(new MockResponse().body("one").closeConnection());
            server.enqueue(new MockResponse().body("two"));
            String screen = tmux.run("get", "-v", server.url("/1"), server.url("/2"));
            String text = Tmux.plain(screen);
            String origin = "http://127.0.0.1:" + server.port();
            assertTrue(text.contains("[exit 0]"), screen);
            assertTrue(text.replace("\n", "").contains("; opened because connection 1 was not kept: the last response on it "
                    + "asked for Connection: close (NOT_KEPT)"), text);
            assertTrue(text.replace("\n", "").contains("; opened because no connection to " + origin + " yet (FIRST)"), text);
        }
    }
}
