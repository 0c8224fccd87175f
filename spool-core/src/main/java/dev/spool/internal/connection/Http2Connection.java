package dev.spool.internal.connection;

import dev.spool.internal.http2.ErrorCode;
import dev.spool.internal.http2.FrameLimits;
import dev.spool.internal.http2.FrameReader;
import dev.spool.internal.http2.FrameWriter;
import dev.spool.internal.http2.Http2Exception;
import dev.spool.internal.http2.Http2HeaderRules;
import dev.spool.internal.http2.Settings;
import dev.spool.internal.http2.hpack.HpackDecoder;
import dev.spool.internal.http2.hpack.HpackEncoder;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HTTP/2 connection (RFC 9113): many streams over one socket. One reader thread reads every
 * frame and dispatches it ({@link Http2FrameHandler}); callers open streams and write their frames
 * as below, under {@code ReentrantLock}s (never a monitor, so virtual threads are not pinned); each
 * caller waits for its own stream's head and body, bounded by its own read timeout. State lives
 * under one lock that no I/O is done under.
 *
 * <p>Writes are combined: a new stream's HEADERS and the reader's answers (acks, window updates,
 * resets) are queued under the state lock in the order they are made, and whoever holds the write
 * lock writes the whole queue at once; a caller that finds the write lock taken leaves its frames to
 * the holder, which looks at the queue again before it lets go. Many streams opened together so cost
 * one socket write and one TLS record, not one each.
 *
 * <p>Flow control: each stream may receive {@link #STREAM_WINDOW} bytes ahead of its reader, given
 * back as the caller reads, so an unread streamed response stalls only its own stream; the
 * connection's window ({@link #CONNECTION_WINDOW}) is given back as bytes arrive, so no stream can
 * starve the others. Memory per stream is bounded by its window.
 */
public final class Http2Connection implements ExchangeCarrier {
    /** Our receive window per stream: large enough for full-speed downloads on a fast link. */
    static final int STREAM_WINDOW = 4 << 20;
    /** Our receive window for the connection, declared by a WINDOW_UPDATE right after the preface. */
    static final int CONNECTION_WINDOW = 16 << 20;
    /** The most concurrent streams we open whatever the server allows (bounds memory and threads). */
    static final int MAX_STREAMS = 1000;
    private static final AtomicInteger READERS = new AtomicInteger();
    private static final byte[] NO_DEBUG_DATA = new byte[0];

    final Connection connection;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a send window opens or the connection fails. */
    final Condition windowOpened = lock.newCondition();
    final Map<Integer, Http2Stream> streams = new HashMap<>();
    // Guarded by lock (written under it; the volatile ones are also read without it, by the pool).
    volatile Settings peer = Settings.SERVER_BEFORE_SETTINGS;
    boolean peerSettingsChanged;
    long sendWindow = Settings.RFC_DEFAULTS.initialWindowSize();
    long receiveWindow = CONNECTION_WINDOW;
    int receivedUnacked;
    /**
     * Frames queued for whoever writes next, in the order they were made: the reader's answers (acks,
     * window updates, resets) and new streams' HEADERS. Swapped with {@link #draining} when written.
     */
    FrameWriter control = new FrameWriter();
    /** Bytes of HEADERS in {@link #control}: what is left are the reader's answers (a flood's backlog). */
    private int headerBytesQueued;
    volatile boolean goAway;
    int goAwayLastStream = Integer.MAX_VALUE;
    volatile IOException failure;
    volatile int nextStreamId = 1;

    private final ReentrantLock writeLock = new ReentrantLock();
    /** DATA frames, written by their caller under the write lock. */
    private final FrameWriter writer = new FrameWriter();
    /** The queue being written, taken from {@link #control} (only under the write lock). */
    private FrameWriter draining = new FrameWriter();
    private final HpackEncoder encoder = new HpackEncoder();
    private final Http2HeaderRules.FieldConsumer encodeField = (name, value) -> encoder.addField(name, value, false);
    private volatile boolean controlPending;
    /** The PING check before reuse of a connection idle a while. */
    final PingCheck pings;

    /**
     * Starts HTTP/2 on an open connection: writes the client preface (the magic string, our SETTINGS
     * and the connection's window) and starts the reader.
     *
     * @param timeoutMillis bounds each write (a server that stops reading) and, per stream, each wait
     */
    Http2Connection(Connection connection, int timeoutMillis) throws IOException {
        this(connection, timeoutMillis, timeoutMillis);
    }

    /**
     * Starts HTTP/2 as {@link #Http2Connection(Connection, int)} does.
     *
     * @param pingMillis how long the check before reusing a connection idle a while waits for a PING's answer
     */
    Http2Connection(Connection connection, int timeoutMillis, int pingMillis) throws IOException {
        this.connection = connection;
        this.pings = new PingCheck(this, pingMillis);
        connection.readTimeout(timeoutMillis);
        // The header-list limit we declare is the one our HPACK decoder enforces (a larger list fails its stream).
        writer.writePreface(Settings.CLIENT.withInitialWindowSize(STREAM_WINDOW)
                .withMaxHeaderListSize(HpackDecoder.DEFAULT_MAX_HEADER_LIST_SIZE));
        writer.writeWindowUpdate(0, CONNECTION_WINDOW - Settings.RFC_DEFAULTS.initialWindowSize());
        connection.write(writer.array(), 0, writer.size());
        writer.clear();
        Http2FrameHandler handler = new Http2FrameHandler(this, new FrameReader(FrameLimits.DEFAULT), new HpackDecoder());
        Thread reader = new Thread(handler, "spool-h2-reader-" + READERS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public String protocol() {
        return "h2";
    }

    @Override
    public boolean isMultiplexed() {
        return true;
    }

    /** Read without the state lock (the pool asks under its own lock on every lease): openStream checks again. */
    @Override
    public int maxConcurrentExchanges() {
        if (failure != null || goAway || nextStreamId < 0) {
            return 0;
        }
        return (int) Math.min(peer.maxConcurrentStreams(), MAX_STREAMS);
    }

    @Override
    public boolean isHealthy() {
        return failure == null && !goAway;
    }

    @Override
    public boolean isHealthy(long idleNanos) {
        return pings.alive(idleNanos);
    }

    @Override
    public ExchangeCodec newExchange() {
        return new Http2ExchangeCodec(this);
    }

    /** A request's fields, given to the HPACK encoder in order (under the state lock: it must not block). */
    @FunctionalInterface
    interface HeadWriter {
        /** Gives every field to {@code out}, pseudo-headers first. */
        void writeTo(Http2HeaderRules.FieldConsumer out);
    }

    /**
     * Opens a stream and writes its HEADERS: the stream id is taken under the write lock, so ids go
     * out in increasing order (RFC 9113 section 5.1.1).
     */
    Http2Stream openStream(HeadWriter head, boolean endStream) throws IOException {
        Http2Stream s;
        lock.lock();
        try {
            if (failure != null) {
                throw new UnprocessedException("the HTTP/2 connection failed before the request was sent: "
                        + failure.getMessage(), failure);
            }
            if (goAway || nextStreamId < 0) {
                throw new UnprocessedException("the HTTP/2 connection is going away (GOAWAY); the request was not sent", null);
            }
            if (streams.size() >= Math.min(peer.maxConcurrentStreams(), MAX_STREAMS)) {
                throw new UnprocessedException("no free HTTP/2 stream: the server allows "
                        + peer.maxConcurrentStreams() + " at once", null);
            }
            s = new Http2Stream(nextStreamId, new StreamSignal(lock), STREAM_WINDOW, peer.initialWindowSize());
            nextStreamId += 2; // overflows to negative past 2^31-1: the connection then takes no new stream
            s.localDone = endStream;
            streams.put(s.id, s);
            applyPeerSettings();
            // Encoded and queued under the state lock: HPACK's state and the stream ids go out in order.
            encoder.startBlock();
            head.writeTo(encodeField);
            int before = control.size();
            control.writeHeaders(s.id, encoder.buffer(), 0, encoder.length(), endStream);
            headerBytesQueued += control.size() - before;
            controlPending = true;
        } finally {
            lock.unlock();
        }
        if (writeLock.tryLock()) {
            try {
                drainLocked();
            } catch (IOException e) {
                fail(e);
                throw e;
            } finally {
                unlockWrite();
            }
        }
        // Else the write lock's holder writes the HEADERS before it lets go (see unlockWrite).
        return s;
    }

    /** The peer's new SETTINGS reach the encoder and the queue before the next frame (under the state lock). */
    private void applyPeerSettings() {
        if (peerSettingsChanged) {
            peerSettingsChanged = false;
            encoder.setPeerMaxTableSize((int) Math.min(peer.headerTableSize(), Integer.MAX_VALUE));
            control.maxFrameSize(peer.maxFrameSize());
        }
    }

    /**
     * Writes {@code len} body bytes on a stream, as the send windows allow: waits for WINDOW_UPDATE
     * when they are shut, at most {@code timeoutNanos} per wait (a server that stopped reading).
     * Returns without writing once the complete response has arrived and the server wants no more of
     * the body (RFC 9113 section 8.1).
     */
    void writeData(Http2Stream s, byte[] b, int off, int len, boolean endStream, long timeoutNanos) throws IOException {
        do {
            int n;
            lock.lock();
            try {
                long wait = timeoutNanos;
                if (s.bodyCut) {
                    return;
                }
                while (len > 0 && (s.sendWindow <= 0 || sendWindow <= 0)) {
                    checkWritable(s);
                    if (s.bodyCut || s.remoteDone && s.status != 0) {
                        // The response is complete and the server gives no window for the rest of
                        // the body: stop sending it (reading the response ends the stream with
                        // RST_STREAM(NO_ERROR) when the server did not).
                        s.bodyCut = true;
                        return;
                    }
                    if (wait <= 0) {
                        throw TimedOut.write((int) (timeoutNanos / 1_000_000), null);
                    }
                    wait = windowOpened.awaitNanos(wait);
                }
                checkWritable(s);
                n = (int) Math.min(len, Math.min(Math.min(s.sendWindow, sendWindow), peer.maxFrameSize()));
                s.sendWindow -= n;
                sendWindow -= n;
                if (endStream && n == len) {
                    s.localDone = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting to send on HTTP/2 " + s);
            } finally {
                lock.unlock();
            }
            writeLock.lock();
            try {
                int maxFrame;
                lock.lock();
                try {
                    applyPeerSettings();
                    maxFrame = peer.maxFrameSize();
                } finally {
                    lock.unlock();
                }
                writer.maxFrameSize(maxFrame);
                // The queue first: this stream's HEADERS may still be in it.
                drainLocked();
                writer.writeData(s.id, b, off, n, endStream && n == len);
                try {
                    connection.write(writer.array(), 0, writer.size());
                } finally {
                    writer.clear();
                }
            } catch (IOException e) {
                fail(e); // a frame may be cut off: nothing more can go on this connection
                throw e;
            } finally {
                unlockWrite();
            }
            off += n;
            len -= n;
        } while (len > 0);
    }

    private void checkWritable(Http2Stream s) throws IOException {
        if (s.failure != null) {
            throw s.failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Resets a stream (the caller gave up on it): RST_STREAM, and the stream is forgotten. */
    void reset(Http2Stream s, ErrorCode code) {
        lock.lock();
        try {
            if (!streams.containsKey(s.id)) {
                return;
            }
            streams.remove(s.id);
            if (!(s.localDone && s.remoteDone)) {
                control.writeRstStream(s.id, code);
                controlPending = true;
            }
            s.localDone = true;
            dropBuffered(s);
            if (s.failure == null) {
                // A caller still waiting on the stream (a cancel from another thread) wakes and fails.
                s.failure = new IOException("HTTP/2 " + s + " was reset by the client (" + code + ")");
            }
            s.changed.signalAll();
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
        flushControl();
    }

    /** A forgotten stream's unread bytes are dropped (their connection credit went back on arrival). */
    private static void dropBuffered(Http2Stream s) {
        s.chunks.clear();
        s.buffered = 0;
    }

    /** The caller read {@code n} bytes of a stream: give them back to the peer when half the window is used. */
    void consumed(Http2Stream s, int n) {
        boolean send = false;
        lock.lock();
        try {
            s.consumedUnacked += n;
            if (s.consumedUnacked >= STREAM_WINDOW / 2 && !s.remoteDone) {
                control.writeWindowUpdate(s.id, s.consumedUnacked);
                s.receiveWindow += s.consumedUnacked;
                s.consumedUnacked = 0;
                controlPending = true;
                send = true;
            }
        } finally {
            lock.unlock();
        }
        if (send) {
            flushControl();
        }
    }

    /** Bytes of the reader's answers (not HEADERS) queued and not yet written. */
    int controlBacklog() {
        if (!controlPending) {
            return 0; // nothing queued: no need for the lock (the reader asks after every frame)
        }
        lock.lock();
        try {
            return control.size() - headerBytesQueued;
        } finally {
            lock.unlock();
        }
    }

    /** Notes that control frames were queued (the caller holds lock). */
    void markControlPending() {
        controlPending = true;
    }

    /** Writes the queued frames if no one else is writing (the writer writes them otherwise). */
    void flushControl() {
        if (controlPending && writeLock.tryLock()) {
            try {
                drainLocked();
            } catch (IOException e) {
                fail(e);
            } finally {
                unlockWrite();
            }
        }
    }

    /**
     * Writes the queued control frames before the connection closes: waits up to {@code millis} for a
     * writer that holds the write lock, so that a GOAWAY queued while a request was being written is
     * not lost when the socket closes right after. A writer stuck on a peer that stops reading gives up
     * the wait, and the frames with it.
     */
    void flushControlBeforeClose(long millis) {
        try {
            if (!writeLock.tryLock(millis, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            drainLocked();
        } catch (IOException e) {
            // closing anyway
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes the queued frames until the queue is empty, taking it whole each time (frames queued
     * during a write go out in the next); the caller holds the write lock.
     */
    private void drainLocked() throws IOException {
        while (controlPending) {
            FrameWriter out;
            lock.lock();
            try {
                controlPending = false;
                out = control;
                if (out.size() == 0) {
                    break;
                }
                control = draining;
                control.maxFrameSize(peer.maxFrameSize());
                draining = out;
                headerBytesQueued = 0;
            } finally {
                lock.unlock();
            }
            try {
                connection.write(out.array(), 0, out.size());
            } finally {
                out.clear();
            }
        }
    }

    /** Releases the write lock, then writes frames queued meanwhile if no one else will. */
    private void unlockWrite() {
        writeLock.unlock();
        if (controlPending) {
            flushControl();
        }
    }

    /** The connection is dead: every stream fails with {@code e}, and the socket is closed. */
    void fail(IOException e) {
        List<Http2Stream> failed;
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
            failed = new ArrayList<>(streams.values());
            for (Http2Stream s : failed) {
                if (s.failure == null) {
                    s.failure = e;
                }
                s.changed.signalAll();
            }
            streams.clear();
            windowOpened.signalAll();
            pings.failed();
        } finally {
            lock.unlock();
        }
        connection.closeNow();
    }

    /** Sends GOAWAY (best effort: only if no write is under way) before the socket closes. */
    @Override
    public void shutdown() {
        lock.lock();
        try {
            control.writeGoAway(0, ErrorCode.NO_ERROR, NO_DEBUG_DATA);
            controlPending = true;
        } finally {
            lock.unlock();
        }
        if (writeLock.tryLock()) {
            try {
                drainLocked();
            } catch (IOException e) {
                // closing anyway
            } finally {
                writeLock.unlock();
            }
        }
        fail(new EOFException("the HTTP/2 connection was closed"));
    }

    @Override
    public String toString() {
        return "HTTP/2 " + connection;
    }
}
