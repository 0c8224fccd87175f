package dev.spool.internal.http2;

import static dev.spool.internal.http2.FrameFormat.FLAG_ACK;
import static dev.spool.internal.http2.FrameFormat.FLAG_END_HEADERS;
import static dev.spool.internal.http2.FrameFormat.FLAG_END_STREAM;
import static dev.spool.internal.http2.FrameFormat.FLAG_PADDED;
import static dev.spool.internal.http2.FrameFormat.FLAG_PRIORITY;
import static dev.spool.internal.http2.FrameFormat.HEADER_LENGTH;

import java.util.Arrays;
import java.util.Objects;

/**
 * An I/O-free HTTP/2 frame reader for the client side (RFC 9113 sections 4 and 6), pulled like
 * {@code ResponseParser}: the caller puts the bytes it read into the reader's buffer and calls
 * {@link #next()} for events, one per complete frame that matters to the connection.
 *
 * <p>PRIORITY frames and frames of unknown type are checked and skipped; a HEADERS frame and its
 * CONTINUATION frames come out as one {@link Event#HEADERS} with the assembled, still HPACK-encoded
 * block. Frame payloads (DATA, a one-frame field block) are slices of the internal buffer, valid until
 * the next call that feeds or reads; nothing else is allocated per frame except SETTINGS, GOAWAY debug
 * data and multi-frame field blocks. Errors are {@link Http2Exception}s with the RFC 9113 code: after
 * a connection error the reader is failed for good; after a stream error the frame was consumed and
 * reading goes on. Stream states and flow-control windows are the connection's to keep; the reader
 * checks what one frame alone shows. Used by one thread at a time.
 */
public final class FrameReader {
    /** What {@link #next()} found. */
    public enum Event {
        /** More bytes are needed before the next frame is complete. */
        NEED_DATA,
        /** A DATA frame: {@link #payloadArray()} slice without padding, {@link #endStream()}, {@link #flowControlledLength()}. */
        DATA,
        /** A complete field block: {@link #payloadArray()} slice, {@link #endStream()} of its HEADERS frame. */
        HEADERS,
        /** RST_STREAM: {@link #errorCode()}. */
        RST_STREAM,
        /** SETTINGS (not ACK): {@link #settingsCount()} known parameters, in frame order. */
        SETTINGS,
        /** The peer acknowledged our SETTINGS. */
        SETTINGS_ACK,
        /** PING to answer with a PING ACK carrying {@link #pingData()}. */
        PING,
        /** The answer to our PING: {@link #pingData()}. */
        PING_ACK,
        /** GOAWAY: {@link #lastStreamId()}, {@link #errorCode()}, {@link #debugData()}. */
        GOAWAY,
        /** WINDOW_UPDATE: {@link #windowIncrement()} for {@link #streamId()} (0: the connection). */
        WINDOW_UPDATE
    }

    private final FrameLimits limits;
    private final FrameInput in;
    private final HeaderBlockAssembler block;
    private Http2Exception failure;

    private int type;
    private int flags;
    private int streamId;
    private byte[] payloadArray;
    private int payloadOffset;
    private int payloadLength;
    private int frameLength;
    private int errorCode;
    private int lastStreamId;
    private int windowIncrement;
    private long pingData;
    private byte[] debugData = new byte[0];
    private final SettingsPayload settings = new SettingsPayload();

    /**
     * Creates a reader for one connection, after the server's preface starts (the server sends no
     * magic string: its preface is its first SETTINGS frame).
     */
    public FrameReader(FrameLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.in = new FrameInput(HEADER_LENGTH + limits.maxFrameSize() + FrameInput.INITIAL_CAPACITY);
        this.block = new HeaderBlockAssembler(limits);
    }

    /**
     * The input array with at least {@code minSpace} free bytes from {@link #inputOffset()}: read the
     * socket into it, then call {@link #inputWritten(int)}.
     */
    public byte[] inputBuffer(int minSpace) {
        return in.room(Math.max(1, minSpace));
    }

    /** Where in {@link #inputBuffer(int)} the next bytes go. */
    public int inputOffset() {
        return in.limit;
    }

    /** How many bytes are free in the input array from {@link #inputOffset()}. */
    public int inputSpace() {
        return in.buf.length - in.limit;
    }

