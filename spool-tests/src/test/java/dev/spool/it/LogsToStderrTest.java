package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Logs;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Logs#toStderr()} prints exactly the log lines the README shows, on standard error. */
@Timeout(30)
class LogsToStderrTest {
    /** The README's block of log lines, for a server on port 8080 (README.md, "Seeing the log lines"). */
    static final List<String> README_LINES = List.of(
            "DEBUG Starting new HTTP connection (1): 127.0.0.1:8080",
            "DEBUG New connection (1) because no connection to http://127.0.0.1:8080 yet (FIRST)",
            "DEBUG http://127.0.0.1:8080 \"GET /a HTTP/1.1\" 200 1024",
            "DEBUG Closed connection (1) to http://127.0.0.1:8080 after 1 request: the server closed it after 0.0 s idle (SERVER_CLOSED)",
            "DEBUG Resetting dropped connection: 127.0.0.1",
            "DEBUG Starting new HTTP connection (2): 127.0.0.1:8080",
            "DEBUG New connection (2) because a request on reused connection 1 failed before any response came back (the server closed it after 0.0 s idle) (RETRY)",
            "DEBUG http://127.0.0.1:8080 \"GET /b HTTP/1.1\" 200 2",
            "DEBUG http://127.0.0.1:8080 \"GET /c HTTP/1.1\" 200 None",
            "DEBUG Starting new HTTP connection (3): 127.0.0.1:8080",
            "DEBUG New connection (3) because connection 2 is still held by a response whose body is not yet read to its end or closed (ALL_IN_USE)",
            "DEBUG http://127.0.0.1:8080 \"GET /d HTTP/1.1\" 200 None",
            "DEBUG Closed connection (2) to http://127.0.0.1:8080 after 2 requests: the pool of http://127.0.0.1:8080 already kept 1 idle connections (poolMaxSize 1) (POOL_FULL)",
            "WARNING Connection pool is full, discarding connection: 127.0.0.1. Connection pool size: 1",
            "DEBUG Closed connection (3) to http://127.0.0.1:8080 after 1 request: the session was closed (SESSION_CLOSED)");

    @Test
    void theSwitchPrintsTheReadmesLinesOnStandardErrorAndNothingTwice() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RootRecords root = new RootRecords();
        Logger.getLogger("").addHandler(root);
        try (MockServer server = MockServer.start()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Logs.toStderr();
            Logs.toStderr(); // idempotent: a second handler would print every line twice
            assertTrue(Logs.isToStderr());
            runTheReadmesSession(server);
            Logs.restore();
            assertFalse(Logs.isToStderr());
            server.enqueue(new MockResponse());
            try (Session quiet = new Session()) {
                quiet.get(server.url("/after")); // no line once restored
            }
            System.setErr(original);

            List<String> expected = new ArrayList<>();
            for (String l : README_LINES) {
                expected.add(l.replace("127.0.0.1:8080", "127.0.0.1:" + server.port()));
            }
            String out = captured.toString(StandardCharsets.UTF_8);
            // How long a connection sat idle is real time: the README shows it as 0.0 s.
            assertEquals(expected, out.lines().map(l -> l.replaceAll("after \\d+\\.\\d s idle", "after 0.0 s idle")).toList(), out);
            assertEquals(List.of(), root.spoolRecords, "Spool's records also reached the root's two-line handlers");
        } finally {
            Logs.restore();
            System.setErr(original);
            Logger.getLogger("").removeHandler(root);
        }
    }

    @Test
    void theReadmeShowsTheseLines() throws IOException {
        String readme = Files.readString(readme());
        String block = String.join("\n", README_LINES);
        assertTrue(readme.contains("```\n" + block + "\n```\n"), "README.md lacks the block:\n" + block);
    }

    @Test
    void restoringGivesTheLoggerBackItsLevel() {
        Logger spool = Logger.getLogger("dev.spool");
        Level before = spool.getLevel();
        boolean parents = spool.getUseParentHandlers();
        try {
            Logs.toStderr();
            assertEquals(Level.FINE, spool.getLevel());
            assertFalse(spool.getUseParentHandlers());
        } finally {
            Logs.restore();
        }
        assertEquals(before, spool.getLevel());
        assertEquals(parents, spool.getUseParentHandlers());
        Logs.restore(); // a second restore changes nothing
        assertEquals(before, spool.getLevel());
    }

    /** The README's scenario: a connection dropped while idle, then two in use at once in a pool of one. */
    private static void runTheReadmesSession(MockServer server) {
        server.enqueue(new MockResponse().bodyOfSize(1024));
        server.enqueue(new MockResponse().body("ok"));
        server.enqueue(new MockResponse().body("c").chunked(1));
        server.enqueue(new MockResponse().body("d").chunked(1));
        try (Session s = Session.builder().poolMaxSize(1).build()) {
            s.get(server.url("/a"));
            assertEquals(1, server.closeIdleConnections());
            s.get(server.url("/b"));
            try (Response c = s.request("GET", server.url("/c")).stream(true).send();
                 Response d = s.request("GET", server.url("/d")).stream(true).send()) {
                assertEquals(200, c.status());
                assertEquals(200, d.status());
            }
        }
    }

    private static Path readme() {
        return projectRoot().resolve("README.md");
    }

    /** The repository's root: the first directory above this module with README.md and spool-core. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("README.md")) || !Files.exists(dir.resolve("spool-core"))) {
            dir = dir.getParent();
            if (dir == null) {
                throw new IllegalStateException("no README.md and spool-core above " + Path.of("").toAbsolutePath());
            }
        }
        return dir;
    }

    /** Records what reaches the root logger's handlers from Spool's loggers. */
    private static final class RootRecords extends Handler {
        final List<String> spoolRecords = new java.util.concurrent.CopyOnWriteArrayList<>();

        RootRecords() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLoggerName() != null && r.getLoggerName().startsWith("dev.spool")) {
                spoolRecords.add(r.getLevel() + " " + r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
