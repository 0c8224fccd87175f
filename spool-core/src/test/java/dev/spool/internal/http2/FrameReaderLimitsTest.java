package dev.spool.internal.http2;

import static dev.spool.internal.http2.FrameHarness.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each limit of {@link FrameLimits}, at the bound and one past it, and the reader's failed state. */
class FrameReaderLimitsTest {
    /** One frame with a payload of {@code length} copies of 'x'. */
    static byte[] frame(int type, int flags, int stream, int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        return frame(type, flags, stream, payload);
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String xs(int n) {
        return "x".repeat(n);
    }

    @Test
    void aFrameAtOurMaxFrameSizeIsRead() {
        FrameHarness.of(frame(0, 1, 1, 16_384)).expect("DATA 1 END_STREAM '" + xs(16_384) + "' flow=16384");
    }

    @Test
    void aFrameAboveOurMaxFrameSizeFailsAsSoonAsItsHeaderArrives() {
        wire("004001 00 00 00000001").expect("ERROR connection FRAME_SIZE_ERROR: DATA frame on stream 1 has 16385"
                + " bytes, above our SETTINGS_MAX_FRAME_SIZE 16384");
    }

    @Test
    void aLargerMaxFrameSizeAcceptsLargerFrames() {
        FrameLimits limits = new FrameLimits(20_000, 64 * 1024, 32, 1024);
        FrameHarness.of(frame(0, 0, 1, 20_000)).limits(limits).expect("DATA 1 '" + xs(20_000) + "' flow=20000");
        FrameHarness.of(frame(1, 4, 1, 20_001)).limits(limits).expect("ERROR connection FRAME_SIZE_ERROR: HEADERS"
                + " frame on stream 1 has 20001 bytes, above our SETTINGS_MAX_FRAME_SIZE 20000");
    }

    @Test
    void aFieldBlockAtTheLimitInOneFrame() {
        FrameLimits limits = new FrameLimits(16_384, 100, 32, 1024);
        FrameHarness.of(frame(1, 4, 1, 100)).limits(limits).expect("HEADERS 1 '" + xs(100) + "'");
        FrameHarness.of(frame(1, 4, 1, 101)).limits(limits).expect("ERROR connection ENHANCE_YOUR_CALM: field block"
                + " on stream 1 exceeds 100 bytes (limit), at 101 bytes");
    }

    @Test
    void aFieldBlockAtTheLimitAcrossContinuations() {
        FrameLimits limits = new FrameLimits(16_384, 100, 32, 1024);
        FrameHarness.of(concat(frame(1, 0, 1, 60), frame(9, 4, 1, 40))).limits(limits)
                .expect("HEADERS 1 '" + xs(100) + "'");
        FrameHarness.of(concat(frame(1, 0, 1, 60), frame(9, 0, 1, 40), frame(9, 4, 1, 1))).limits(limits)
                .expect("ERROR connection ENHANCE_YOUR_CALM: field block on stream 1 exceeds 100 bytes (limit), at 101 bytes");
    }

    @Test
    void continuationFramesUpToTheLimit() {
        FrameLimits limits = new FrameLimits(16_384, 1024, 3, 1024);
        byte[] three = concat(frame(1, 1, 5, 1), frame(9, 0, 5, 1), frame(9, 0, 5, 1), frame(9, 4, 5, 1));
        FrameHarness.of(three).limits(limits).expect("HEADERS 5 END_STREAM 'xxxx'");
        byte[] four = concat(frame(1, 1, 5, 1), frame(9, 0, 5, 1), frame(9, 0, 5, 1), frame(9, 0, 5, 1),
                frame(9, 4, 5, 1));
        FrameHarness.of(four).limits(limits).expect("ERROR connection ENHANCE_YOUR_CALM: field block on stream 5"
                + " needs more than 3 CONTINUATION frames (limit)");
    }

    @Test
    void aFloodOfEmptyContinuationFramesEndsAtTheDefaultLimit() {
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        flood.writeBytes(frame(1, 0, 1, 1));
        for (int i = 0; i < 10_000; i++) {
            flood.writeBytes(frame(9, 0, 1, 0));
        }
        FrameReader r = new FrameReader(FrameLimits.DEFAULT);
        byte[] bytes = flood.toByteArray();
        r.feed(bytes, 0, bytes.length);
        Http2Exception e = assertThrows(Http2Exception.class, r::next);
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.errorCode());
        assertTrue(e.isConnectionError());
        assertEquals("field block on stream 1 needs more than 32 CONTINUATION frames (limit)", e.getMessage());
        // it stopped at the 33rd frame: the rest is still buffered, unread
        assertEquals(bytes.length - 10 - 33 * 9, r.buffered());
    }

    @Test
    void goAwayDebugDataIsTruncatedToTheLimit() {
        FrameLimits limits = new FrameLimits(16_384, 1024, 32, 4);
        byte[] payload = concat(new byte[8], "0123456789".getBytes(StandardCharsets.US_ASCII));
        FrameHarness.of(frame(7, 0, 0, payload)).limits(limits).expect("GOAWAY last=0 NO_ERROR (0x0) '0123'");
        FrameHarness.of(frame(7, 0, 0, payload)).expect("GOAWAY last=0 NO_ERROR (0x0) '0123456789'");
    }

    @Test
    void afterAConnectionErrorTheReaderStaysFailed() throws Http2Exception {
        FrameReader r = new FrameReader(FrameLimits.DEFAULT);
        byte[] bad = FrameHarness.bytes("000001 00 00 00000000 'x'");
        r.feed(bad, 0, bad.length);
        assertThrows(Http2Exception.class, r::next);
        byte[] good = FrameHarness.bytes("000000 04 01 00000000");
        r.feed(good, 0, good.length);
        Http2Exception again = assertThrows(Http2Exception.class, r::next);
        assertEquals("the connection already failed: DATA frame on stream 0", again.getMessage());
        assertEquals(ErrorCode.PROTOCOL_ERROR, again.errorCode());
    }

    @Test
    void afterAStreamErrorReadingGoesOn() throws Http2Exception {
        FrameReader r = new FrameReader(FrameLimits.DEFAULT);
        byte[] in = FrameHarness.bytes("000004 08 00 00000007 00000000  000000 04 01 00000000");
        r.feed(in, 0, in.length);
        Http2Exception e = assertThrows(Http2Exception.class, r::next);
        assertEquals(7, e.streamId());
        assertEquals(false, e.isConnectionError());
        assertEquals(FrameReader.Event.SETTINGS_ACK, r.next());
        assertEquals(FrameReader.Event.NEED_DATA, r.next());
    }

    @Test
    void theInputBufferGrowsNoFurtherThanOneLargestFramePlusOneRead() {
        FrameReader r = new FrameReader(FrameLimits.DEFAULT);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> {
            while (true) {
                r.inputBuffer(4096);
                r.inputWritten(Math.min(4096, r.inputSpace()));
            }
        });
        assertEquals("the input buffer is full of unconsumed bytes; call next() first", full.getMessage());
        assertTrue(r.buffered() <= 9 + 16_384 + FrameInput.INITIAL_CAPACITY, "buffered " + r.buffered());
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(16_383, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1 << 24, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(16_384, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(16_384, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(16_384, 1, 1, -1));
    }
}
