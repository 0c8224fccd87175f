package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool post -F ...} as a process against a loopback MockServer: the multipart body the server receives. */
@Timeout(120)
class MultipartCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void fieldsAndFilesArriveAsOneMultipartBodyAtEveryUrl() throws Exception {
        byte[] photo = new byte[20_000];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 7);
        }
        Path file = Files.write(dir.resolve("beach.jpg"), photo);
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("from stdin".getBytes(StandardCharsets.UTF_8), null, "post", server.url("/up/1"),
                    server.url("/up/2"), "-F", "title=Zoë's holiday; day 1", "-F", "photo=@" + file + ";type=image/jpeg",
                    "-F", "note=@-;filename=note.txt;type=text/plain");
            assertEquals(0, r.exit(), r.toString());
            for (String path : new String[] {"/up/1", "/up/2"}) {
                RecordedRequest q = server.takeRequest(WAIT);
                assertEquals(path, q.path());
                String type = q.header("Content-Type");
                assertTrue(type.matches("multipart/form-data; boundary=[0-9a-f]{32}"), type);
                String b = "--" + type.substring(type.indexOf('=') + 1);
                byte[] head = (b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                byte[] title = "Zoë's holiday; day 1".getBytes(StandardCharsets.UTF_8);
                byte[] photoHead = ("\r\n" + b + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"beach.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                byte[] tail = ("\r\n" + b + "\r\nContent-Disposition: form-data; name=\"note\"; filename=\"note.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nfrom stdin\r\n" + b + "--\r\n").getBytes(StandardCharsets.UTF_8);
                byte[] expected = concat(head, title, photoHead, photo, tail);
                assertArrayEquals(expected, q.body(), "the field, the file's bytes, and standard input as a named file, in order");
                assertEquals(String.valueOf(expected.length), q.header("Content-Length"), "a known length, not chunked");
            }
            assertEquals(1, server.connectionCount(), "one session: the second upload reuses the connection");
        }
    }

    @Test
    void aFormWithAnotherKindOfBodyIsAUsageErrorAndAMissingFileAReadError() {
        Cli.Result mixed = Cli.run("post", "http://127.0.0.1:1/", "-F", "a=1", "-d", "b=2");
        assertEquals(ExitCodes.USAGE, mixed.exit(), mixed.toString());
        assertTrue(mixed.stderr().startsWith("spool: -F (a multipart form) cannot be combined with -d, --data-raw, --json"),
                mixed.stderr());
        Cli.Result json = Cli.run("post", "http://127.0.0.1:1/", "-F", "a=1", "--json", "{}");
        assertEquals(ExitCodes.USAGE, json.exit(), json.toString());

        Path missing = dir.resolve("missing.jpg");
        Cli.Result read = Cli.run("post", "http://127.0.0.1:1/", "-F", "photo=@" + missing);
        assertEquals(ExitCodes.READ, read.exit(), read.toString());
        assertEquals("spool: -F photo=@" + missing + ": no readable file " + missing.toAbsolutePath() + "\n", read.stderr());
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
