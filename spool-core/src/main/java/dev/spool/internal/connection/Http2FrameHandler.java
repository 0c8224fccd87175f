package dev.spool.internal.connection;

import dev.spool.internal.http2.ErrorCode;
import dev.spool.internal.http2.FrameReader;
import dev.spool.internal.http2.Http2Exception;
import dev.spool.internal.http2.Http2HeaderRules;
import dev.spool.internal.http2.Settings;
import dev.spool.internal.http2.hpack.HpackDecoder;
import dev.spool.internal.http2.hpack.HpackException;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The reader of one {@link Http2Connection}: reads frames off the socket with the I/O-free
 * {@link FrameReader}, decodes header blocks with HPACK, and hands each frame to its stream or to the
 * connection. The only thread that reads the socket; it never runs user code and never blocks on a
 * caller (answers it owes the peer are queued for whoever writes next).
 *
 * <p>Callers whose stream got its head or body bytes are woken once the frames read so far are all
 * handled, just before the next read: a response whose HEADERS and DATA came in one read wakes its
 * caller once, and the queued answers go out in one write.
 */
final class Http2FrameHandler implements Runnable {
    private static final long MAX_WINDOW = Integer.MAX_VALUE;
    /**
     * The most bytes of answers (PING and SETTINGS acks, window updates, resets) queued while they
     * cannot be written: a peer that floods PING or SETTINGS without reading the answers is cut off.
     */
    static final int MAX_CONTROL_BACKLOG = 64 * 1024;
    /** How long a connection error waits for a request writer to finish, so that its GOAWAY goes out. */
    static final long GOAWAY_WAIT_MILLIS = 1000;

    private final Http2Connection h2;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private final List<Http2HeaderRules.Field> fields = new ArrayList<>();
    /** Streams with news for their caller, woken before the next read (guarded by the state lock). */
    private final List<Http2Stream> toWake = new ArrayList<>();
    /** The threads of {@link #toWake}'s callers, unparked once the lock is let go (the reader's own). */
    private final List<Thread> waking = new ArrayList<>();

    Http2FrameHandler(Http2Connection h2, FrameReader reader, HpackDecoder decoder) {
        this.h2 = h2;
        this.reader = reader;
        this.decoder = decoder;
    }

