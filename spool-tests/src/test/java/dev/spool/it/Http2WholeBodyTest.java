package dev.spool.it;

import static dev.spool.it.Http2HostilePeerTest.awaitFrame;
import static dev.spool.it.Http2HostilePeerTest.greet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Response;
import dev.spool.Session;
import dev.spool.internal.http2.FrameWriter;
import dev.spool.internal.http2.hpack.HpackEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A body read whole ({@code bytes()}) over HTTP/2: when its DATA arrived in one piece it is handed
 * over without a copy, else read as usual; either way the body is exact and the connection goes back
 * to the pool for the next request.
 */
@Timeout(30)
class Http2WholeBodyTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A body that arrives in one piece is not copied: the caller allocates less than the body. */
    static final int ONE_PIECE = 12_000;

    @Test
    void bodiesSplitOrInOnePieceAreExactAndTheConnectionIsReused() throws Exception {
        byte[] big = new byte[ONE_PIECE];
        Arrays.fill(big, (byte) 'x');
        try (Http2HostilePeerTest.RawServer server = new Http2HostilePeerTest.RawServer((in, out) -> {
            greet(in, out);
            HpackEncoder enc = new HpackEncoder();
            FrameWriter w = new FrameWriter();
            // Stream 1: the body split over two DATA frames.
            awaitFrame(in, 1);
            head(enc, w, 1, 6);
            w.writeData(1, ascii("wor"), 0, 3, false);
            w.writeData(1, ascii("ld!"), 0, 3, true);
            out.write(w.array(), 0, w.size());
            w.clear();
            // Stream 3: one DATA frame with END_STREAM, as long as Content-Length says, in one write
            // (one loopback segment: the client reads it whole before it wakes the caller).
            awaitFrame(in, 1);
            head(enc, w, 3, ONE_PIECE);
            w.writeData(3, big, 0, big.length, true);
            out.write(w.array(), 0, w.size());
            w.clear();
            // Stream 5: the body in one DATA frame, END_STREAM on an empty one after it.
            awaitFrame(in, 1);
            head(enc, w, 5, 4);
            w.writeData(5, ascii("abcd"), 0, 4, false);
            w.writeData(5, new byte[0], 0, 0, true);
            out.write(w.array(), 0, w.size());
            out.flush();
            awaitFrame(in, 7); // the client's GOAWAY when the session closes
        }); Session s = Http2HostilePeerTest.session(Duration.ofSeconds(10))) {
            Response first = s.get(server.url("/split"));
            assertArrayEquals(ascii("world!"), first.bytes());
            assertEquals("h2", first.connection().protocol());
            assertFalse(first.connection().reused());

            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            Response second = s.get(server.url("/one-piece")); // reads the body whole
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertArrayEquals(big, second.bytes());
            assertTrue(allocated < ONE_PIECE, "the caller allocated " + allocated + " bytes for a body of "
                    + ONE_PIECE + ": it was copied");
            assertTrue(second.connection().reused(), "the first body's end gave the connection back");

            Response third = s.get(server.url("/empty-end"));
            assertArrayEquals(ascii("abcd"), third.bytes());
            assertTrue(third.connection().reused());
            assertEquals(0, s.poolStats().inUse(), "every body ended and gave its stream back");
            assertEquals(1, s.poolStats().idle());
        }
    }

    /** A 200 response head with a Content-Length on {@code stream}. */
    private static void head(HpackEncoder enc, FrameWriter w, int stream, int contentLength) {
        enc.startBlock();
        enc.addField(":status", "200", false);
        enc.addField("content-length", Integer.toString(contentLength), false);
        byte[] block = Arrays.copyOf(enc.buffer(), enc.length());
        w.writeHeaders(stream, block, 0, block.length, false);
    }
}
