package dev.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Content decoding without sockets: each coding, chains, the cap of five, empty and corrupt bodies,
 * the optional br and zstd decoders (on this module's test class path), and bombs read in bounded memory.
 */
@Timeout(60)
class DecodingTest {
    static final byte[] TEXT = "Spool decodes this. Gr\u00fc\u00dfe!\n".repeat(50).getBytes(StandardCharsets.UTF_8);

    /**
     * {@link #TEXT} compressed by Python's brotli 1.0.9 (Debian's python3-brotli, the encoder httpbin
     * uses): {@code brotli.compress(("Spool decodes this. Gr\u00fc\u00dfe!\n" * 50).encode())}.
     */
    static final String TEXT_BR = "1ba905f81d09d919e645ba9b9eb85439fc36056eb25421677973c3d90a479fbc6a20df8a8582d8dd559886ba1fe55b18";

    /** 256 MiB of zero bytes in 405 bytes of brotli: {@code brotli.compress(b"\0" * (256 << 20), quality=5)}. */
    static final String ZEROS_256MIB_BR = ""
            + "cbffff3f002400e2b14072effff8ffff078004401c1680eefd1fffffff00900088c302d0bdffe3ffff1f001200715800baf7"
            + "7ffcffff034002200e0b40f7fe8fffff7f004800c46101e8defff1ffff0f000980382c00ddfb3ffeffff012001108705a07b"
            + "ffc7ffff3f002400e2b00074effff8ffff078004401c1680eefd1fffffff00900088c302d0bdffe3ffff1f001200715800ba"
            + "f77ffcffff034002200e0b40f7fe8fffff7f004800c46101e8defff1ffff0f000980382c00ddfb3ffeffff012001108705a0"
            + "7bffc7ffff3f002400e2b00074effff8ffff078004401c1680eefd1fffffff00900088c302d0bdffe3ffff1f001200715800"
            + "baf77ffcffff034002200e0b40f7fe8fffff7f004800c46101e8defff1ffff0f000980382c00ddfb3ffeffff012001108705"
            + "a07bffc7ffff3f002400e2b00074effff8ffff078004401c1680eefd1fffffff00900088c302d0bdffe3ffff1f0012007158"
            + "00baf77ffcffff034002200e0b40f7fe8fffff7f004800c46101e8defff1ffff0f000980382c00ddfb3ffeffff0120011087"
            + "05a07bff37";

    static Response response(byte[] body, String... headers) {
        return Response.builder()
                .request(new Request("GET", Url.parse("http://h.example/z"), null, null, null))
                .status(200)
                .headers(Headers.of(headers))
                .body(body)
                .build();
    }

    interface Wrap {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    static byte[] encode(byte[] data, Wrap wrap) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream out = wrap.wrap(bo)) {
            out.write(data);
        }
        return bo.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        return encode(data, GZIPOutputStream::new);
    }

    static byte[] zlib(byte[] data) throws IOException {
        return encode(data, DeflaterOutputStream::new);
    }

    static byte[] rawDeflate(byte[] data) throws IOException {
        return encode(data, out -> new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true)));
    }

    static byte[] zstd(byte[] data) throws IOException {
        return encode(data, com.github.luben.zstd.ZstdOutputStream::new);
    }

    @Test
    void gzipAndDeflateInEveryForm() throws IOException {
        assertArrayEquals(TEXT, response(gzip(TEXT), "Content-Encoding", "gzip").bytes());
        assertArrayEquals(TEXT, response(gzip(TEXT), "Content-Encoding", "x-gzip").bytes());
        assertArrayEquals(TEXT, response(gzip(TEXT), "Content-Encoding", "GZIP").bytes());
        assertArrayEquals(TEXT, response(zlib(TEXT), "Content-Encoding", "deflate").bytes(), "zlib-wrapped, as RFC 9110 says");
        assertArrayEquals(TEXT, response(rawDeflate(TEXT), "Content-Encoding", "deflate").bytes(), "raw, as some servers send");
        assertArrayEquals(TEXT, response(TEXT, "Content-Encoding", "identity").bytes());
    }

    @Test
    void chainsAreUndoneInReverseOrder() throws IOException {
        byte[] gzipThenDeflate = zlib(gzip(TEXT));
        assertArrayEquals(TEXT, response(gzipThenDeflate, "Content-Encoding", "gzip, deflate").bytes());
        assertArrayEquals(TEXT, response(gzipThenDeflate, "Content-Encoding", "gzip", "Content-Encoding", "deflate").bytes(),
                "codings over several header lines count in order");
        byte[] fourLayers = zstd(zlib(gzip(gzip(TEXT))));
        assertArrayEquals(TEXT, response(fourLayers, "Content-Encoding", "gzip,gzip , deflate,zstd").bytes());
    }

    @Test
    void moreThanFiveCodingsAreRefused() throws IOException {
        byte[] five = gzip(gzip(gzip(gzip(gzip(TEXT)))));
        assertArrayEquals(TEXT, response(five, "Content-Encoding", "gzip, gzip, gzip, gzip, gzip").bytes());
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> response(gzip(five), "Content-Encoding", "gzip, gzip, gzip, gzip, gzip, gzip").bytes());
        assertEquals("response has 6 chained content codings; at most 5 are decoded", e.getMessage());
    }

    @Test
    void anUnknownCodingIsHandedOverUndecoded() throws IOException {
        byte[] z = gzip(TEXT);
        assertArrayEquals(z, response(z, "Content-Encoding", "compress").bytes());
        assertArrayEquals(z, response(z, "Content-Encoding", "gzip, snappy").bytes(), "one unknown coding: none undone");
    }

    @ParameterizedTest(name = "empty body with Content-Encoding: {0}")
    @CsvSource({"gzip", "deflate", "br", "zstd", "'gzip, br'"})
    void anEmptyBodyStaysEmptyWhateverItsCoding(String coding) {
        assertEquals(0, response(new byte[0], "Content-Encoding", coding).bytes().length);
    }

    @Test
    void corruptOrTruncatedDataIsAProtocolErrorNamingTheCoding() throws IOException {
        ProtocolException notGzip = assertThrows(ProtocolException.class,
                () -> response("plain text".getBytes(StandardCharsets.US_ASCII), "Content-Encoding", "gzip").bytes());
        assertTrue(notGzip.getMessage().startsWith("cannot decode the body of GET http://h.example/z (Content-Encoding: gzip): "),
                notGzip.getMessage());
        byte[] z = gzip(TEXT);
        ProtocolException truncated = assertThrows(ProtocolException.class,
                () -> response(Arrays.copyOf(z, z.length - 12), "Content-Encoding", "gzip").bytes());
        assertTrue(truncated.getMessage().contains("(Content-Encoding: gzip)"), truncated.getMessage());
        byte[] badCrc = z.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertThrows(ProtocolException.class, () -> response(badCrc, "Content-Encoding", "gzip").bytes());
        ProtocolException badBr = assertThrows(ProtocolException.class,
                () -> response(new byte[] {(byte) 0xff, (byte) 0xff, 0x11, 0x22}, "Content-Encoding", "br").bytes());
        assertTrue(badBr.getMessage().contains("(Content-Encoding: br)"), badBr.getMessage());
        ProtocolException badZstd = assertThrows(ProtocolException.class,
                () -> response(new byte[] {1, 2, 3, 4, 5, 6}, "Content-Encoding", "zstd").bytes());
        assertTrue(badZstd.getMessage().contains("(Content-Encoding: zstd)"), badZstd.getMessage());
    }

    @Test
    void brotliThroughGooglesDecoder() {
        Response r = response(HexFormat.of().parseHex(TEXT_BR), "Content-Encoding", "br");
        assertArrayEquals(TEXT, r.bytes());
    }

    @Test
    void zstdThroughZstdJni() throws IOException {
        assertArrayEquals(TEXT, response(zstd(TEXT), "Content-Encoding", "zstd").bytes());
    }

    /** A zstd frame holding one raw block of "A", declaring a window of 2^windowLog bytes (RFC 8878 section 3.1.1). */
    static byte[] zstdFrameWithWindow(int windowLog) {
        byte windowDescriptor = (byte) ((windowLog - 10) << 3); // exponent in the top 5 bits, mantissa 0
        return new byte[] {
            0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, // magic number
            0x00,                                 // frame header descriptor: no content size, not single-segment
            windowDescriptor,
            0x09, 0x00, 0x00,                     // block header: last block, raw, size 1
            'A'};
    }

    @Test
    void zstdWindowsOverEightMebibytesAreRefusedAsRfc9659Allows() {
        assertEquals("A", response(zstdFrameWithWindow(23), "Content-Encoding", "zstd").text(), "8 MiB is allowed");
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> response(zstdFrameWithWindow(24), "Content-Encoding", "zstd").bytes());
        assertTrue(e.getMessage().contains("(Content-Encoding: zstd)"), e.getMessage());
        assertThrows(ProtocolException.class, () -> response(zstdFrameWithWindow(31), "Content-Encoding", "zstd").bytes(),
                "a 2 GiB window would let a 10-byte body claim 2 GiB of memory");
    }

    @Test
    void aBrotliBombIsRefusedWhenBufferedAndStreamsInBoundedMemory() throws IOException {
        byte[] bomb = HexFormat.of().parseHex(ZEROS_256MIB_BR);
        assertEquals(405, bomb.length);
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                () -> response(bomb, "Content-Encoding", "br").limitBody(8L << 20).bytes());
        assertTrue(e.getMessage().contains("larger than maxBodySize, 8388608 bytes (8 MiB)")
                && e.getMessage().contains("(Content-Encoding: br)"), e.getMessage());
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = response(bomb, "Content-Encoding", "br").limitBody(8L << 20).inputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                assertTrue(n <= buf.length);
                total += n;
            }
        }
        assertEquals(256L << 20, total, "streaming is not limited: every zero came through a 64 KiB buffer");
    }

    @Test
    void acceptEncodingOffersExactlyWhatCanBeDecoded() {
        assertEquals("gzip, deflate", Decoding.acceptEncoding(false, false));
        assertEquals("gzip, deflate, br", Decoding.acceptEncoding(true, false));
        assertEquals("gzip, deflate, zstd", Decoding.acceptEncoding(false, true));
        assertEquals("gzip, deflate, br, zstd", Decoding.ACCEPT_ENCODING, "both decoders are on this test class path");
        try (Session s = new Session()) {
            assertEquals(Decoding.ACCEPT_ENCODING, s.headers().get("Accept-Encoding"));
        }
    }
}