    @Override
    public void run() {
        try {
            while (true) {
                FrameReader.Event ev;
                try {
                    ev = reader.next();
                } catch (Http2Exception e) {
                    if (e.isConnectionError()) {
                        throw e;
                    }
                    streamError(e.streamId(), e.errorCode(), e);
                    continue;
                }
                if (ev == FrameReader.Event.NEED_DATA) {
                    wakeCallers();
                    h2.flushControl();
                    byte[] buf = reader.inputBuffer(16 * 1024);
                    int n = h2.connection.readIdle(buf, reader.inputOffset(), reader.inputSpace());
                    if (n < 0) {
                        throw new EOFException("the server closed the HTTP/2 connection");
                    }
                    reader.inputWritten(n);
                    continue;
                }
                handle(ev);
                if (h2.controlBacklog() > MAX_CONTROL_BACKLOG) {
                    throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "the server sent over "
                            + MAX_CONTROL_BACKLOG + " bytes of frames to answer without reading the answers (a PING or SETTINGS flood)");
                }
            }
        } catch (Http2Exception e) {
            goAway(e.errorCode(), e);
        } catch (HpackException e) {
            goAway(ErrorCode.COMPRESSION_ERROR, e);
        } catch (IOException | RuntimeException e) {
            h2.fail(e instanceof IOException ? (IOException) e : new IOException(e));
        }
    }

    private void handle(FrameReader.Event ev) throws IOException {
        switch (ev) {
            case SETTINGS:
                settings();
                break;
            case PING:
                h2.lock.lock();
                try {
                    h2.control.writePingAck(reader.pingData());
                    queued();
                } finally {
                    h2.lock.unlock();
                }
                break;
            case HEADERS:
                headers();
                break;
            case DATA:
                data();
                break;
            case WINDOW_UPDATE:
                windowUpdate();
                break;
            case RST_STREAM:
                rstStream();
                break;
            case GOAWAY:
                goAwayReceived();
                break;
            case PING_ACK:
                h2.lock.lock();
                try {
                    h2.pings.ackReceived(reader.pingData());
                } finally {
                    h2.lock.unlock();
                }
                break;
            default:
                break; // SETTINGS_ACK: nothing to do
        }
    }

    private void settings() throws Http2Exception {
        h2.lock.lock();
        try {
            Settings before = h2.peer;
            Settings after = reader.applySettings(before);
            long delta = (long) after.initialWindowSize() - before.initialWindowSize();
            if (delta != 0) {
                for (Http2Stream s : h2.streams.values()) {
                    s.sendWindow += delta;
                    if (s.sendWindow > MAX_WINDOW) {
                        throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
                                "SETTINGS_INITIAL_WINDOW_SIZE made " + s + "'s window exceed 2^31-1");
                    }
                }
            }
            h2.peer = after;
            h2.peerSettingsChanged = true;
            h2.control.writeSettingsAck();
            queued();
            h2.windowOpened.signalAll();
        } finally {
            h2.lock.unlock();
        }
    }

    private void headers() throws IOException {
        fields.clear();
        int id = reader.streamId();
        try {
            decoder.decode(reader.payloadArray(), reader.payloadOffset(), reader.payloadLength(),
                    (name, value, how) -> fields.add(new Http2HeaderRules.Field(name, value)));
        } catch (HpackException e) {
            if (e.isConnectionError()) {
                throw e;
            }
            // A header list over our limit: the block was decoded to its end (HPACK stays in step),
            // so only this stream fails.
            streamError(id, ErrorCode.PROTOCOL_ERROR, Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR,
                    "response header list too large: " + e.getMessage()));
            return;
        }
        boolean end = reader.endStream();
        h2.lock.lock();
        try {
            StreamStates.checkOpened("HEADERS", id, h2.nextStreamId);
            Http2Stream s = h2.streams.get(id);
            if (s == null) {
                return; // a stream we reset or finished: its frames are dropped (the block was decoded for HPACK's state)
            }
            if (s.remoteDone) {
                failStream(s, StreamStates.afterEndStream("HEADERS", s));
                return;
            }
            s.receivedAnything = true;
            try {
                if (s.status == 0) {
                    int status = Http2HeaderRules.checkResponseHead(fields, id);
                    if (status < 200) {
                        if (end) {
                            throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "an interim response ended the stream");
                        }
                        s.interimStatus = status;
                    } else {
                        s.headers = Http2HeaderRules.toHeaders(fields);
                        s.status = status;
                    }
                } else {
                    if (!end) {
                        throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "trailers without END_STREAM");
                    }
                    Http2HeaderRules.checkTrailers(fields, id);
                }
            } catch (Http2Exception e) {
                failStream(s, e);
                return;
            }
            if (end) {
                s.remoteDone = true;
                h2.windowOpened.signalAll(); // a body's writer waiting for window stops (an early response)
            }
            wake(s);
        } finally {
            h2.lock.unlock();
        }
    }

    private void data() throws Http2Exception {
        int id = reader.streamId();
        int flowed = reader.flowControlledLength();
        int length = reader.payloadLength();
        h2.lock.lock();
        try {
            StreamStates.checkOpened("DATA", id, h2.nextStreamId);
            h2.receiveWindow -= flowed;
            if (h2.receiveWindow < 0) {
                throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
                        "DATA beyond the connection's window (" + Http2Connection.CONNECTION_WINDOW + " bytes)");
            }
            // The connection's window goes back as bytes arrive: one unread stream never starves the others.
            h2.receivedUnacked += flowed;
            if (h2.receivedUnacked >= Http2Connection.CONNECTION_WINDOW / 2) {
                h2.control.writeWindowUpdate(0, h2.receivedUnacked);
                h2.receiveWindow += h2.receivedUnacked;
                h2.receivedUnacked = 0;
                queued();
            }
            Http2Stream s = h2.streams.get(id);
            if (s == null) {
                return;
            }
            if (s.status == 0) {
                failStream(s, Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "DATA before the response head"));
                return;
            }
            if (s.remoteDone) {
                failStream(s, StreamStates.afterEndStream("DATA", s));
                return;
            }
            s.receiveWindow -= flowed;
            if (s.receiveWindow < 0) {
                failStream(s, Http2Exception.stream(id, ErrorCode.FLOW_CONTROL_ERROR,
                        "DATA beyond the stream's window of " + Http2Connection.STREAM_WINDOW + " bytes"));
                return;
            }
            // Padding is flow-controlled but never read: it is given back as if read at once.
            s.consumedUnacked += flowed - length;
            if (length > 0) {
                int off = reader.payloadOffset();
                s.chunks.addLast(Arrays.copyOfRange(reader.payloadArray(), off, off + length));
                s.buffered += length;
            }
            if (reader.endStream()) {
                s.remoteDone = true;
                h2.windowOpened.signalAll(); // a body's writer waiting for window stops (an early response)
            }
            wake(s);
        } finally {
            h2.lock.unlock();
        }
    }

    private void windowUpdate() throws Http2Exception {
        int id = reader.streamId();
        long inc = reader.windowIncrement();
        h2.lock.lock();
        try {
            if (id == 0) {
                h2.sendWindow += inc;
                if (h2.sendWindow > MAX_WINDOW) {
                    throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "connection window over 2^31-1");
                }
            } else {
                StreamStates.checkOpened("WINDOW_UPDATE", id, h2.nextStreamId);
                Http2Stream s = h2.streams.get(id);
                if (s == null) {
                    return;
                }
                s.sendWindow += inc;
                if (s.sendWindow > MAX_WINDOW) {
                    failStream(s, Http2Exception.stream(id, ErrorCode.FLOW_CONTROL_ERROR, s + "'s window over 2^31-1"));
                    return;
                }
            }
            h2.windowOpened.signalAll();
        } finally {
            h2.lock.unlock();
        }
    }

    private void rstStream() throws Http2Exception {
        int id = reader.streamId();
        int code = reader.errorCode();
        h2.lock.lock();
        try {
            StreamStates.checkOpened("RST_STREAM", id, h2.nextStreamId);
            Http2Stream s = h2.streams.remove(id);
            if (s == null) {
                return;
            }
            s.localDone = true;
            if (code == ErrorCode.NO_ERROR.code() && s.remoteDone && s.status != 0) {
                // RFC 9113 section 8.1: the server answered in full and wants no more of the request
                // (an early response); the response stands, and the body's writer stops.
                s.bodyCut = true;
                s.changed.signalAll();
                h2.windowOpened.signalAll();
                return;
            }
            s.failure = code == ErrorCode.REFUSED_STREAM.code()
                    ? new UnprocessedException("the server refused HTTP/2 " + s + " (REFUSED_STREAM) before processing it", null)
                    : new StreamResetException(id, code);
            s.changed.signalAll();
            h2.windowOpened.signalAll();
        } finally {
            h2.lock.unlock();
        }
    }

    private void goAwayReceived() {
        int last = reader.lastStreamId();
        h2.lock.lock();
        try {
            h2.goAway = true;
            h2.goAwayLastStream = Math.min(h2.goAwayLastStream, last);
            // Streams above the last one the server processed were never processed: safe to send again.
            List<Integer> unprocessed = new ArrayList<>();
            for (Http2Stream s : h2.streams.values()) {
                if (s.id > last) {
                    s.failure = new UnprocessedException("the server sent GOAWAY (last stream " + last + ", "
                            + ErrorCode.describe(reader.errorCode()) + ") before processing HTTP/2 " + s, null);
                    s.changed.signalAll();
                    unprocessed.add(s.id);
                }
            }
            for (Integer id : unprocessed) {
                h2.streams.remove(id);
            }
            h2.windowOpened.signalAll();
        } finally {
            h2.lock.unlock();
        }
    }

    /** Fails one stream and tells the peer with RST_STREAM; the connection goes on (held by lock). */
    private void failStream(Http2Stream s, Http2Exception e) {
        s.failure = e;
        s.localDone = true;
        h2.streams.remove(s.id);
        h2.control.writeRstStream(s.id, e.errorCode());
        queued();
        s.changed.signalAll();
    }

    private void streamError(int id, ErrorCode code, Http2Exception e) {
        h2.lock.lock();
        try {
            Http2Stream s = h2.streams.get(id);
            if (s != null) {
                failStream(s, e);
            } else {
                h2.control.writeRstStream(id, code);
                queued();
            }
        } finally {
            h2.lock.unlock();
        }
    }

    /** A connection error: GOAWAY with its code, then every stream fails and the socket closes. */
    private void goAway(ErrorCode code, IOException e) {
        h2.lock.lock();
        try {
            h2.control.writeGoAway(0, code, new byte[0]); // we processed no stream of the server's
            queued();
        } finally {
            h2.lock.unlock();
        }
        h2.flushControlBeforeClose(GOAWAY_WAIT_MILLIS);
        h2.fail(e);
    }

    /** Marks a stream's caller to be woken before the next read (the caller holds the state lock). */
    private void wake(Http2Stream s) {
        if (!s.wakePending) {
            s.wakePending = true;
            toWake.add(s);
        }
    }

    /**
     * Wakes the callers whose streams got news since the last read: their threads are taken under
     * the lock and unparked after it is let go, so none wakes into a lock still held.
     */
    private void wakeCallers() {
        if (toWake.isEmpty()) {
            return;
        }
        h2.lock.lock();
        try {
            for (int i = 0; i < toWake.size(); i++) {
                Http2Stream s = toWake.get(i);
                s.wakePending = false;
                Thread t;
                while ((t = s.changed.takeWaiter()) != null) {
                    waking.add(t);
                }
            }
            toWake.clear();
        } finally {
            h2.lock.unlock();
        }
        for (int i = 0; i < waking.size(); i++) {
            LockSupport.unpark(waking.get(i));
        }
        waking.clear();
    }

    private void queued() {
        h2.markControlPending();
    }
}
