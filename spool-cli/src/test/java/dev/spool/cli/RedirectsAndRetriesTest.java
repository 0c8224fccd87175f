package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --no-redirects}, {@code --max-redirects} and {@code --retry} as a process against a loopback
 * MockServer: what is shown, what the server received, and the exit codes.
 */
@Timeout(120)
class RedirectsAndRetriesTest {
    @TempDir
    Path dir;

    /** {@code /hop/N} redirects to {@code /hop/N-1}; {@code /hop/0} answers "arrived". */
    private static MockServer hops() {
        MockServer server = MockServer.start();
        server.dispatcher(q -> {
            int n = Integer.parseInt(q.path().substring("/hop/".length()));
            return n == 0 ? new MockResponse().body("arrived\n")
                    : new MockResponse().status(302).header("Location", "/hop/" + (n - 1)).body("see /hop/" + (n - 1) + "\n");
        });
        return server;
    }

    @Test
    void noRedirectsShowsThe3xxItselfAndStopsThere() {
        try (MockServer server = hops()) {
            Cli.Result r = Cli.run("get", "--print", "hb", "--no-redirects", server.url("/hop/2"));
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stderr().startsWith("HTTP/1.1 302 Found\n"), r.stderr());
            assertTrue(r.stderr().contains("\nLocation: /hop/1\n"), r.stderr());
            assertEquals("see /hop/1\n", r.stdout(), "the redirect's own body");
            assertEquals(1, server.requestCount(), "the Location is not followed");

            Cli.Result followed = Cli.run("get", server.url("/hop/2"));
            assertEquals(0, followed.exit(), followed.toString());
            assertEquals("arrived\n", followed.stdout());
            assertEquals(4, server.requestCount());
        }
    }

    @Test
    void oneRedirectMoreThanMaxRedirectsIsExitCode47() {
        try (MockServer server = hops()) {
            Cli.Result over = Cli.run("get", "--max-redirects", "1", server.url("/hop/2"));
            assertEquals(ExitCodes.TOO_MANY_REDIRECTS, over.exit(), over.toString());
            assertEquals("spool: Exceeded 1 redirects: the last, a 302 from " + server.url("/hop/1") + ", pointed to /hop/0\n",
                    over.stderr());
            assertEquals("", over.stdout());

            Cli.Result enough = Cli.run("get", "--max-redirects", "2", server.url("/hop/2"));
            assertEquals(0, enough.exit(), enough.toString());
            assertEquals("arrived\n", enough.stdout());

            Cli.Result both = Cli.run("get", "--no-redirects", "--max-redirects", "3", server.url("/hop/0"));
            assertEquals(ExitCodes.USAGE, both.exit(), both.toString());
            assertTrue(both.stderr().startsWith("spool: --no-redirects and --max-redirects contradict each other"), both.stderr());
        }
    }

    @Test
    void transientStatusesAreRetriedOnTheSameConnectionAndRedirectsSpendNoRetries() {
        AtomicInteger calls = new AtomicInteger();
        try (MockServer server = MockServer.start()) {
            // Two 503s asking for no wait, then a redirect chain of two hops: --retry 2 covers the 503s,
            // and the redirects (which the library's own retry stage would count) cost nothing.
            server.dispatcher(q -> {
                if (q.path().equals("/flaky") && calls.incrementAndGet() <= 2) {
                    return new MockResponse().status(503).header("Retry-After", "0").body("busy\n");
                }
                return q.path().equals("/flaky") ? new MockResponse().status(302).header("Location", "/moved").body("")
                        : q.path().equals("/moved") ? new MockResponse().status(301).header("Location", "/final").body("")
                        : new MockResponse().body("finally\n");
            });
            Cli.Result r = Cli.run("get", "--print", "hb", "--retry", "2", server.url("/flaky"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("finally\n", r.stdout());
            String from = "spool: HTTP 503 Service Unavailable from " + server.url("/flaky");
            assertTrue(r.stderr().startsWith(from + "; retrying at once (attempt 2 of 3)\n"
                    + from + "; retrying at once (attempt 3 of 3)\nHTTP/1.1 200 OK\n"), "Retry-After: 0 honoured: " + r.stderr());
            assertEquals(5, server.requestCount());
            assertEquals(1, server.connectionCount(), "a retried response is drained, so its connection is reused");
        }
    }

    @Test
    void statusesThatStayBadGiveUpAfterTheBackoffAndFailNamesTheAttempts() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().status(502).body("bad gateway\n"));
            Cli.Result r = Cli.run("get", "--fail", "--retry", "2", server.url("/down"));
            assertEquals(ExitCodes.HTTP_ERROR, r.exit(), r.toString());
            String from = "HTTP 502 Bad Gateway from " + server.url("/down");
            assertTrue(r.stderr().startsWith("spool: " + from + "; retrying at once (attempt 2 of 3)\n"
                    + "spool: " + from + "; retrying in 1 s (attempt 3 of 3)\n"
                    + "spool: " + from + " after 3 attempts (--retry 2); giving up\n"), "backoff 0 s, then 1 s: " + r.stderr());
            assertTrue(r.stderr().endsWith("spool: " + from + " after 3 attempts\n"), r.stderr());
            assertEquals("bad gateway\n", r.stdout(), "the last response is shown");
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void aConnectErrorThatLastsEndsWithItsOwnExitCodeNamingTheAttempts() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run("get", "--retry", "1", "http://127.0.0.1:" + port + "/");
        assertEquals(ExitCodes.CONNECT, r.exit(), r.toString());
        String refused = "spool: cannot connect to 127.0.0.1:" + port + " (connection refused)";
        assertEquals(refused + "; retrying at once (attempt 2 of 2)\n" + refused + "; gave up after 2 attempts (--retry 1)\n",
                r.stderr());
    }

    @Test
    void aReadErrorIsRetriedForGetButNotForPost() {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            server.enqueue(new MockResponse().body("second time lucky\n"));
            Cli.Result get = Cli.run("get", "--retry", "1", server.url("/get"));
            assertEquals(0, get.exit(), get.toString());
            assertEquals("second time lucky\n", get.stdout());
            assertEquals(2, server.requestCount());

            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            Cli.Result post = Cli.run("post", "--retry", "2", "-d", "a=1", server.url("/post"));
            assertEquals(ExitCodes.CONNECTION_BROKEN, post.exit(), post.toString());
            assertTrue(post.stderr().contains("; not retried: POST is not retried after a read error (allowed methods: "),
                    post.stderr());
            assertEquals(3, server.requestCount(), "a POST that may have been processed is not sent twice");
        }
    }

    @Test
    void downloadRetriesToo() throws Exception {
        byte[] file = "the file\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().status(503).header("Retry-After", "0").body("later\n"));
            server.enqueue(new MockResponse().body(file));
            Path out = dir.resolve("f.txt");
            Cli.Result r = Cli.run("download", "--retry", "3", server.url("/f.txt"), "-o", out.toString());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stderr().startsWith("spool: HTTP 503 Service Unavailable from " + server.url("/f.txt")
                    + "; retrying at once (attempt 2 of 4)\nspool: saved "), r.stderr());
            assertArrayEquals(file, Files.readAllBytes(out));
        }
    }
}
