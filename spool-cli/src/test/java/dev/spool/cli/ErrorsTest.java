package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failures as a user meets them: one readable line, a documented exit code, a stack trace only with --debug. */
@Timeout(120)
class ErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedConnectionIsOneLineAndExitCode7() throws IOException {
        int port = closedPort();
        Cli.Result r = Cli.run("get", "http://127.0.0.1:" + port + "/");
        assertEquals(ExitCodes.CONNECT, r.exit(), r.toString());
        assertEquals("spool: cannot connect to 127.0.0.1:" + port + " (connection refused)\n", r.stderr());
        assertEquals("", r.stdout());

        Cli.Result debug = Cli.run("--debug", "get", "http://127.0.0.1:" + port + "/");
        assertEquals(ExitCodes.CONNECT, debug.exit(), debug.toString());
        assertTrue(debug.stderr().contains("dev.spool.ConnectFailedException: cannot connect to 127.0.0.1:" + port), debug.stderr());
        assertTrue(debug.stderr().contains("\tat dev.spool."), "--debug shows where: " + debug.stderr());
        assertTrue(debug.stderr().endsWith("spool: cannot connect to 127.0.0.1:" + port + " (connection refused)\n"), debug.stderr());
    }

    @Test
    void aSilentServerTimesOutWithExitCode28() {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            Cli.Result r = Cli.run("get", "--timeout", "0.3", server.url("/slow"));
            assertEquals(ExitCodes.TIMEOUT, r.exit(), r.toString());
            assertEquals("spool: read from 127.0.0.1:" + server.port() + " timed out after 300 ms (read timeout)\n", r.stderr());
        }
    }

    @Test
    void maxTimeBoundsADrippingServerWithExitCode28() {
        try (MockServer server = MockServer.start()) {
            // One byte per 100 ms keeps a 300 ms read timeout satisfied; --max-time ends it.
            server.enqueue(new MockResponse().body("x".repeat(200)).throttle(1, Duration.ofMillis(100)));
            long t0 = System.nanoTime();
            Cli.Result r = Cli.run("get", "--timeout", "0.3", "--max-time", "0.5", server.url("/drip"));
            long ms = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(ExitCodes.TIMEOUT, r.exit(), r.toString());
            assertEquals("spool: call to 127.0.0.1:" + server.port() + " timed out after 500 ms (call timeout) while"
                    + " waiting for the response head\n", r.stderr());
            assertTrue(ms < 5_000, "took " + ms + " ms");
        }
    }

    @Test
    void aServerThatHangsUpIsExitCode56() {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            Cli.Result r = Cli.run("post", "-d", "a=1", server.url("/"));
            assertEquals(ExitCodes.CONNECTION_BROKEN, r.exit(), r.toString());
            assertTrue(r.stderr().startsWith("spool: server 127.0.0.1:" + server.port()
                    + " closed the connection without sending any response"), r.stderr());
            assertNoStackTrace(r);
        }
    }

    @Test
    void aBodyCutShortIsAPartialTransferWithExitCode18() {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().body("x".repeat(100_000)).fault(Fault.DISCONNECT_MID_BODY));
            Cli.Result r = Cli.run("get", server.url("/"));
            assertEquals(ExitCodes.PARTIAL, r.exit(), r.toString());
            assertTrue(r.stdout().length() > 0 && r.stdout().length() < 100_000, "what arrived was passed on");
            assertTrue(r.stderr().contains("spool: partial transfer: response body ended after "), r.stderr());
            assertNoStackTrace(r);
        }
    }

    @Test
    void aGarbageReplyIsExitCode8() {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().fault(Fault.GARBAGE_STATUS_LINE));
            Cli.Result r = Cli.run("get", server.url("/"));
            assertEquals(ExitCodes.PROTOCOL, r.exit(), r.toString());
            assertTrue(r.stderr().startsWith("spool: "), r.stderr());
            assertNoStackTrace(r);
        }
    }

    @Test
    void anUntrustedCertificateIsExitCode60UntilItsCaIsGivenOrVerificationIsOff() {
        try (MockServer server = MockServer.startTls()) {
            String url = server.url("/tls");
            Cli.Result untrusted = Cli.run("get", url);
            assertEquals(ExitCodes.CERTIFICATE, untrusted.exit(), untrusted.toString());
            assertEquals("spool: TLS handshake failed: 127.0.0.1:" + server.port() + "'s certificate is not trusted "
                    + "(no path to a trusted CA); trust its CA with --cacert FILE, or skip verification with --insecure\n",
                    untrusted.stderr());

            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            Cli.Result trusted = Cli.run("get", "--cacert", pem.toString(), url, url);
            assertEquals(0, trusted.exit(), trusted.toString());
            assertEquals("okok", trusted.stdout());
            assertFalse(trusted.stderr().contains("WARNING"), trusted.stderr());

            Cli.Result insecure = Cli.run("get", "-k", url, url);
            assertEquals(0, insecure.exit(), insecure.toString());
            assertEquals(1, insecure.stderr().split("WARNING Unverified HTTPS request is being made to host '127.0.0.1'", -1).length - 1,
                    "the library's warning, once per origin, on one line: " + insecure.stderr());
        }
    }

    @Test
    void usageErrorsAreExitCode2AndNameWhatWasWrong() {
        Cli.Result unknown = Cli.run("get", "--bogus", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, unknown.exit(), unknown.toString());
        assertTrue(unknown.stderr().startsWith("spool: Unknown option: '--bogus'\n"), unknown.stderr());
        assertTrue(unknown.stderr().contains("Try 'spool get --help' for more information."), unknown.stderr());

        Cli.Result header = Cli.run("get", "-H", "NoColon", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, header.exit(), header.toString());
        assertTrue(header.stderr().startsWith("spool: -H expects 'Name: value' (or 'Name:' to remove a header), got 'NoColon'"),
                header.stderr());

        Cli.Result json = Cli.run("post", "--json", "{\"a\":", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, json.exit(), json.toString());
        assertTrue(json.stderr().startsWith("spool: --json is not valid JSON: "), json.stderr());

        Cli.Result noUrl = Cli.run("post", "a=1");
        assertEquals(ExitCodes.USAGE, noUrl.exit(), noUrl.toString());
        assertTrue(noUrl.stderr().startsWith("spool: no URL given"), noUrl.stderr());

        Cli.Result timeout = Cli.run("get", "--timeout", "-1", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, timeout.exit(), timeout.toString());
        assertTrue(timeout.stderr().contains("must be a positive number of seconds, got '-1'"), timeout.stderr());

        Cli.Result missingCa = Cli.run("get", "--cacert", dir.resolve("none.pem").toString(), "https://127.0.0.1:1/");
        assertEquals(ExitCodes.READ, missingCa.exit(), missingCa.toString());
        assertTrue(missingCa.stderr().startsWith("spool: --cacert "), missingCa.stderr());
    }

    @Test
    void aMalformedUrlIsExitCode3BeforeAnyConnection() {
        Cli.Result r = Cli.run("get", "http://127.0.0.1:1/a b");
        assertEquals(ExitCodes.BAD_REQUEST, r.exit(), r.toString());
        assertEquals("spool: URL \"http://127.0.0.1:1/a b\" has a space at index 20\n", r.stderr());
        // A URL without a scheme now means http:// (HabitsTest); one whose scheme lacks its slashes is still malformed.
        Cli.Result noSlashes = Cli.run("get", "http:/127.0.0.1:1/x");
        assertEquals(ExitCodes.BAD_REQUEST, noSlashes.exit(), noSlashes.toString());
        assertEquals("spool: URL \"http:/127.0.0.1:1/x\" is not absolute (no // after the scheme)\n", noSlashes.stderr());
    }

    private static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --debug: " + r.stderr());
        assertFalse(r.stderr().contains("Exception"), "no exception class names without --debug: " + r.stderr());
    }

    /** A loopback port with nothing listening: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
