package dev.spool.internal.http2;

import static dev.spool.internal.http2.FrameFormat.FLAG_ACK;
import static dev.spool.internal.http2.FrameFormat.FLAG_END_HEADERS;
import static dev.spool.internal.http2.FrameFormat.FLAG_END_STREAM;
import static dev.spool.internal.http2.FrameFormat.HEADER_LENGTH;

import java.util.Arrays;
import java.util.Objects;

/**
 * An I/O-free HTTP/2 frame writer (RFC 9113 section 6) for the client side: frames are appended to
 * one reusable, growable byte array that the caller writes to the socket and then {@link #clear()}s,
 * so the request path allocates nothing once the array has grown to its working size. Field blocks
 * come already HPACK-encoded. Frames larger than the peer's SETTINGS_MAX_FRAME_SIZE
 * ({@link #maxFrameSize(int)}) are split: HEADERS into CONTINUATION frames, DATA into several DATA
 * frames. Flow control is the caller's: the writer sends whatever DATA it is given. Used by one
 * thread at a time.
 */
public final class FrameWriter {
    private byte[] buf;
    private int size;
    private int maxFrameSize = FrameFormat.MIN_MAX_FRAME_SIZE;

    /** Creates a writer with a 16 KiB array and the peer's initial max frame size (16384). */
    public FrameWriter() {
        buf = new byte[HEADER_LENGTH + FrameFormat.MIN_MAX_FRAME_SIZE];
    }

