package dev.spool.internal.connection;

import dev.spool.internal.http2.ErrorCode;
import dev.spool.internal.http2.Http2Exception;

/**
 * The stream states of RFC 9113 section 5.1 as a client sees a server's frames: which frames on which
 * streams are errors. A client opens the odd streams in increasing order and never enables push, so a
 * stream id tells its state: one we have not opened yet (or an even one, which only push could open)
 * is idle; an odd one below the next id that is no longer kept is closed.
 *
 * <ul>
 *   <li>A frame (other than PRIORITY, which the reader drops) on an idle stream is a connection
 *       PROTOCOL_ERROR (section 5.1, "idle"; section 5.1.1 for an unexpected stream id).</li>
 *   <li>DATA or HEADERS on a stream the server already ended (END_STREAM: half-closed remote, kept
 *       while its caller reads) is a stream STREAM_CLOSED error (section 5.1, "half-closed (remote)");
 *       what arrived before the END_STREAM stays whole.</li>
 *   <li>Frames on a closed stream are ignored (section 5.1 requires it after we sent RST_STREAM, and
 *       we keep no history to tell those apart from streams that ended cleanly); their DATA still
 *       counts against the connection's window, and is dropped unbuffered.</li>
 * </ul>
 */
final class StreamStates {
    private StreamStates() {
    }

    /**
     * Checks that {@code streamId} names a stream we opened (now or earlier).
     *
     * @param frame the frame's type, for the message ({@code DATA})
     * @param nextStreamId the id our next stream would take (negative once ids ran out: all were opened)
     * @throws Http2Exception a connection PROTOCOL_ERROR for a frame on an idle stream
     */
    static void checkOpened(String frame, int streamId, int nextStreamId) throws Http2Exception {
        if (streamId == 0) {
            return;
        }
        boolean idle = (streamId & 1) == 0 || (nextStreamId > 0 && streamId >= nextStreamId);
        if (idle) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, frame + " on stream "
                    + streamId + ", which we never opened (" + ((streamId & 1) == 0
                    ? "an even stream only server push could open, and push is off"
                    : "our next stream is " + nextStreamId) + ")");
        }
    }

    /** The stream error for a DATA or HEADERS frame after the server's END_STREAM on {@code s}. */
    static Http2Exception afterEndStream(String frame, Http2Stream s) {
        return Http2Exception.stream(s.id, ErrorCode.STREAM_CLOSED, frame + " on " + s
                + " after the server ended it (END_STREAM)");
    }
}
