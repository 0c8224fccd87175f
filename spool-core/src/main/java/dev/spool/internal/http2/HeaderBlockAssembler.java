package dev.spool.internal.http2;

import java.util.Arrays;

/**
 * Joins the field-block fragments of one HEADERS frame and its CONTINUATION frames (RFC 9113
 * section 4.3) into one block for HPACK, within a bound on the block's size and on the number of
 * CONTINUATION frames, so a flood of small fragments (the CVE-2024-27316 family) ends in an error
 * instead of unbounded memory and work.
 */
final class HeaderBlockAssembler {
    private final int maxBlockBytes;
    private final int maxContinuations;
    private byte[] block = new byte[0];
    private int length;
    private int streamId;
    private boolean endStream;
    private int continuations;

    HeaderBlockAssembler(FrameLimits limits) {
        this.maxBlockBytes = limits.maxHeaderBlockBytes();
        this.maxContinuations = limits.maxContinuationFrames();
    }

    /** Whether a HEADERS frame without END_HEADERS is waiting for its CONTINUATION frames. */
    boolean pending() {
        return streamId != 0;
    }

    /** The stream of the pending block; 0 when none. */
    int streamId() {
        return streamId;
    }

    /** Whether the HEADERS frame that opened the block carried END_STREAM. */
    boolean endStream() {
        return endStream;
    }

    /** The assembled bytes, {@code [0, length())}. */
    byte[] block() {
        return block;
    }

    int length() {
        return length;
    }

    /**
     * Checks the size of a block delivered in one frame.
     *
     * @throws Http2Exception ENHANCE_YOUR_CALM when it exceeds the bound
     */
    void checkWhole(int streamId, int fragmentLength) throws Http2Exception {
        if (fragmentLength > maxBlockBytes) {
            throw tooLarge(streamId, fragmentLength);
        }
    }

    /** Starts a block with the fragment of a HEADERS frame that lacks END_HEADERS. */
    void start(int streamId, boolean endStream, byte[] b, int off, int len) throws Http2Exception {
        checkWhole(streamId, len);
        this.streamId = streamId;
        this.endStream = endStream;
        this.continuations = 0;
        this.length = 0;
        put(b, off, len);
    }

    /** Adds the fragment of a CONTINUATION frame for the pending block. */
    void append(byte[] b, int off, int len) throws Http2Exception {
        if (++continuations > maxContinuations) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "field block on stream " + streamId
                    + " needs more than " + maxContinuations + " CONTINUATION frames (limit)");
        }
        if ((long) length + len > maxBlockBytes) {
            throw tooLarge(streamId, (long) length + len);
        }
        put(b, off, len);
    }

    /** Forgets the pending block once it has been delivered. */
    void finish() {
        streamId = 0;
        endStream = false;
        length = 0;
    }

    private void put(byte[] b, int off, int len) {
        if (block.length - length < len) {
            block = Arrays.copyOf(block, Math.min(maxBlockBytes, Math.max(2 * block.length, length + len)));
        }
        System.arraycopy(b, off, block, length, len);
        length += len;
    }

    private Http2Exception tooLarge(int streamId, long size) {
        return Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "field block on stream " + streamId
                + " exceeds " + maxBlockBytes + " bytes (limit), at " + size + " bytes");
    }
}
