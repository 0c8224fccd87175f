package dev.spool.internal.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Coverage-guided fuzzing of the response parser with Jazzer. In a normal build these run as
 * regression tests over the committed inputs in {@code CodecFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} (as {@code .ci/run} does, one target per run) Jazzer mutates inputs for
 * {@code maxDuration} and saves any failing one there.
 *
 * <p>Input layout, so that seeds are readable files: byte 0 picks the header limits (bits 0-1) and
 * which pipelined responses answer a HEAD request (bits 2-7, one per response, cycling); byte 1 seeds
 * how the socket splits the rest; the rest is what the server sends.
 */
class CodecFuzzTest {
    /** The head of a chunked response; {@link #chunkedBody} fuzzes what follows it. */
    static final byte[] CHUNKED_HEAD =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Any bytes, in any split, mixing buffered and direct body reads: only {@link Http1Exception}
     * escapes, calls are bounded, the buffer stays within the limits, and the events are the same as
     * when the socket hands everything over at once.
     */
    @FuzzTest(maxDuration = "60s")
    void responseParser(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int options = data[0] & 0xff;
        SocketLikeDriver driver = new SocketLikeDriver(SocketLikeDriver.limits(options));
        int headBits = options >>> 2;
        List<String> whole = driver.run(data, 2, headBits, null);
        List<String> split = driver.run(data, 2, headBits, new Random(data[1]));
        assertEquals(whole, split, "events depend on how the bytes were split");
    }

    /**
     * Any bytes after a chunked head: the chunk decoder yields the same events in any split, and a
     * body that ends cleanly is never longer than its input and parses back to itself when re-encoded
     * as one canonical chunk.
     */
    @FuzzTest(maxDuration = "60s")
    void chunkedBody(byte[] data) throws Http1Exception {
        if (data.length < 2) {
            return;
        }
        byte[] input = new byte[CHUNKED_HEAD.length + data.length - 2];
        System.arraycopy(CHUNKED_HEAD, 0, input, 0, CHUNKED_HEAD.length);
        System.arraycopy(data, 2, input, CHUNKED_HEAD.length, data.length - 2);
        HeaderLimits limits = SocketLikeDriver.limits(data[0]);
        SocketLikeDriver driver = new SocketLikeDriver(limits);
        List<String> whole = driver.run(input, 0, 0, null);
        List<String> split = driver.run(input, 0, 0, new Random(data[1]));
        assertEquals(whole, split, "events depend on how the bytes were split");
        byte[] body = firstBody(input, limits);
        if (body != null) {
            assertTrue(body.length <= data.length, "the body is longer than its chunked encoding");
            assertArrayEquals(body, firstBody(canonicalChunked(body), HeaderLimits.DEFAULT), "re-chunked body differs");
        }
    }

    /** The first response's body if it ended without error (fed whole, then EOF), else null. */
    static byte[] firstBody(byte[] input, HeaderLimits limits) {
        ResponseParser p = new ResponseParser(limits);
        p.feed(input, 0, input.length);
        p.feedEof();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (true) {
                ResponseParser.Event e = p.next();
                if (e == ResponseParser.Event.BODY) {
                    out.write(p.bodyArray(), p.bodyOffset(), p.bodyLength());
                } else if (e == ResponseParser.Event.END) {
                    return out.toByteArray();
                } else if (e == ResponseParser.Event.NEED_DATA) {
                    return null;
                }
            }
        } catch (Http1Exception e) {
            return null;
        }
    }

    /** The chunked response carrying {@code body} as one chunk (none when empty) and no trailers. */
    static byte[] canonicalChunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(CHUNKED_HEAD);
        if (body.length > 0) {
            out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
