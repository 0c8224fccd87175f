package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool download} as a process: saving, resuming with Range (206, 200, 416), checksums, failures. */
@Timeout(120)
class DownloadCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] FILE = content(200_000);

    @TempDir
    Path dir;

    @Test
    void savesTheBodyUnderTheUrlsFileNameAsSent() throws Exception {
        try (MockServer server = rangeServer()) {
            Cli.Result r = Cli.run(new byte[0], dir.toFile(), "download", server.url("/files/data.bin"));
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(FILE, Files.readAllBytes(dir.resolve("data.bin")));
            assertTrue(r.stderr().startsWith("spool: saved data.bin (195.3 KiB; 195.3 KiB received in "), r.stderr());
            assertEquals("", r.stdout());
            RecordedRequest q = server.takeRequest(WAIT);
            assertEquals("identity", q.header("Accept-Encoding"), "byte offsets must count the bytes as stored");
            assertNull(q.header("Range"));
        }
    }

    @Test
    void continueAsksForTheRestAndAppendsThe206Body() throws Exception {
        try (MockServer server = rangeServer()) {
            Path out = Files.write(dir.resolve("part.bin"), Arrays.copyOf(FILE, 70_000));
            Cli.Result r = Cli.run("download", server.url("/data.bin"), "-o", out.toString(), "--continue",
                    "--checksum", "sha256:" + sha256(FILE));
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(FILE, Files.readAllBytes(out));
            assertEquals("bytes=70000-", server.takeRequest(WAIT).header("Range"));
            assertTrue(r.stderr().contains("spool: resuming " + out + " at 68.4 KiB"), r.stderr());
            assertTrue(r.stderr().contains("; 127.0 KiB received in "), r.stderr());
            assertTrue(r.stderr().endsWith(", sha256 verified\n"), r.stderr());
        }
    }

    @Test
    void aServerThatIgnoresTheRangeGetsTheWholeFileRewritten() throws Exception {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> new MockResponse().body(FILE));
            Path out = Files.write(dir.resolve("f.bin"), "stale bytes".getBytes());
            Cli.Result r = Cli.run("download", server.url("/f.bin"), "-o", out.toString(), "-c");
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(FILE, Files.readAllBytes(out), "200 to a Range request: the body is the whole file");
            assertTrue(r.stderr().contains("the server ignored the range and sent the whole file; rewriting"), r.stderr());
        }
    }

    @Test
    void aCompleteFileIsLeftAloneOn416() throws Exception {
        try (MockServer server = rangeServer()) {
            Path out = Files.write(dir.resolve("whole.bin"), FILE);
            Cli.Result r = Cli.run("download", server.url("/whole.bin"), "-o", out.toString(), "--continue");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("spool: " + out + " is already complete (195.3 KiB)\n", r.stderr());
            assertArrayEquals(FILE, Files.readAllBytes(out));
        }
    }

    @Test
    void aChecksumMismatchRemovesTheFileAndExits90() throws Exception {
        try (MockServer server = rangeServer()) {
            Path out = dir.resolve("bad.bin");
            String wrong = "sha256:" + "0".repeat(64);
            Cli.Result r = Cli.run("download", server.url("/bad.bin"), "-o", out.toString(), "--checksum", wrong);
            assertEquals(ExitCodes.CHECKSUM, r.exit(), r.toString());
            assertTrue(r.stderr().contains("spool: checksum mismatch for " + out + ": expected " + wrong + ", got sha256:"
                    + sha256(FILE) + "; the file was removed"), r.stderr());
            assertFalse(Files.exists(out));

            Cli.Result syntax = Cli.run("download", server.url("/bad.bin"), "-o", out.toString(), "--checksum", "sha256:abc");
            assertEquals(ExitCodes.USAGE, syntax.exit(), syntax.toString());
            assertTrue(syntax.stderr().startsWith("spool: --checksum sha256 needs 64 hex digits, got 'abc'"), syntax.stderr());
        }
    }

    @Test
    void anErrorStatusSavesNothingAndExits22() {
        try (MockServer server = MockServer.start()) {
            server.enqueue(new MockResponse().status(404).body("gone"));
            Path out = dir.resolve("missing.bin");
            Cli.Result r = Cli.run("download", server.url("/missing.bin"), "-o", out.toString());
            assertEquals(ExitCodes.HTTP_ERROR, r.exit(), r.toString());
            assertEquals("spool: HTTP 404 Not Found from " + server.url("/missing.bin") + "; nothing saved to " + out + "\n",
                    r.stderr());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void anUnwritableFileIsExitCode23() {
        try (MockServer server = rangeServer()) {
            Path out = dir.resolve("no-such-folder").resolve("f.bin");
            Cli.Result r = Cli.run("download", server.url("/f.bin"), "-o", out.toString());
            assertEquals(ExitCodes.WRITE, r.exit(), r.toString());
            assertEquals("spool: cannot write " + out + ": no such file (" + out + ")\n", r.stderr());
        }
    }

    @Test
    void aBrokenDownloadKeepsWhatArrivedAndContinueFinishesIt() throws Exception {
        try (MockServer server = rangeServer()) {
            server.enqueue(new MockResponse().body(FILE).fault(Fault.DISCONNECT_MID_BODY));
            Path out = dir.resolve("broken.bin");
            Cli.Result broken = Cli.run("download", server.url("/broken.bin"), "-o", out.toString());
            assertEquals(ExitCodes.PARTIAL, broken.exit(), broken.toString());
            assertTrue(broken.stderr().contains("spool: partial transfer: response body ended after "), broken.stderr());
            long kept = Files.size(out);
            assertTrue(kept > 0 && kept < FILE.length, "kept " + kept);
            assertTrue(broken.stderr().contains("; run again with --continue to resume\n"), broken.stderr());
            assertFalse(broken.stderr().contains("\tat "), broken.stderr());

            Cli.Result resumed = Cli.run("download", server.url("/broken.bin"), "-o", out.toString(), "--continue");
            assertEquals(0, resumed.exit(), resumed.toString());
            assertArrayEquals(FILE, Files.readAllBytes(out));
        }
    }

    /** A server that answers Range requests for {@link #FILE} the way RFC 9110 section 14 says. */
    private static MockServer rangeServer() {
        MockServer server = MockServer.start();
        server.dispatcher(q -> {
            String range = q.header("Range");
            if (range == null) {
                return new MockResponse().body(FILE);
            }
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            if (from >= FILE.length) {
                return new MockResponse().status(416).header("Content-Range", "bytes */" + FILE.length);
            }
            return new MockResponse().status(206)
                    .header("Content-Range", "bytes " + from + "-" + (FILE.length - 1) + "/" + FILE.length)
                    .body(Arrays.copyOfRange(FILE, from, FILE.length));
        });
        return server;
    }

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + i / 251);
        }
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
