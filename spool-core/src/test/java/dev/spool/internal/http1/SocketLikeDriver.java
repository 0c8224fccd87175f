package dev.spool.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Drives a {@link ResponseParser} exactly as a connection does (bytes read into
 * {@link ResponseParser#inputBuffer}, body bytes read straight into the caller's array when
 * {@link ResponseParser#directBodyLimit()} allows, next() until NEED_DATA before each read) and
 * checks what must hold for any input: only {@link Http1Exception} escapes, the number of calls is
 * bounded, the buffer never grows past what the limits allow, body slices are sane, and a
 * Content-Length body delivers exactly its length. Used by the fuzz tests.
 */
final class SocketLikeDriver {
    private final HeaderLimits limits;
    /** The largest the parser's buffer may become under these limits (see the parser's maxCapacity). */
    private final int maxBuffer;

    SocketLikeDriver(HeaderLimits limits) {
        this.limits = limits;
        int lineLimit = Math.min(limits.maxLineBytes(), limits.maxHeadBytes());
        this.maxBuffer = Math.max(lineLimit, WireText.QUOTE_BYTES) + 2 + 16 * 1024;
    }

    /** Limits picked by two bits of an options byte: the defaults, or small ones that the fuzzer can reach. */
    static HeaderLimits limits(int bits) {
        switch (bits & 3) {
            case 0:
                return HeaderLimits.DEFAULT;
            case 1:
                return new HeaderLimits(200, 4, 60);
            case 2:
                return new HeaderLimits(64, 2, 200);
            default:
                return new HeaderLimits(1024, 10, 1);
        }
    }

    /**
     * Parses {@code input[from..]} as a sequence of responses (pipelined), the i-th answering a HEAD
     * request when bit {@code i % 8} of {@code headBits} is set. With {@code splits} null the socket
     * hands over everything it can at once; otherwise reads return random short counts and the
     * direct body path is used at random.
     *
     * @return the events, each run of BODY events as one {@code BODY n=length crc=CRC-32} entry (cheap
     *     to compare, whatever the split), and a last {@code ERROR message} if the parser failed
     */
    List<String> run(byte[] input, int from, int headBits, Random splits) {
        ResponseParser p = new ResponseParser(limits);
        int response = 0;
        p.startResponse((headBits & 1) != 0);
        List<String> out = new ArrayList<>();
        CRC32 body = null;
        long bodyBytes = 0;
        int pos = from;
        long steps = 0;
        long maxSteps = 5L * (input.length - from) + 100;
        try {
            while (true) {
                if (++steps > maxSteps) {
                    fail("no progress after " + maxSteps + " steps at input offset " + pos);
                }
                long direct = p.directBodyLimit();
                if (direct > 0 && (splits == null || splits.nextBoolean())) {
                    // A read straight into the caller's array, tried before next() as BodyStream does
                    // for large reads; at the end of input that read returns -1.
                    if (pos == input.length) {
                        p.feedEof();
                        continue;
                    }
                    int want = splits == null ? input.length - pos : 1 + splits.nextInt(200);
                    int n = (int) Math.min(direct, Math.min(want, input.length - pos));
                    body = appendBody(out, body, bodyBytes, input, pos, n);
                    bodyBytes += n;
                    p.directBodyRead(n);
                    pos += n;
                    continue;
                }
                ResponseParser.Event e = p.next();
                checkBounds(p);
                switch (e) {
                    case NEED_DATA: {
                        if (pos == input.length) {
                            p.feedEof();
                            break;
                        }
                        int want = splits == null ? input.length - pos : 1 + splits.nextInt(splits.nextBoolean() ? 8 : 200);
                        byte[] buf = p.inputBuffer(want);
                        int n = Math.min(Math.min(want, p.inputSpace()), input.length - pos);
                        System.arraycopy(input, pos, buf, p.inputOffset(), n);
                        p.inputWritten(n);
                        pos += n;
                        checkBounds(p);
                        break;
                    }
                    case BODY: {
                        int off = p.bodyOffset();
                        int len = p.bodyLength();
                        assertTrue(len > 0, "empty BODY event");
                        assertTrue(off >= 0 && off + len <= p.bodyArray().length, "BODY slice outside the buffer");
                        body = appendBody(out, body, bodyBytes, p.bodyArray(), off, len);
                        bodyBytes += len;
                        break;
                    }
                    case END:
                        if (p.framing() == ResponseParser.Framing.CONTENT_LENGTH) {
                            assertEquals(p.contentLength(), bodyBytes, "a Content-Length body delivered another length");
                        }
                        out.add(ParserHarness.render(p, e));
                        body = null;
                        bodyBytes = 0;
                        if (pos == input.length && p.buffered() == 0) {
                            return out;
                        }
                        response++;
                        p.startResponse((headBits >>> (response % 8) & 1) != 0);
                        break;
                    case HEAD:
                        body = null;
                        bodyBytes = 0;
                        out.add(ParserHarness.render(p, e));
                        break;
                    default:
                        out.add(ParserHarness.render(p, e));
                        break;
                }
            }
        } catch (Http1Exception x) {
            out.add("ERROR " + x.getMessage());
            return out;
        }
    }

    private void checkBounds(ResponseParser p) {
        int capacity = p.bodyArray().length;
        if (capacity > maxBuffer) {
            fail("the parser's buffer grew to " + capacity + " bytes; the limits " + limits + " allow " + maxBuffer);
        }
    }

    private static CRC32 appendBody(List<String> out, CRC32 body, long before, byte[] b, int off, int len) {
        if (body == null) {
            body = new CRC32();
            out.add("");
        }
        body.update(b, off, len);
        out.set(out.size() - 1, "BODY n=" + (before + len) + " crc=" + Long.toHexString(body.getValue()));
        return body;
    }
}
