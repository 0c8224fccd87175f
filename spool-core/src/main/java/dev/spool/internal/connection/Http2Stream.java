package dev.spool.internal.connection;

import dev.spool.Headers;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One HTTP/2 stream's state as its {@link Http2Connection} keeps it: the response head, the body
 * bytes received and not yet read, the windows in both directions, and how it ended. Every field is
 * guarded by the connection's state lock; {@link #changed} wakes the stream's caller, as a condition of that lock.
 */
final class Http2Stream {
    final int id;
    final StreamSignal changed;
    /** Bytes the peer may still send on this stream (our receive window). */
    long receiveWindow;
    /** Bytes we may still send on this stream (the peer's window for it). */
    long sendWindow;
    /** Bytes read by the caller and not yet given back to the peer by WINDOW_UPDATE. */
    int consumedUnacked;
    /** The reader has news for the caller and wakes it before its next read. */
    boolean wakePending;

    /** The status of the final response head, or 0 while none arrived. */
    int status;
    /** The status of the last interim (1xx) head, or 0. */
    int interimStatus;
    Headers headers;
    boolean receivedAnything;

    /** Body chunks received and not yet read; the first one from {@link #chunkOffset}. */
    final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    int chunkOffset;
    long buffered;
    /** The peer ended its side (END_STREAM). */
    boolean remoteDone;
    /** We sent END_STREAM or RST_STREAM, or the peer reset the stream after its complete response. */
    boolean localDone;
    /**
     * The rest of the request body is not wanted: the response is complete and the peer either reset
     * the stream with NO_ERROR or gives no more window (RFC 9113 section 8.1, an early response).
     */
    boolean bodyCut;
    /** Why the stream failed, or null. */
    IOException failure;

    Http2Stream(int id, StreamSignal changed, long receiveWindow, long sendWindow) {
        this.id = id;
        this.changed = changed;
        this.receiveWindow = receiveWindow;
        this.sendWindow = sendWindow;
    }

    /** Moves up to {@code len} buffered body bytes into {@code b}: how many. */
    int take(byte[] b, int off, int len) {
        int copied = 0;
        while (copied < len && !chunks.isEmpty()) {
            byte[] c = chunks.peekFirst();
            int n = Math.min(len - copied, c.length - chunkOffset);
            System.arraycopy(c, chunkOffset, b, off + copied, n);
            copied += n;
            chunkOffset += n;
            if (chunkOffset == c.length) {
                chunks.removeFirst();
                chunkOffset = 0;
            }
        }
        buffered -= copied;
        return copied;
    }

    @Override
    public String toString() {
        return "stream " + id;
    }
}
