package dev.spool.internal.http1;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Light fuzzing without a framework: random and mutated responses, fed in random pieces, must only
 * ever yield events or an {@link Http1Exception}, never another exception or an endless loop.
 */
class ResponseParserFuzzTest {
    /** Fixed, so a failure reproduces; the failing input is printed with the seed's round. */
    private static final long SEED = 0x5b001_2024L;
    private static final int ROUNDS = 20_000;

    private static final String[] SEEDS = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"b\"\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=100\r\n\r\nbody",
        "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
        "HTTP/1.1 200\nX-Folded: a\n b\nContent-Length: 1\n\nx",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    };

    /** Pieces that make mutations likely to hit interesting parser paths. */
    private static final String[] TOKENS = {
        "\r\n", "\n", "\r", " ", "\t", ":", ";", ",", "\"", "\\", "0", "9", "f", "HTTP/1.1 ", "200 ",
        "Content-Length: ", "Transfer-Encoding: chunked", "Connection: close", "\r\n\r\n", "\u0000", "\u00ff",
        "ffffffffffffffffff", "99999999999999999999", "-1",
    };

    @Test
    void randomAndMutatedInputsOnlyYieldEventsOrHttp1Exceptions() {
        Random random = new Random(SEED);
        int errors = 0;
        int ends = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = input(random, round);
            HeaderLimits limits = random.nextInt(4) == 0
                    ? new HeaderLimits(1 + random.nextInt(200), random.nextInt(6), 1 + random.nextInt(80))
                    : HeaderLimits.DEFAULT;
            try {
                ends += run(input, limits, random);
            } catch (Http1Exception expected) {
                errors++;
            } catch (RuntimeException | AssertionError e) {
                AssertionError failure = new AssertionError("round " + round + " with limits " + limits + ", input "
                        + ParserHarness.escape(new String(input, StandardCharsets.ISO_8859_1)), e);
                throw failure;
            }
        }
        // Both outcomes must be common, or the mutations are not exploring anything.
        assertTrue(errors > ROUNDS / 10, "errors: " + errors);
        assertTrue(ends > ROUNDS / 10, "complete responses: " + ends);
    }

    private static byte[] input(Random random, int round) {
        if (round % 10 == 0) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            return noise;
        }
        StringBuilder sb = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations && sb.length() > 0; m++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0:
                    sb.setCharAt(at, (char) random.nextInt(256));
                    break;
                case 1:
                    sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                    break;
                case 2:
                    sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(8)));
                    break;
                case 3:
                    sb.append(SEEDS[random.nextInt(SEEDS.length)]);
                    break;
                default:
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(20));
                    sb.insert(at, sb.substring(at, end));
                    break;
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Feeds one input in random pieces, mixing feed(), the zero-copy path and the direct body path,
     * pipelining further responses after each END. Returns how many responses ended.
     */
    private static int run(byte[] input, HeaderLimits limits, Random random) throws Http1Exception {
        ResponseParser p = new ResponseParser(limits);
        p.startResponse(random.nextInt(8) == 0);
        int from = 0;
        int ends = 0;
        int calls = 0;
        int maxCalls = 4 * input.length + 100;
        while (true) {
            if (++calls > maxCalls) {
                fail("no progress after " + maxCalls + " calls to next()");
            }
            ResponseParser.Event e = p.next();
            switch (e) {
                case NEED_DATA:
                    if (from == input.length) {
                        if (p.directBodyLimit() == Long.MAX_VALUE && random.nextBoolean()) {
                            p.directBodyRead(random.nextInt(100));
                        }
                        p.feedEof();
                        break;
                    }
                    long direct = p.directBodyLimit();
                    if (direct > 0 && random.nextBoolean()) {
                        // Pretend to read body bytes straight from the socket.
                        int n = (int) Math.min(direct, Math.min(input.length - from, 1 + random.nextInt(16)));
                        from += n;
                        p.directBodyRead(n);
                        break;
                    }
                    int n = Math.min(input.length - from, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
                    if (random.nextBoolean()) {
                        p.feed(input, from, n);
                    } else {
                        byte[] buf = p.inputBuffer(n);
                        n = Math.min(n, p.inputSpace());
                        System.arraycopy(input, from, buf, p.inputOffset(), n);
                        p.inputWritten(n);
                    }
                    from += n;
                    break;
                case BODY:
                    if (p.bodyLength() <= 0 || p.bodyOffset() < 0 || p.bodyOffset() + p.bodyLength() > p.bodyArray().length) {
                        fail("bad BODY slice " + p.bodyOffset() + "+" + p.bodyLength());
                    }
                    break;
                case END:
                    ends++;
                    if (from == input.length && p.buffered() == 0) {
                        return ends;
                    }
                    p.startResponse(random.nextInt(8) == 0);
                    break;
                default:
                    ParserHarness.render(p, e); // reads every accessor
                    break;
            }
        }
    }
}