    /** Records that {@code n} bytes were written into the input array at {@link #inputOffset()}. */
    public void inputWritten(int n) {
        if (n < 0 || n > inputSpace()) {
            throw new IllegalArgumentException("inputWritten(" + n + ") with " + inputSpace() + " bytes of space");
        }
        in.limit += n;
    }

    /** Copies bytes into the input buffer. */
    public void feed(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        in.append(b, off, len);
    }

    /** How many bytes are buffered and not yet consumed (a partial frame when next() said NEED_DATA). */
    public int buffered() {
        return in.available();
    }

    /** Whether a HEADERS frame awaits CONTINUATION frames: a connection must not end cleanly here. */
    public boolean inFieldBlock() {
        return block.pending();
    }

    /**
     * Reads frames until one yields an event or the buffer holds no complete frame.
     *
     * @throws Http2Exception the bytes broke RFC 9113 or a limit; see {@link Http2Exception#isConnectionError()}
     */
    public Event next() throws Http2Exception {
        if (failure != null) {
            throw Http2Exception.connection(failure.errorCode(), "the connection already failed: " + failure.getMessage());
        }
        try {
            while (true) {
                if (in.available() < HEADER_LENGTH) {
                    return Event.NEED_DATA;
                }
                int p = in.pos;
                int length = in.u24(p);
                int t = in.buf[p + 3] & 0xff;
                int f = in.buf[p + 4] & 0xff;
                int id = in.i32(p + 5) & FrameFormat.MAX_31_BIT; // the reserved bit is ignored (section 4.1)
                if (length > limits.maxFrameSize()) {
                    throw connectionError(ErrorCode.FRAME_SIZE_ERROR, FrameFormat.typeName(t) + " frame on stream " + id
                            + " has " + length + " bytes, above our SETTINGS_MAX_FRAME_SIZE " + limits.maxFrameSize());
                }
                if (in.available() < HEADER_LENGTH + length) {
                    return Event.NEED_DATA;
                }
                in.pos = p + HEADER_LENGTH + length;
                type = t;
                flags = f;
                streamId = id;
                frameLength = length;
                Event e = frame(p + HEADER_LENGTH, length);
                if (e != null) {
                    return e;
                }
            }
        } catch (Http2Exception e) {
            if (e.isConnectionError()) {
                failure = e;
            }
            throw e;
        }
    }

    /** Handles one whole frame whose payload is {@code [off, off + len)}; null when it yields no event. */
    private Event frame(int off, int len) throws Http2Exception {
        if (block.pending() && (type != FrameFormat.TYPE_CONTINUATION || streamId != block.streamId())) {
            throw connectionError(ErrorCode.PROTOCOL_ERROR, FrameFormat.typeName(type) + " frame on stream " + streamId
                    + " inside the field block of stream " + block.streamId() + " (expected CONTINUATION)");
        }
        return switch (type) {
            case FrameFormat.TYPE_DATA -> data(off, len);
            case FrameFormat.TYPE_HEADERS -> headers(off, len);
            case FrameFormat.TYPE_PRIORITY -> priority(off, len);
            case FrameFormat.TYPE_RST_STREAM -> rstStream(off, len);
            case FrameFormat.TYPE_SETTINGS -> settings(off, len);
            case FrameFormat.TYPE_PUSH_PROMISE -> throw connectionError(ErrorCode.PROTOCOL_ERROR,
                    "PUSH_PROMISE on stream " + streamId + " although we disabled server push (SETTINGS_ENABLE_PUSH 0)");
            case FrameFormat.TYPE_PING -> ping(off, len);
            case FrameFormat.TYPE_GOAWAY -> goAway(off, len);
            case FrameFormat.TYPE_WINDOW_UPDATE -> windowUpdate(off, len);
            case FrameFormat.TYPE_CONTINUATION -> continuation(off, len);
            default -> null; // unknown frame types are ignored (section 5.5)
        };
    }

    private Event data(int off, int len) throws Http2Exception {
        requireStream();
        int padding = padding(off, len, 0);
        slice(in.buf, off + (padding < 0 ? 0 : 1), len - Math.max(padding, 0) - (padding < 0 ? 0 : 1));
        return Event.DATA;
    }

