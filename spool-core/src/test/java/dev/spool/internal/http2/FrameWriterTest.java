package dev.spool.internal.http2;

import static dev.spool.internal.http2.FrameHarness.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FrameWriter}: exact bytes of each frame, splitting at the peer's max frame size, and writer-to-reader round trips. */
class FrameWriterTest {
    private final FrameWriter w = new FrameWriter();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void written(String expected) {
        assertArrayEquals(bytes(expected), w.toByteArray());
    }

    @Test
    void clientPrefaceWithOurSettings() {
        w.writePreface(Settings.CLIENT);
        written("'PRI * HTTP/2.0' 0d0a 0d0a 'SM' 0d0a 0d0a  000006 04 00 00000000 0002 00000000");
    }

    @Test
    void settingsSendOnlyWhatDiffersFromTheDefaults() {
        w.writeSettings(Settings.RFC_DEFAULTS);
        w.writeSettings(Settings.CLIENT.with(4, 1 << 20).with(6, 65_536).with(1, 0));
        w.writeSettingsAck();
        written("000000 04 00 00000000"
                + "  000018 04 00 00000000 0001 00000000 0002 00000000 0004 00100000 0006 00010000"
                + "  000000 04 01 00000000");
    }

    @Test
    void headersInOneFrame() {
        w.writeHeaders(1, ascii("abc"), 0, 3, true);
        w.writeHeaders(3, ascii("xy"), 0, 2, false);
        written("000003 01 05 00000001 'abc'  000002 01 04 00000003 'xy'");
    }

    @Test
    void headersSplitIntoContinuationsAtTheMaxFrameSize() {
        byte[] block = new byte[16_384 * 2 + 5];
        Arrays.fill(block, (byte) 'h');
        w.writeHeaders(7, block, 0, block.length, true);
        byte[] out = w.toByteArray();
        assertEquals(3 * 9 + block.length, out.length);
        assertArrayEquals(bytes("004000 01 01 00000007"), Arrays.copyOfRange(out, 0, 9));
        assertArrayEquals(bytes("004000 09 00 00000007"), Arrays.copyOfRange(out, 9 + 16_384, 18 + 16_384));
        assertArrayEquals(bytes("000005 09 04 00000007 'hhhhh'"), Arrays.copyOfRange(out, 18 + 2 * 16_384, out.length));
    }

    @Test
    void dataSplitAtALargerPeerMaxFrameSize() {
        w.maxFrameSize(20_000);
        byte[] data = new byte[20_001];
        w.writeData(1, data, 0, data.length, true);
        byte[] out = w.toByteArray();
        assertArrayEquals(bytes("004e20 00 00 00000001"), Arrays.copyOfRange(out, 0, 9));
        assertArrayEquals(bytes("000001 00 01 00000001 00"), Arrays.copyOfRange(out, 9 + 20_000, out.length));
    }

    @Test
    void dataFramesAndAnEmptyEndStream() {
        w.writeData(1, ascii("--hello--"), 2, 5, false);
        w.writeData(1, new byte[0], 0, 0, true);
        written("000005 00 00 00000001 'hello'  000000 00 01 00000001");
    }

    @Test
    void controlFrames() {
        w.writeWindowUpdate(0, 65_535);
        w.writeWindowUpdate(3, Integer.MAX_VALUE);
        w.writeRstStream(3, ErrorCode.CANCEL);
        w.writePing(0x0102030405060708L);
        w.writePingAck(-1L);
        w.writeGoAway(5, ErrorCode.ENHANCE_YOUR_CALM, ascii("calm"));
        written("000004 08 00 00000000 0000ffff  000004 08 00 00000003 7fffffff  000004 03 00 00000003 00000008"
                + "  000008 06 00 00000000 0102030405060708  000008 06 01 00000000 ffffffffffffffff"
                + "  00000c 07 00 00000000 00000005 0000000b 'calm'");
    }

    @Test
    void goAwayDebugDataIsCutToOneFrame() {
        w.writeGoAway(0, ErrorCode.NO_ERROR, new byte[20_000]);
        assertEquals(9 + 16_384, w.size());
    }

