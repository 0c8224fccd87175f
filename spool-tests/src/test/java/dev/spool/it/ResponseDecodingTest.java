package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.BodyTooLargeException;
import dev.spool.HttpStatusException;
import dev.spool.ProtocolException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Response bodies over real sockets: every coding Spool offers, gzip bombs refused or streamed in
 * bounded memory, drained bodies left undecoded, and the reading helpers against MockServer.
 */
@Timeout(60)
class ResponseDecodingTest {
    private static final int MIB = 1 << 20;

    static byte[] generated(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = MockResponse.generatedByte(i);
        }
        return b;
    }

    @Test
    void gzipAndDeflateFromTheServerAndWhatIsOffered() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().bodyOfSize(300_000).gzip());
            server.enqueue(new MockResponse().bodyOfSize(300_000).deflate());
            assertArrayEquals(generated(300_000), s.get(server.url("/gzip")).bytes());
            assertArrayEquals(generated(300_000), s.get(server.url("/deflate")).bytes());
            assertEquals("gzip, deflate, br, zstd", server.recordedRequests().get(0).header("Accept-Encoding"),
                    "org.brotli:dec and zstd-jni are on this module's test class path");
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void brotliAndZstdFromTheServer() throws IOException {
        byte[] text = "Spool decodes this. Gr\u00fc\u00dfe!\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        // The same text compressed by Python's brotli 1.0.9, as in spool-core's DecodingTest.
        byte[] br = HexFormat.of().parseHex(
                "1ba905f81d09d919e645ba9b9eb85439fc36056eb25421677973c3d90a479fbc6a20df8a8582d8dd559886ba1fe55b18");
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream out = new com.github.luben.zstd.ZstdOutputStream(zstd)) {
            out.write(text);
        }
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Content-Encoding", "br").body(br).chunked(7));
            server.enqueue(new MockResponse().header("Content-Encoding", "zstd").body(zstd.toByteArray()));
            assertArrayEquals(text, s.get(server.url("/br")).bytes());
            assertArrayEquals(text, s.get(server.url("/zstd")).bytes());
        }
    }

    @Test
    void theBombHelperMakesValidGzip() throws IOException {
        for (int n : new int[] {0, 1, 1000, 3 * MIB}) {
            CRC32 crc = new CRC32();
            crc.update(new byte[n]);
            assertEquals((int) crc.getValue(), GzipBomb.crc32OfZeros(n), "CRC-32 of " + n + " zeros");
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(GzipBomb.zeros(3)))) {
            byte[] all = in.readAllBytes(); // checks the CRC and size in the trailer
            assertEquals(3 * MIB, all.length);
            for (byte b : all) {
                assertEquals(0, b);
            }
        }
    }

    @Test
    void aTenGibibyteGzipBombFailsFastNamingTheLimit() {
        byte[] bomb = GzipBomb.zeros(10 * 1024);
        assertTrue(bomb.length < 11 * MIB, "10 GiB of zeros in " + bomb.length + " bytes");
        try (MockServer server = MockServer.start();
             Session s = Session.builder().maxBodySize(16 * MIB).build()) {
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip").body(bomb));
            BodyTooLargeException e = assertThrows(BodyTooLargeException.class, () -> s.get(server.url("/bomb")));
            assertEquals(16L * MIB, e.limit());
            assertEquals("the body of GET " + server.url("/bomb") + " (Content-Encoding: gzip) is larger than maxBodySize,"
                    + " 16777216 bytes (16 MiB); read it with stream(true) and inputStream(), or raise"
                    + " Session.builder().maxBodySize(...)", e.getMessage());
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(10)), "the rest was not read: the connection was closed");
            assertEquals(0, s.poolStats().inUse());
            assertEquals(0, s.poolStats().idle());
            server.enqueue(new MockResponse().body("after"));
            assertEquals("after", s.get(server.url("/after")).text());
            assertEquals(2, server.connectionCount());
        }
    }

    @Test
    void aBombSixteenTimesTheLimitStreamsThroughASmallBuffer() throws IOException {
        // 256 MiB rather than more keeps this test to seconds on a loaded machine; the point is that
        // streaming is not held to maxBodySize and holds no more than the caller's buffer.
        byte[] bomb = GzipBomb.zeros(256);
        try (MockServer server = MockServer.start();
             Session s = Session.builder().maxBodySize(16 * MIB).build()) {
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip").body(bomb));
            long total = 0;
            try (Response r = s.request("GET", server.url("/bomb")).stream(true).send();
                 InputStream in = r.inputStream()) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    total += n;
                }
            }
            assertEquals(256L * MIB, total, "all of it, trailer CRC checked, with no more than 64 KiB held at a time");
            assertEquals(1, s.poolStats().idle(), "read to the end: the connection went back to the pool");
        }
    }

    @Test
    void aPlainBodyOverTheLimitFailsBeforeItIsRead() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().maxBodySize(MIB).build()) {
            server.enqueue(new MockResponse().bodyOfSize(100L * MIB));
            BodyTooLargeException e = assertThrows(BodyTooLargeException.class, () -> s.get(server.url("/big")));
            assertTrue(e.getMessage().contains("1048576 bytes (1 MiB): its Content-Length is 104857600"), e.getMessage());
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(10)));
        }
    }

    @Test
    void aDeclaredLengthIsNotAllocatedBeforeTheBytesArrive() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (MockServer server = MockServer.start();
             Session s = Session.builder().maxBodySize(1 << 30).build()) {
            server.enqueue(new MockResponse().raw(
                    "HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\nten bytes!".getBytes(StandardCharsets.US_ASCII))
                    .closeConnection());
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            assertThrows(ProtocolException.class, () -> s.get(server.url("/liar")), "the body ends after 10 bytes");
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 64L * MIB, "a Content-Length of 1 GB with 10 bytes behind it cost " + allocated + " bytes");
        }
    }

    @Test
    void aDrainedBodyIsNotDecoded() {
        // 16 MiB of zeros in 16 KiB of gzip, small enough to drain, with its CRC broken: decoding it
        // would fail at the end, draining the raw bytes does not notice.
        byte[] corrupt = GzipBomb.zeros(16);
        corrupt[corrupt.length - 8] ^= 0x55;
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip").body(corrupt));
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip").body(corrupt).chunked(4096));
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip").body(corrupt));
            try (Response r = s.request("GET", server.url("/unread")).stream(true).send()) {
                assertEquals(200, r.status());
            }
            try (Response r = s.request("GET", server.url("/partly-read")).stream(true).send();
                 InputStream in = r.inputStream()) {
                assertEquals(1000, in.readNBytes(1000).length);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(1, s.poolStats().idle());
            assertThrows(ProtocolException.class, () -> s.get(server.url("/decoded")),
                    "the same body read whole is found corrupt: the drains above really skipped decoding");
            assertEquals(1, server.connectionCount(), "both drained connections were reused");
        }
    }

    @Test
    void elapsedCoversTheWaitForTheHeaders() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().headersDelay(Duration.ofMillis(300)).body("late"));
            Response r = s.get(server.url("/slow"));
            assertTrue(r.elapsed().compareTo(Duration.ofMillis(300)) >= 0, r.elapsed().toString());
        }
    }

    @Test
    void raiseForStatusNamesStatusReasonAndUrl() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().status(404).body("nope"));
            Response r = s.get(server.url("/missing?x=1"));
            HttpStatusException e = assertThrows(HttpStatusException.class, r::raiseForStatus);
            assertEquals("404 Client Error: Not Found for url: " + server.url("/missing?x=1"), e.getMessage());
            assertEquals("nope", e.response().text(), "the body is still there to read");
        }
    }
}
