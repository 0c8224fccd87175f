package dev.spool.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs one byte-table case through a {@link FrameReader} fed in every way a socket could split the
 * bytes (whole, in two pieces at every position, byte by byte through the zero-copy input path) and
 * checks that each way yields the expected events, rendered as text by {@link #render}.
 */
final class FrameHarness {
    private final byte[] input;
    private FrameLimits limits = FrameLimits.DEFAULT;

    private FrameHarness(byte[] input) {
        this.input = input;
    }

    /** A case whose input is written as hex digits with {@code 'ascii'} runs, spaces ignored. */
    static FrameHarness wire(String text) {
        return new FrameHarness(bytes(text));
    }

    /** A case with this exact input. */
    static FrameHarness of(byte[] input) {
        return new FrameHarness(input);
    }

    FrameHarness limits(FrameLimits limits) {
        this.limits = limits;
        return this;
    }

    /** Hex digits with {@code 'ascii'} runs, whitespace ignored, as bytes. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                out.writeBytes(HexFormat.of().parseHex(hex));
                hex.setLength(0);
                out.writeBytes(text.substring(i + 1, end).getBytes(StandardCharsets.ISO_8859_1));
                i = end;
            } else if (!Character.isWhitespace(c)) {
                hex.append(c);
            }
        }
        out.writeBytes(HexFormat.of().parseHex(hex));
        return out.toByteArray();
    }

    /**
     * Checks every way of feeding against {@code expected}: whole, in two pieces split at every
     * position (at every {@code length / 300}th for inputs over 300 bytes, the large-frame limit
     * cases), and byte by byte. Events render as in {@link #render};
     * an error as {@code "ERROR connection CODE: message"} or {@code "ERROR stream N CODE: message"}
     * (reading goes on after a stream error, stops after a connection error); bytes left over at
     * the end as {@code "PARTIAL n bytes"}, an unfinished field block as {@code "PARTIAL field block"}.
     */
    void expect(String... expected) {
        List<String> whole = run(new int[] {input.length}, false);
        assertEquals(List.of(expected), whole, "in one piece");
        int step = Math.max(1, input.length / 300);
        for (int cut = 1; cut < input.length; cut += step) {
            assertEquals(whole, run(new int[] {cut, input.length}, false), "split at " + cut + " of " + input.length);
        }
        int[] ends = new int[input.length];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = i + 1;
        }
        assertEquals(whole, run(ends, true), "byte by byte");
    }

    /** Feeds the input in pieces ending at {@code ends} and renders the events. */
    List<String> run(int[] ends, boolean zeroCopy) {
        FrameReader r = new FrameReader(limits);
        List<String> out = new ArrayList<>();
        int from = 0;
        int calls = 0;
        for (int end : ends) {
            if (zeroCopy) {
                byte[] buf = r.inputBuffer(end - from);
                System.arraycopy(input, from, buf, r.inputOffset(), end - from);
                r.inputWritten(end - from);
            } else {
                r.feed(input, from, end - from);
            }
            from = end;
            while (true) {
                if (++calls > 2 * input.length + 100) {
                    fail("no progress after " + calls + " calls to next()");
                }
                try {
                    FrameReader.Event e = r.next();
                    if (e == FrameReader.Event.NEED_DATA) {
                        break;
                    }
                    out.add(render(r, e));
                } catch (Http2Exception x) {
                    out.add(render(x));
                    if (x.isConnectionError()) {
                        return out;
                    }
                }
            }
        }
        if (r.inFieldBlock()) {
            out.add("PARTIAL field block");
        } else if (r.buffered() > 0) {
            out.add("PARTIAL " + r.buffered() + " bytes");
        }
        return out;
    }

    static String render(Http2Exception x) {
        return "ERROR " + (x.isConnectionError() ? "connection " : "stream " + x.streamId() + " ") + x.errorCode()
                + ": " + x.getMessage();
    }

    /** One event as text, e.g. {@code DATA 1 END_STREAM 'hi' flow=3}. */
    static String render(FrameReader r, FrameReader.Event e) {
        String end = r.endStream() ? " END_STREAM" : "";
        return switch (e) {
            case DATA -> "DATA " + r.streamId() + end + " '" + text(r) + "' flow=" + r.flowControlledLength();
            case HEADERS -> "HEADERS " + r.streamId() + end + " '" + text(r) + "'";
            case RST_STREAM -> "RST_STREAM " + r.streamId() + " " + ErrorCode.describe(r.errorCode());
            case SETTINGS -> {
                StringBuilder sb = new StringBuilder("SETTINGS");
                for (int i = 0; i < r.settingsCount(); i++) {
                    sb.append(' ').append(r.settingId(i)).append('=').append(r.settingValue(i));
                }
                yield sb.toString();
            }
            case SETTINGS_ACK -> "SETTINGS_ACK";
            case PING, PING_ACK -> e + " " + Long.toHexString(r.pingData());
            case GOAWAY -> "GOAWAY last=" + r.lastStreamId() + " " + ErrorCode.describe(r.errorCode()) + " '"
                    + new String(r.debugData(), StandardCharsets.ISO_8859_1) + "'";
            case WINDOW_UPDATE -> "WINDOW_UPDATE " + r.streamId() + " +" + r.windowIncrement();
            case NEED_DATA -> throw new AssertionError("NEED_DATA is not rendered");
        };
    }

    private static String text(FrameReader r) {
        return new String(r.payloadArray(), r.payloadOffset(), r.payloadLength(), StandardCharsets.ISO_8859_1);
    }
}