    private Event headers(int off, int len) throws Http2Exception {
        requireStream();
        boolean priority = (flags & FLAG_PRIORITY) != 0;
        int padding = padding(off, len, priority ? 5 : 0);
        int start = off + (padding < 0 ? 0 : 1);
        if (priority) {
            int dependency = in.i32(start) & FrameFormat.MAX_31_BIT;
            if (dependency == streamId) {
                // A stream error by section 5.3.1, but the block must still reach HPACK; ending the
                // connection is allowed for any stream error (section 5.4) and keeps the table in step.
                throw connectionError(ErrorCode.PROTOCOL_ERROR, "HEADERS on stream " + streamId + " depends on itself");
            }
            start += 5;
        }
        int fragment = off + len - Math.max(padding, 0) - start;
        boolean endStream = (flags & FLAG_END_STREAM) != 0;
        if ((flags & FLAG_END_HEADERS) != 0) {
            block.checkWhole(streamId, fragment);
            slice(in.buf, start, fragment);
            return Event.HEADERS;
        }
        block.start(streamId, endStream, in.buf, start, fragment);
        return null;
    }

    private Event continuation(int off, int len) throws Http2Exception {
        requireStream();
        if (!block.pending()) {
            throw connectionError(ErrorCode.PROTOCOL_ERROR, "CONTINUATION on stream " + streamId
                    + " without a HEADERS frame awaiting it");
        }
        block.append(in.buf, off, len);
        if ((flags & FLAG_END_HEADERS) == 0) {
            return null;
        }
        flags = block.endStream() ? FLAG_END_STREAM | FLAG_END_HEADERS : FLAG_END_HEADERS;
        slice(block.block(), 0, block.length());
        block.finish();
        return Event.HEADERS;
    }

