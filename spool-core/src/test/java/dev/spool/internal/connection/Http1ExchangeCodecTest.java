package dev.spool.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Url;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 exchange codec driven through the same loop the transport uses, over a scripted wire
 * instead of a socket: each response is handed over split at every position, and what the caller
 * sees (head, body bytes, the reuse decision) must not depend on where the reads fall.
 */
class Http1ExchangeCodecTest {
    /** A wire whose reads return a script of chunks; {@link #SILENCE} in the script is a silent wait. */
    static final class ScriptedWire implements Wire {
        static final byte[] SILENCE = new byte[0];
        final Deque<byte[]> chunks = new ArrayDeque<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int timeoutMillis;
        /** An array whose reads are counted: the caller's, to see which body bytes skip the parser's buffer. */
        byte[] watched;
        long bytesReadIntoWatched;

        ScriptedWire(byte[] input, int... splits) {
            int from = 0;
            for (int at : splits) {
                chunks.add(java.util.Arrays.copyOfRange(input, from, at));
                from = at;
            }
            chunks.add(java.util.Arrays.copyOfRange(input, from, input.length));
        }

        ScriptedWire then(byte[] chunk) {
            chunks.add(chunk);
            return this;
        }

        @Override
        public void readTimeout(int millis) {
            timeoutMillis = millis;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            byte[] next = chunks.peekFirst();
            if (next == null) {
                return -1;
            }
            if (next == SILENCE) {
                return failSilence();
            }
            if (next.length == 0) {
                chunks.removeFirst();
                return chunks.isEmpty() ? -1 : read(b, off, len);
            }
            int n = Math.min(len, next.length);
            System.arraycopy(next, 0, b, off, n);
            if (b == watched) {
                bytesReadIntoWatched += n;
            }
            chunks.removeFirst();
            if (n < next.length) {
                chunks.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
            }
            return n;
        }

        private int failSilence() throws IOException {
            throw new IOException("a plain read met a silent wait in the script");
        }

