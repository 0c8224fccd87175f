package dev.spool.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Coverage-guided fuzzing of the HTTP/2 {@link FrameReader} with Jazzer. In a normal build this runs
 * as a regression test over the committed inputs in {@code FrameFuzzTestInputs/frameReader/}; with
 * {@code JAZZER_FUZZ=1} (as {@code .ci/run} does) Jazzer mutates inputs for {@code maxDuration} and
 * saves any failing one there.
 *
 * <p>Input layout, so that seeds are readable files: byte 0 picks the limits (bit 0 the frame size,
 * bits 1-2 the field block size, bits 3-4 the CONTINUATION count, bit 5 the GOAWAY debug bytes);
 * byte 1 seeds how the socket splits the rest; the rest is what the server sends.
 */
class FrameFuzzTest {
    private static final int[] BLOCK_BYTES = {64 * 1024, 100, 16, 1};
    private static final int[] CONTINUATIONS = {32, 0, 1, 3};

    static FrameLimits limits(int options) {
        return new FrameLimits((options & 1) == 0 ? 16_384 : 17_000, BLOCK_BYTES[options >>> 1 & 3],
                CONTINUATIONS[options >>> 3 & 3], (options & 0x20) == 0 ? 1024 : 0);
    }

    /**
     * Any bytes, in any split: only {@link Http2Exception} escapes, every event stays within the
     * limits and the RFC's ranges, the buffer stays bounded, and the events are the same as when
     * the socket hands everything over at once.
     */
    @FuzzTest(maxDuration = "60s")
    void frameReader(byte[] data) throws Http2Exception {
        if (data.length < 2) {
            return;
        }
        FrameLimits limits = limits(data[0] & 0xff);
        byte[] input = Arrays.copyOfRange(data, 2, data.length);
        checkInvariants(input, limits);
        FrameHarness harness = FrameHarness.of(input).limits(limits);
        List<String> whole = harness.run(new int[] {input.length}, false);
        Random rnd = new Random(data[1]);
        int[] ends = new int[input.length];
        int n = 0;
        for (int at = 0; at < input.length; ) {
            at = Math.min(input.length, at + 1 + rnd.nextInt(40));
            ends[n++] = at;
        }
        assertEquals(whole, harness.run(Arrays.copyOf(ends, n), rnd.nextBoolean()), "events depend on how the bytes were split");
    }

    /** Reads the input whole and checks each event against the limits and RFC 9113's ranges. */
    private static void checkInvariants(byte[] input, FrameLimits limits) {
        FrameReader r = new FrameReader(limits);
        r.feed(input, 0, input.length);
        for (int calls = 0; calls <= input.length / 9 + 1; calls++) {
            FrameReader.Event e;
            try {
                e = r.next();
            } catch (Http2Exception x) {
                assertTrue(x.getMessage() != null && !x.getMessage().isEmpty(), "an error without a message");
                if (x.isConnectionError()) {
                    return;
                }
                continue;
            }
            switch (e) {
                case NEED_DATA -> {
                    assertTrue(r.buffered() < 9 + limits.maxFrameSize() || r.inFieldBlock(), "a whole frame was left unread");
                    return;
                }
                case DATA -> {
                    assertTrue(r.streamId() > 0, "DATA on stream 0");
                    assertTrue(r.payloadLength() <= r.flowControlledLength() && r.flowControlledLength() <= limits.maxFrameSize(), "DATA length");
                }
                case HEADERS -> {
                    assertTrue(r.streamId() > 0, "HEADERS on stream 0");
                    assertTrue(r.payloadLength() <= limits.maxHeaderBlockBytes(), "field block above the limit");
                }
                case GOAWAY -> assertTrue(r.debugData().length <= limits.maxGoAwayDebugBytes(), "debug data above the limit");
                case WINDOW_UPDATE -> assertTrue(r.windowIncrement() > 0, "WINDOW_UPDATE of 0");
                case SETTINGS -> {
                    for (int i = 0; i < r.settingsCount(); i++) {
                        int id = r.settingId(i);
                        assertTrue(id >= 1 && id <= 6 && (id != 2 || r.settingValue(i) == 0), "setting " + id);
                    }
                    Settings s = r.applySettings(Settings.SERVER_BEFORE_SETTINGS);
                    assertTrue(s.initialWindowSize() >= 0 && s.maxFrameSize() >= 16_384, s.toString());
                }
                case PING, PING_ACK, SETTINGS_ACK -> assertEquals(0, r.streamId());
                case RST_STREAM -> assertTrue(r.streamId() > 0, "RST_STREAM on stream 0");
            }
        }
        throw new AssertionError("more events than frames in " + input.length + " bytes");
    }
}
