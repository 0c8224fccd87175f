package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of download: what to do with a (range) response, and checksums. */
class DownloadPolicyTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes on disk, {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // on disk | status | Content-Range             | Content-Length | action   | offset | total
        "0         | 200    | NULL                      | 500            | WRITE    | 0      | 500",
        "0         | 200    | NULL                      | -1             | WRITE    | 0      | -1",
        "100       | 200    | NULL                      | 500            | WRITE    | 0      | 500",
        "100       | 206    | bytes 100-499/500         | 400            | APPEND   | 100    | 500",
        "100       | 206    | bytes 100-499/*           | 400            | APPEND   | 100    | 500",
        "100       | 206    | bytes 100-499/*           | -1             | APPEND   | 100    | -1",
        "500       | 416    | bytes */500               | 0              | COMPLETE | 500    | 500",
    })
    void decisions(long onDisk, int status, String range, long length, ResumePlan.Action action, long offset, long total) {
        assertEquals(new ResumePlan(action, offset, total), ResumePlan.decide(onDisk, status, range, length, "f"));
    }

    @ParameterizedTest(name = "{0} bytes on disk, {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "0   | 206 | bytes 0-9/10     | 33 | the server sent 206 Partial Content to a request without Range",
        "100 | 206 | bytes 50-499/500 | 33 | asked to resume f at byte 100 but the server sent bytes from 50",
        "100 | 206 | NULL             | 33 | the server sent 206 Partial Content with Content-Range 'null'",
        "100 | 416 | bytes */700      | 33 | the server cannot resume f at byte 100 (416 Range Not Satisfiable; it reports 700 bytes)",
        "100 | 416 | NULL             | 33 | the server cannot resume f at byte 100 (416 Range Not Satisfiable; it reports an unknown size)",
        "0   | 204 | NULL             | 22 | HTTP 204 is not a file",
        "0   | 302 | NULL             | 22 | HTTP 302 is not a file",
    })
    void refusals(long onDisk, int status, String range, int exit, String message) {
        CliException e = assertThrows(CliException.class, () -> ResumePlan.decide(onDisk, status, range, 10, "f"));
        assertEquals(exit, e.exitCode());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void checksumsAreParsedCheckedAndComputed() throws Exception {
        Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        // Digests of "abc" from FIPS 180-2 appendix B.1 and RFC 1321 appendix A.5.
        Checksum sha = Checksum.parse("SHA-256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        assertEquals("sha256", sha.algorithm());
        assertEquals(sha.hex(), sha.of(file));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Checksum.parse("md5:900150983cd24fb0d6963f7d28e17f72").of(file));
        assertEquals("--checksum expects ALGORITHM:HEX such as sha256:9f86d081..., got 'abc'",
                assertThrows(CliException.class, () -> Checksum.parse("abc")).getMessage());
        assertEquals("--checksum algorithm 'crc32' is not one of md5, sha1, sha256, sha384, sha512",
                assertThrows(CliException.class, () -> Checksum.parse("crc32:00")).getMessage());
        assertEquals("--checksum sha1 needs 40 hex digits, got '" + "z".repeat(40) + "' (40 characters)",
                assertThrows(CliException.class, () -> Checksum.parse("sha1:" + "z".repeat(40))).getMessage());
    }
}
