package dev.spool.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spool.Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exact bytes written by {@link RequestEncoder}. */
class RequestEncoderTest {
    private static String text(RequestEncoder e) {
        return new String(e.array(), 0, e.length(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void getWithoutBody() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("GET", "/path?q=1", "example.org", Headers.of("Accept", "*/*", "User-Agent", "spool"), RequestEncoder.NO_BODY);
        assertEquals("GET /path?q=1 HTTP/1.1\r\nHost: example.org\r\nAccept: */*\r\nUser-Agent: spool\r\n\r\n", text(e));
    }

    @Test
    void postWithLength() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("POST", "/submit", "127.0.0.1:8080", Headers.of("Content-Type", "text/plain"), 1234567890123L);
        assertEquals("POST /submit HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 1234567890123\r\n\r\n", text(e));
    }

    @Test
    void emptyBodyHasLengthZero() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("PUT", "/", "h", Headers.EMPTY, 0);
        assertEquals("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", text(e));
    }

    @Test
    void userContentLengthIsNotRepeated() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("POST", "/", "h", Headers.of("content-length", "3"), 3);
        assertEquals("POST / HTTP/1.1\r\nHost: h\r\ncontent-length: 3\r\n\r\n", text(e));
    }

    @Test
    void chunkedFraming() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("POST", "/upload", "example.org", Headers.EMPTY, RequestEncoder.CHUNKED);
        byte[] data = "0123456789".getBytes(StandardCharsets.ISO_8859_1);
        e.writeChunkHeader(data.length);
        e.writeBytes(data, 0, data.length);
        e.writeChunkEnd();
        e.writeLastChunk();
        assertEquals("POST /upload HTTP/1.1\r\nHost: example.org\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n0123456789\r\n0\r\n\r\n", text(e));
    }

    @Test
    void chunkHeaderInHex() {
        RequestEncoder e = new RequestEncoder();
        int[] lengths = {1, 15, 16, 255, 256, 4096, 65535, Integer.MAX_VALUE};
        String[] hex = {"1", "f", "10", "ff", "100", "1000", "ffff", "7fffffff"};
        for (int i = 0; i < lengths.length; i++) {
            e.reset();
            e.writeChunkHeader(lengths[i]);
            assertEquals(hex[i] + "\r\n", text(e));
        }
        assertThrows(IllegalArgumentException.class, () -> e.writeChunkHeader(0));
        assertThrows(IllegalArgumentException.class, () -> e.writeChunkHeader(-1));
    }

    @Test
    void userHostHeaderGoesFirstAndWins() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("GET", "/", "ignored.example", Headers.of("Accept", "*/*", "host", "virtual.example:81"), RequestEncoder.NO_BODY);
        assertEquals("GET / HTTP/1.1\r\nhost: virtual.example:81\r\nAccept: */*\r\n\r\n", text(e));
    }

    @Test
    void smallBodyInTheSameBuffer() {
        RequestEncoder e = new RequestEncoder();
        byte[] body = "{\"k\":1}".getBytes(StandardCharsets.ISO_8859_1);
        e.writeHead("POST", "/api", "api.example", Headers.of("Content-Type", "application/json"), body.length);
        e.writeBytes(body, 0, body.length);
        assertEquals("POST /api HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\n"
                + "Content-Length: 7\r\n\r\n{\"k\":1}", text(e));
    }

    @Test
    void resetKeepsTheBuffer() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("GET", "/a", "h", Headers.EMPTY, RequestEncoder.NO_BODY);
        byte[] first = e.array();
        e.reset();
        assertEquals(0, e.length());
        e.writeHead("GET", "/b", "h", Headers.EMPTY, RequestEncoder.NO_BODY);
        assertSame(first, e.array());
        assertEquals("GET /b HTTP/1.1\r\nHost: h\r\n\r\n", text(e));
    }

    @Test
    void growsForLongHeads() {
        RequestEncoder e = new RequestEncoder();
        String big = "x".repeat(10_000);
        e.writeHead("GET", "/", "h", Headers.of("X-Big", big), RequestEncoder.NO_BODY);
        assertEquals("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + big + "\r\n\r\n", text(e));
    }

    @Test
    void latin1IsWrittenAsSingleBytes() {
        // Characters beyond U+00FF never get here: Headers refuses them with a clear error.
        RequestEncoder e = new RequestEncoder();
        e.writeHead("GET", "/", "h", Headers.of("X-Name", "caf\u00e9"), RequestEncoder.NO_BODY);
        byte[] b = java.util.Arrays.copyOf(e.array(), e.length());
        String expected = "GET / HTTP/1.1\r\nHost: h\r\nX-Name: caf\u00e9\r\n\r\n";
        assertEquals(expected, new String(b, StandardCharsets.ISO_8859_1));
        assertEquals((byte) 0xe9, b[expected.indexOf('\u00e9')]);
    }

    @Test
    void targetWithForbiddenCharactersIsRefused() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("GET", "/ok", "h", Headers.EMPTY, RequestEncoder.NO_BODY);
        int before = e.length();
        for (String target : new String[] {"/a b", "/a\rb", "/a\nb", "/a\u0000b", ""}) {
            assertThrows(IllegalArgumentException.class,
                    () -> e.writeHead("GET", target, "h", Headers.EMPTY, RequestEncoder.NO_BODY), target);
            assertEquals(before, e.length(), "nothing half-written");
        }
    }

    @Test
    void methodAndHeadersWithLineBreaksAreRefused() {
        RequestEncoder e = new RequestEncoder();
        assertThrows(IllegalArgumentException.class, () -> e.writeHead("GET /x", "/", "h", Headers.EMPTY, -2));
        assertThrows(IllegalArgumentException.class, () -> e.writeHead("GET", "/", "evil\r\nX: 1", Headers.EMPTY, -2));
        assertThrows(IllegalArgumentException.class, () -> e.writeHead("GET", "/", "h", Headers.EMPTY, -3));
        assertThrows(NullPointerException.class, () -> e.writeHead("GET", "/", null, Headers.EMPTY, -2));
        assertEquals(0, e.length());
        e.writeHead("GET", "/", null, Headers.of("Host", "given"), -2);
        assertEquals("GET / HTTP/1.1\r\nHost: given\r\n\r\n", text(e));
    }

    @Test
    void fieldsTheHeadersTypeWouldRefuseAreRefusedToo() {
        // Headers cannot hold CR or LF, so the encoder's own check is reached directly.
        RequestEncoder e = new RequestEncoder();
        assertThrows(IllegalArgumentException.class, () -> e.writeField("X-A", "1\r\nX-Injected: 1"));
        assertThrows(IllegalArgumentException.class, () -> e.writeField("X-A\r\nB", "1"));
        assertThrows(IllegalArgumentException.class, () -> e.writeField("X-A", "1\u0000"));
    }

    @Test
    void absoluteFormTargetForAProxy() {
        RequestEncoder e = new RequestEncoder();
        e.writeHead("GET", "http://example.org/x", "example.org", Headers.EMPTY, RequestEncoder.NO_BODY);
        assertEquals("GET http://example.org/x HTTP/1.1\r\nHost: example.org\r\n\r\n", text(e));
    }
}