        @Override
        public int readWithin(byte[] b, int off, int len, int waitMillis) throws IOException {
            if (chunks.peekFirst() == SILENCE) {
                chunks.removeFirst();
                return NOTHING_YET;
            }
            return read(b, off, len);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            written.write(b, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean hasUnreadBytes() {
            return chunks.stream().anyMatch(c -> c.length > 0);
        }

        String writtenText() {
            return written.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static Request get(String method, Body body, String... headers) {
        return new Request(method, Url.parse("http://example.test:8080/p?q=1"), Headers.of(headers), body, null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Runs one exchange as the transport does and returns "status|body|reusable". */
    private static String exchange(Http1ExchangeCodec codec, Request request) throws IOException {
        codec.start(request, 1000);
        assertFalse(codec.writeRequestHead(request, false));
        codec.readResponseHead(null);
        StringBuilder body = new StringBuilder();
        if (codec.hasBody()) {
            byte[] buf = new byte[16 * 1024]; // large enough for the direct path
            int n;
            while ((n = codec.readBody(buf, 0, buf.length)) >= 0) {
                body.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } else {
            assertEquals(-1, codec.readBody(new byte[1], 0, 1));
        }
        return codec.status() + "|" + body + "|" + codec.reusable();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "content-length; GET; HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello; 200|hello|true",
        "chunked; GET; HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nhel\\r\\n2\\r\\nlo\\r\\n0\\r\\n\\r\\n; 200|hello|true",
        "until close; GET; HTTP/1.1 200 OK\\r\\n\\r\\nhello; 200|hello|false",
        "connection close; GET; HTTP/1.1 200 OK\\r\\nConnection: close\\r\\nContent-Length: 2\\r\\n\\r\\nhi; 200|hi|false",
        "interim skipped; GET; HTTP/1.1 103 Early Hints\\r\\nLink: </a>\\r\\n\\r\\nHTTP/1.1 204 No Content\\r\\n\\r\\n; 204||true",
        "head; HEAD; HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\n; 200||true",
        "bytes beyond the body; GET; HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhiHTTP/1.1 200 OK\\r\\n\\r\\n; 200|hi|false",
    })
    void whatTheCallerSeesDoesNotDependOnWhereReadsFall(String name, String method, String response, String expected)
            throws IOException {
        byte[] input = bytes(response.replace("\\r\\n", "\r\n"));
        for (int split = 0; split <= input.length; split++) {
            ScriptedWire wire = new ScriptedWire(input, split);
            assertEquals(expected, exchange(new Http1ExchangeCodec(wire, null), get(method, null)), name + " split at " + split);
            assertEquals(1000, wire.timeoutMillis, "the exchange's timeout reaches the wire");
        }
        ScriptedWire byteByByte = new ScriptedWire(input, java.util.stream.IntStream.range(1, input.length).toArray());
        assertEquals(expected, exchange(new Http1ExchangeCodec(byteByByte, null), get(method, null)), name + " byte by byte");
    }

    @Test
    void theRequestHeadGoesOutWithASmallBodyInOneWrite() throws IOException {
        ScriptedWire wire = new ScriptedWire(bytes("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
        Http1ExchangeCodec codec = new Http1ExchangeCodec(wire, null);
        assertEquals("201||true", exchange(codec, get("POST", Body.text("abc"), "X-A", "1")));
        String sent = wire.writtenText();
        assertTrue(sent.startsWith("POST /p?q=1 HTTP/1.1\r\n"), sent);
        assertTrue(sent.contains("\r\nX-A: 1\r\n") && sent.contains("\r\nContent-Length: 3\r\n"), sent);
        assertTrue(sent.endsWith("\r\n\r\nabc"), sent);
    }

    @Test
    void silenceAfterExpectContinueSendsTheBodyAndKeepsTheConnection() throws IOException {
        byte[] answer = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        ScriptedWire wire = new ScriptedWire(new byte[0]);
        wire.chunks.clear();
        wire.chunks.add(ScriptedWire.SILENCE); // the server says nothing within the wait
        wire.then(answer);
        Http1ExchangeCodec codec = new Http1ExchangeCodec(wire, null);
        Request put = get("PUT", Body.bytes(bytes("payload")), "Expect", "100-continue");
        codec.start(put, 1000);
        assertTrue(codec.writeRequestHead(put, true), "the body is held");
        assertFalse(wire.writtenText().endsWith("payload"));
        assertTrue(codec.awaitContinue(50, null), "silence means: send the body");
        codec.writeRequestBody(put.body());
        assertTrue(wire.writtenText().endsWith("\r\n\r\npayload"), wire.writtenText());
        codec.readResponseHead(null);
        byte[] buf = new byte[10];
        assertEquals(2, codec.readBody(buf, 0, buf.length));
        assertEquals(-1, codec.readBody(buf, 0, buf.length));
        assertTrue(codec.reusable());
    }

    @Test
    void aFinalAnswerInsteadOf100HoldsTheBodyAndRulesOutReuse() throws IOException {
        ScriptedWire wire = new ScriptedWire(bytes("HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\n\r\n"));
        Http1ExchangeCodec codec = new Http1ExchangeCodec(wire, null);
        Request put = get("PUT", Body.bytes(new byte[100]), "Expect", "100-continue");
        codec.start(put, 1000);
        assertTrue(codec.writeRequestHead(put, true));
        assertFalse(codec.awaitContinue(50, null), "a final status came instead");
        codec.readResponseHead(null);
        assertEquals(413, codec.status());
        assertEquals(-1, codec.readBody(new byte[1], 0, 1));
        assertFalse(codec.reusable(), "the server did not read the body it never got");
    }

    @Test
    void aCutBodyFailsAndAnEmptyAnswerIsNoResponse() throws IOException {
        Http1ExchangeCodec cut = new Http1ExchangeCodec(new ScriptedWire(bytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc")), null);
        cut.start(get("GET", null), 1000);
        cut.writeRequestHead(get("GET", null), false);
        cut.readResponseHead(null);
        byte[] buf = new byte[16];
        assertEquals(3, cut.readBody(buf, 0, buf.length));
        IOException e = assertThrows(IOException.class, () -> cut.readBody(buf, 0, buf.length));
        assertFalse(e instanceof EOFException && cut.reusable());
        Http1ExchangeCodec empty = new Http1ExchangeCodec(new ScriptedWire(new byte[0]), null);
        empty.start(get("GET", null), 1000);
        empty.writeRequestHead(get("GET", null), false);
        assertThrows(IOException.class, () -> empty.readResponseHead(null));
        assertFalse(empty.receivedAnything(), "nothing arrived: the transport may treat it as a stale connection");
    }

    /**
     * A large body read with a large array moves from the socket into that array with no copy in
     * between, for a Content-Length body and for each chunk's data; only what came with the head (and
     * the chunk-size lines) passes through the parser's buffer.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"content-length", "chunked"})
    void largeBodiesGoFromTheWireStraightIntoTheCallersArray(String framing) throws IOException {
        int chunk = 64 * 1024;
        int chunks = 16;
        byte[] data = new byte[chunk];
        for (int i = 0; i < chunk; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        ScriptedWire wire = new ScriptedWire(new byte[0]);
        wire.chunks.clear();
        boolean chunked = framing.equals("chunked");
        String head = "HTTP/1.1 200 OK\r\n" + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + chunk * chunks)
                + "\r\n\r\n";
        for (int i = 0; i < chunks; i++) {
            String before = (i == 0 ? head : "") + (chunked ? (i == 0 ? "" : "\r\n") + Integer.toHexString(chunk) + "\r\n" : "");
            if (!before.isEmpty()) {
                wire.then(bytes(before)); // a head or a chunk-size line arrives by itself, as from a socket
            }
            wire.then(data.clone());
        }
        if (chunked) {
            wire.then(bytes("\r\n0\r\n\r\n"));
        }
        Http1ExchangeCodec codec = new Http1ExchangeCodec(wire, null);
        Request request = get("GET", null);
        codec.start(request, 1000);
        codec.writeRequestHead(request, false);
        codec.readResponseHead(null);
        byte[] buf = new byte[chunk];
        wire.watched = buf;
        long total = 0;
        for (int n; (n = codec.readBody(buf, 0, buf.length)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                assertEquals(data[(int) ((total + i) % chunk)], buf[i], "body byte " + (total + i));
            }
            total += n;
        }
        assertEquals((long) chunk * chunks, total);
        assertEquals(total, wire.bytesReadIntoWatched, "every body byte was read by the socket into the caller's array");
        assertTrue(codec.reusable());
    }

    /** Below the direct-read size a read goes through the parser's buffer (one socket read serves many small reads). */
    @Test
    void smallReadsGoThroughTheParsersBuffer() throws IOException {
        byte[] body = new byte[4 * Http1ExchangeCodec.DIRECT_READ_MIN];
        ScriptedWire wire = new ScriptedWire(bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n"));
        wire.then(body);
        Http1ExchangeCodec codec = new Http1ExchangeCodec(wire, null);
        Request request = get("GET", null);
        codec.start(request, 1000);
        codec.writeRequestHead(request, false);
        codec.readResponseHead(null);
        byte[] buf = new byte[Http1ExchangeCodec.DIRECT_READ_MIN - 1];
        wire.watched = buf;
        long total = 0;
        for (int n; (n = codec.readBody(buf, 0, buf.length)) >= 0; ) {
            total += n;
        }
        assertEquals(body.length, total);
        assertEquals(0, wire.bytesReadIntoWatched, "reads below DIRECT_READ_MIN are served from the parser's buffer");
    }
}