    @Test
    void clearKeepsTheArray() {
        w.writeData(1, new byte[40_000], 0, 40_000, false);
        byte[] array = w.array();
        w.clear();
        assertEquals(0, w.size());
        w.writePing(1);
        assertSame(array, w.array());
        assertEquals(17, w.size());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> w.writeData(0, new byte[1], 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> w.writeHeaders(-1, new byte[1], 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> w.writeWindowUpdate(1, 0));
        assertThrows(IllegalArgumentException.class, () -> w.writeWindowUpdate(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> w.writeRstStream(0, ErrorCode.CANCEL));
        assertThrows(IllegalArgumentException.class, () -> w.writeGoAway(-1, ErrorCode.NO_ERROR, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> w.maxFrameSize(16_383));
        assertThrows(IllegalArgumentException.class, () -> w.maxFrameSize(1 << 24));
        assertThrows(IndexOutOfBoundsException.class, () -> w.writeData(1, new byte[1], 0, 2, false));
        assertEquals(0, w.size());
    }

    /**
     * Random sequences of frames (seeded), written then read back through the reader fed in random
     * pieces: the reader yields exactly what was written, field blocks and DATA split at random max
     * frame sizes reassembled.
     */
    @Test
    void roundTripsThroughTheReader() throws Http2Exception {
        for (long seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            int peerMax = rnd.nextBoolean() ? 16_384 : 16_384 + rnd.nextInt(20_000);
            FrameWriter writer = new FrameWriter();
            writer.maxFrameSize(peerMax);
            List<String> expected = new ArrayList<>();
            int frames = 1 + rnd.nextInt(12);
            for (int i = 0; i < frames; i++) {
                int stream = 1 + 2 * rnd.nextInt(1000);
                boolean end = rnd.nextBoolean();
                switch (rnd.nextInt(8)) {
                    case 0 -> {
                        byte[] block = randomText(rnd, rnd.nextInt(3) == 0 ? rnd.nextInt(60_000) : rnd.nextInt(200));
                        writer.writeHeaders(stream, block, 0, block.length, end);
                        expected.add("HEADERS " + stream + (end ? " END_STREAM" : "") + " '" + text(block) + "'");
                    }
                    case 1 -> {
                        byte[] data = randomText(rnd, rnd.nextInt(3) == 0 ? rnd.nextInt(50_000) : rnd.nextInt(100));
                        writer.writeData(stream, data, 0, data.length, end);
                        for (int done = 0; ; ) {
                            int n = Math.min(peerMax, data.length - done);
                            boolean last = done + n == data.length;
                            expected.add("DATA " + stream + (last && end ? " END_STREAM" : "") + " '"
                                    + text(Arrays.copyOfRange(data, done, done + n)) + "' flow=" + n);
                            done += n;
                            if (last) {
                                break;
                            }
                        }
                    }
                    case 2 -> {
                        int inc = 1 + rnd.nextInt(Integer.MAX_VALUE);
                        int on = rnd.nextBoolean() ? 0 : stream;
                        writer.writeWindowUpdate(on, inc);
                        expected.add("WINDOW_UPDATE " + on + " +" + inc);
                    }
                    case 3 -> {
                        ErrorCode code = ErrorCode.values()[rnd.nextInt(ErrorCode.values().length)];
                        writer.writeRstStream(stream, code);
                        expected.add("RST_STREAM " + stream + " " + ErrorCode.describe(code.code()));
                    }
                    case 4 -> {
                        long data = rnd.nextLong();
                        if (end) {
                            writer.writePingAck(data);
                            expected.add("PING_ACK " + Long.toHexString(data));
                        } else {
                            writer.writePing(data);
                            expected.add("PING " + Long.toHexString(data));
                        }
                    }
                    case 5 -> {
                        byte[] debug = randomText(rnd, rnd.nextInt(50));
                        ErrorCode code = ErrorCode.values()[rnd.nextInt(ErrorCode.values().length)];
                        writer.writeGoAway(stream, code, debug);
                        expected.add("GOAWAY last=" + stream + " " + ErrorCode.describe(code.code()) + " '" + text(debug) + "'");
                    }
                    case 6 -> {
                        Settings s = Settings.CLIENT.with(4, rnd.nextInt(Integer.MAX_VALUE))
                                .with(5, 16_384 + rnd.nextInt(1000)).with(1, rnd.nextInt(100_000));
                        writer.writeSettings(s);
                        FrameReader probe = new FrameReader(FrameLimits.DEFAULT);
                        expected.add(settingsLine(s));
                        assertEquals(s, settingsRoundTrip(s, probe));
                    }
                    default -> {
                        writer.writeSettingsAck();
                        expected.add("SETTINGS_ACK");
                    }
                }
            }
            FrameReader reader = new FrameReader(new FrameLimits(Math.max(peerMax, 16_384), 64 * 1024, 8, 1024));
            byte[] wire = writer.toByteArray();
            List<String> actual = new ArrayList<>();
            int from = 0;
            while (true) {
                FrameReader.Event e = reader.next();
                if (e != FrameReader.Event.NEED_DATA) {
                    actual.add(FrameHarness.render(reader, e));
                    continue;
                }
                if (from == wire.length) {
                    break;
                }
                int n = Math.min(wire.length - from, 1 + rnd.nextInt(5000));
                reader.feed(wire, from, n);
                from += n;
            }
            assertEquals(expected, actual, "seed " + seed);
            assertEquals(0, reader.buffered(), "seed " + seed);
        }
    }

    private static String settingsLine(Settings s) {
        StringBuilder sb = new StringBuilder("SETTINGS");
        for (int id = 1; id <= 6; id++) {
            if (s.get(id) != Settings.RFC_DEFAULTS.get(id)) {
                sb.append(' ').append(id).append('=').append(s.get(id));
            }
        }
        return sb.toString();
    }

    private static Settings settingsRoundTrip(Settings s, FrameReader reader) throws Http2Exception {
        FrameWriter writer = new FrameWriter();
        writer.writeSettings(s);
        reader.feed(writer.array(), 0, writer.size());
        assertEquals(FrameReader.Event.SETTINGS, reader.next());
        return reader.applySettings(Settings.RFC_DEFAULTS);
    }

    private static byte[] randomText(Random rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + rnd.nextInt(26));
        }
        return b;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
