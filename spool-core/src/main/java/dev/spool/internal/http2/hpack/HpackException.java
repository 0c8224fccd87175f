package dev.spool.internal.http2.hpack;

import java.io.IOException;

/**
 * A header block broke HPACK (RFC 7541) or a decoder limit; the message names what was wrong and at
 * which byte of the block.
 *
 * <p>Most of these are connection errors of type COMPRESSION_ERROR (RFC 9113 section 4.3): the
 * decoder stopped in the middle of the block, so its dynamic table no longer matches the peer's and
 * the connection cannot go on. The one exception is a header list over the size limit: the decoder
 * finishes the block (keeping the table in step) before it throws, so {@link #isConnectionError()}
 * is false and the frame layer may fail just the stream.
 */
public final class HpackException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The HTTP/2 error code COMPRESSION_ERROR (RFC 9113 section 7). */
    public static final int COMPRESSION_ERROR = 0x9;

    private final int offset;
    private final boolean connectionError;

    /**
     * Creates the exception.
     *
     * @param problem what was wrong, in plain words
     * @param offset the byte of the header block (0 = its first) where the faulty representation starts
     * @param connectionError whether the decoder's state is lost (a COMPRESSION_ERROR connection error)
     */
    public HpackException(String problem, int offset, boolean connectionError) {
        super(problem + " (at byte " + offset + " of the header block)");
        this.offset = offset;
        this.connectionError = connectionError;
    }

    /** The byte of the header block, counted from 0, where the faulty representation starts. */
    public int offset() {
        return offset;
    }

    /**
     * Whether the connection must end with GOAWAY(COMPRESSION_ERROR): true for every malformed block;
     * false only when the block decoded correctly but its header list was over the size limit.
     */
    public boolean isConnectionError() {
        return connectionError;
    }

    /** The HTTP/2 error code to send: {@link #COMPRESSION_ERROR} for a connection error, else 0. */
    public int http2ErrorCode() {
        return connectionError ? COMPRESSION_ERROR : 0;
    }
}