    /** Sets the peer's SETTINGS_MAX_FRAME_SIZE, the largest payload the writer puts in one frame. */
    public void maxFrameSize(int maxFrameSize) {
        if (maxFrameSize < FrameFormat.MIN_MAX_FRAME_SIZE || maxFrameSize > FrameFormat.MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("max frame size must be in [16384, 16777215], got " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    /** The array holding the written bytes, {@code [0, size())}; valid until the next write or clear. */
    public byte[] array() {
        return buf;
    }

    /** How many bytes are written and not yet cleared. */
    public int size() {
        return size;
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Forgets the written bytes, keeping the array. */
    public void clear() {
        size = 0;
    }

    /** The client connection preface (section 3.4): the magic string, then SETTINGS with {@code ours}. */
    public void writePreface(Settings ours) {
        ensure(FrameFormat.CLIENT_PREFACE.length);
        System.arraycopy(FrameFormat.CLIENT_PREFACE, 0, buf, size, FrameFormat.CLIENT_PREFACE.length);
        size += FrameFormat.CLIENT_PREFACE.length;
        writeSettings(ours);
    }

    /**
     * A SETTINGS frame declaring each parameter of {@code settings} that differs from the RFC
     * defaults, in identifier order (the defaults hold without being sent).
     */
    public void writeSettings(Settings settings) {
        int count = 0;
        for (int id = FrameFormat.SETTINGS_HEADER_TABLE_SIZE; id <= FrameFormat.SETTINGS_MAX_HEADER_LIST_SIZE; id++) {
            if (settings.get(id) != Settings.RFC_DEFAULTS.get(id)) {
                count++;
            }
        }
        header(6 * count, FrameFormat.TYPE_SETTINGS, 0, 0);
        for (int id = FrameFormat.SETTINGS_HEADER_TABLE_SIZE; id <= FrameFormat.SETTINGS_MAX_HEADER_LIST_SIZE; id++) {
            long value = settings.get(id);
            if (value != Settings.RFC_DEFAULTS.get(id)) {
                buf[size++] = (byte) (id >>> 8);
                buf[size++] = (byte) id;
                int32((int) value);
            }
        }
    }

    /** A SETTINGS frame with the ACK flag, acknowledging the peer's SETTINGS. */
    public void writeSettingsAck() {
        header(0, FrameFormat.TYPE_SETTINGS, FLAG_ACK, 0);
    }

    /**
     * A HEADERS frame carrying an encoded field block, followed by CONTINUATION frames when the block
     * exceeds the peer's max frame size; END_HEADERS on the last of them, END_STREAM on the HEADERS.
     */
    public void writeHeaders(int streamId, byte[] block, int off, int len, boolean endStream) {
        checkStream(streamId);
        Objects.checkFromIndexSize(off, len, block.length);
        int first = Math.min(len, maxFrameSize);
        int flags = (endStream ? FLAG_END_STREAM : 0) | (first == len ? FLAG_END_HEADERS : 0);
        frame(FrameFormat.TYPE_HEADERS, flags, streamId, block, off, first);
        for (int done = first; done < len; ) {
            int n = Math.min(len - done, maxFrameSize);
            int f = done + n == len ? FLAG_END_HEADERS : 0;
            frame(FrameFormat.TYPE_CONTINUATION, f, streamId, block, off + done, n);
            done += n;
        }
    }

    /**
     * DATA frames carrying {@code len} bytes, split at the peer's max frame size, END_STREAM on the
     * last; an empty {@code len} writes one empty frame (useful only with END_STREAM).
     */
    public void writeData(int streamId, byte[] data, int off, int len, boolean endStream) {
        checkStream(streamId);
        Objects.checkFromIndexSize(off, len, data.length);
        int done = 0;
        do {
            int n = Math.min(len - done, maxFrameSize);
            boolean last = done + n == len;
            frame(FrameFormat.TYPE_DATA, last && endStream ? FLAG_END_STREAM : 0, streamId, data, off + done, n);
            done += n;
        } while (done < len);
    }

    /** A WINDOW_UPDATE for a stream, or for the connection when {@code streamId} is 0. */
    public void writeWindowUpdate(int streamId, int increment) {
        if (streamId < 0) {
            throw new IllegalArgumentException("stream id must be >= 0, got " + streamId);
        }
        if (increment <= 0) {
            throw new IllegalArgumentException("window increment must be in [1, 2^31-1], got " + increment);
        }
        header(4, FrameFormat.TYPE_WINDOW_UPDATE, 0, streamId);
        int32(increment);
    }

    /** An RST_STREAM ending a stream with an error code. */
    public void writeRstStream(int streamId, ErrorCode code) {
        checkStream(streamId);
        header(4, FrameFormat.TYPE_RST_STREAM, 0, streamId);
        int32(code.code());
    }

    /** A PING carrying 8 opaque bytes. */
    public void writePing(long data) {
        header(8, FrameFormat.TYPE_PING, 0, 0);
        int64(data);
    }

    /** A PING with the ACK flag, echoing the peer's PING data. */
    public void writePingAck(long data) {
        header(8, FrameFormat.TYPE_PING, FLAG_ACK, 0);
        int64(data);
    }

    /**
     * A GOAWAY with the last stream processed, an error code and debug data (truncated to what fits
     * in one frame of the peer's max frame size).
     */
    public void writeGoAway(int lastStreamId, ErrorCode code, byte[] debugData) {
        if (lastStreamId < 0) {
            throw new IllegalArgumentException("last stream id must be >= 0, got " + lastStreamId);
        }
        int debug = Math.min(debugData.length, maxFrameSize - 8);
        header(8 + debug, FrameFormat.TYPE_GOAWAY, 0, 0);
        int32(lastStreamId);
        int32(code.code());
        System.arraycopy(debugData, 0, buf, size, debug);
        size += debug;
    }

    private void frame(int type, int flags, int streamId, byte[] payload, int off, int len) {
        header(len, type, flags, streamId);
        System.arraycopy(payload, off, buf, size, len);
        size += len;
    }

    /** Writes a frame header and makes room for {@code length} payload bytes after it. */
    private void header(int length, int type, int flags, int streamId) {
        ensure(HEADER_LENGTH + length);
        byte[] b = buf;
        int i = size;
        b[i] = (byte) (length >>> 16);
        b[i + 1] = (byte) (length >>> 8);
        b[i + 2] = (byte) length;
        b[i + 3] = (byte) type;
        b[i + 4] = (byte) flags;
        size = i + 5;
        int32(streamId);
    }

    private void int32(int v) {
        byte[] b = buf;
        int i = size;
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
        size = i + 4;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + more));
        }
    }

    private static void checkStream(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("stream id must be > 0, got " + streamId);
        }
    }
}