    private Event priority(int off, int len) throws Http2Exception {
        requireStream();
        if (len != 5) {
            throw Http2Exception.stream(streamId, ErrorCode.FRAME_SIZE_ERROR,
                    "PRIORITY on stream " + streamId + " has " + len + " bytes, not 5");
        }
        if ((in.i32(off) & FrameFormat.MAX_31_BIT) == streamId) {
            throw Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "PRIORITY on stream " + streamId + " depends on itself");
        }
        return null; // priority signals are deprecated and ignored (section 5.3.2)
    }

    private Event rstStream(int off, int len) throws Http2Exception {
        requireStream();
        requireLength(len, 4);
        errorCode = in.i32(off);
        return Event.RST_STREAM;
    }

    private Event settings(int off, int len) throws Http2Exception {
        requireConnection();
        if ((flags & FLAG_ACK) != 0) {
            if (len != 0) {
                throw connectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS ACK has a payload of " + len + " bytes");
            }
            return Event.SETTINGS_ACK;
        }
        if (len % 6 != 0) {
            throw connectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS payload of " + len + " bytes is not a multiple of 6");
        }
        settings.read(in, off, len);
        return Event.SETTINGS;
    }

    private Event ping(int off, int len) throws Http2Exception {
        requireConnection();
        requireLength(len, 8);
        pingData = in.i64(off);
        return (flags & FLAG_ACK) != 0 ? Event.PING_ACK : Event.PING;
    }

    private Event goAway(int off, int len) throws Http2Exception {
        requireConnection();
        if (len < 8) {
            throw connectionError(ErrorCode.FRAME_SIZE_ERROR, "GOAWAY has " + len + " bytes, fewer than 8");
        }
        lastStreamId = in.i32(off) & FrameFormat.MAX_31_BIT;
        errorCode = in.i32(off + 4);
        int keep = Math.min(len - 8, limits.maxGoAwayDebugBytes());
        debugData = Arrays.copyOfRange(in.buf, off + 8, off + 8 + keep);
        return Event.GOAWAY;
    }

    private Event windowUpdate(int off, int len) throws Http2Exception {
        requireLength(len, 4);
        windowIncrement = in.i32(off) & FrameFormat.MAX_31_BIT;
        if (windowIncrement == 0) {
            String message = "WINDOW_UPDATE on stream " + streamId + " with an increment of 0";
            throw streamId == 0 ? connectionError(ErrorCode.PROTOCOL_ERROR, message)
                    : Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, message);
        }
        return Event.WINDOW_UPDATE;
    }

    /**
     * The pad length of a PADDED frame, checked against the payload after {@code fixed} more bytes;
     * -1 without the flag.
     */
    private int padding(int off, int len, int fixed) throws Http2Exception {
        boolean padded = (flags & FLAG_PADDED) != 0;
        int needed = (padded ? 1 : 0) + fixed;
        if (len < needed) {
            throw connectionError(ErrorCode.FRAME_SIZE_ERROR, FrameFormat.typeName(type) + " on stream " + streamId
                    + " has " + len + " bytes, too few for its " + (padded ? "pad length" : "") + (padded && fixed > 0 ? " and " : "")
                    + (fixed > 0 ? "priority fields" : ""));
        }
        if (!padded) {
            return -1;
        }
        int padLength = in.buf[off] & 0xff;
        if (padLength > len - needed) {
            throw connectionError(ErrorCode.PROTOCOL_ERROR, FrameFormat.typeName(type) + " on stream " + streamId
                    + " has " + padLength + " bytes of padding in a payload of " + len + " bytes");
        }
        return padLength;
    }

    private void slice(byte[] array, int off, int len) {
        payloadArray = array;
        payloadOffset = off;
        payloadLength = len;
    }

    private void requireStream() throws Http2Exception {
        if (streamId == 0) {
            throw connectionError(ErrorCode.PROTOCOL_ERROR, FrameFormat.typeName(type) + " frame on stream 0");
        }
    }

    private void requireConnection() throws Http2Exception {
        if (streamId != 0) {
            throw connectionError(ErrorCode.PROTOCOL_ERROR, FrameFormat.typeName(type) + " frame on stream " + streamId
                    + " (must be stream 0)");
        }
    }

    private void requireLength(int len, int expected) throws Http2Exception {
        if (len != expected) {
            throw connectionError(ErrorCode.FRAME_SIZE_ERROR, FrameFormat.typeName(type) + " on stream " + streamId
                    + " has " + len + " bytes, not " + expected);
        }
    }

    private static Http2Exception connectionError(ErrorCode code, String message) {
        return Http2Exception.connection(code, message);
    }

    /** The stream of the last event (0 for connection-level frames). */
    public int streamId() {
        return streamId;
    }

    /** Whether the DATA frame, or the HEADERS frame that opened the field block, carried END_STREAM. */
    public boolean endStream() {
        return (flags & FLAG_END_STREAM) != 0;
    }

    /** The array holding a DATA payload or a field block; see {@link #payloadOffset()}, {@link #payloadLength()}. */
    public byte[] payloadArray() {
        return payloadArray;
    }

    /** Where the payload starts in {@link #payloadArray()}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** How many payload bytes there are (DATA without its padding; 0 is possible). */
    public int payloadLength() {
        return payloadLength;
    }

    /** A DATA frame's whole payload length, padding included: what it takes from the flow-control windows (section 6.9). */
    public int flowControlledLength() {
        return frameLength;
    }

    /** RST_STREAM's or GOAWAY's error code as sent; {@link ErrorCode#forCode(int)} names the known ones. */
    public int errorCode() {
        return errorCode;
    }

    /** GOAWAY's last stream id. */
    public int lastStreamId() {
        return lastStreamId;
    }

    /** GOAWAY's debug data, at most {@link FrameLimits#maxGoAwayDebugBytes()} bytes of it (a fresh copy). */
    public byte[] debugData() {
        return debugData.clone();
    }

    /** WINDOW_UPDATE's increment, 1 to 2^31-1. */
    public int windowIncrement() {
        return windowIncrement;
    }

    /** PING's 8 opaque bytes, big-endian. */
    public long pingData() {
        return pingData;
    }

    /** How many known parameters the SETTINGS frame had (unknown identifiers are dropped, section 6.5.2). */
    public int settingsCount() {
        return settings.count;
    }

    /** The identifier of the {@code i}th parameter (a {@code SETTINGS_*} code 1 to 6). */
    public int settingId(int i) {
        Objects.checkIndex(i, settings.count);
        return settings.ids[i];
    }

    /** The value of the {@code i}th parameter, unsigned. */
    public long settingValue(int i) {
        Objects.checkIndex(i, settings.count);
        return settings.values[i];
    }

    /** The SETTINGS frame's parameters applied in order to {@code current}. */
    public Settings applySettings(Settings current) {
        Settings s = current;
        for (int i = 0; i < settings.count; i++) {
            s = s.with(settings.ids[i], settings.values[i]);
        }
        return s;
    }
}
