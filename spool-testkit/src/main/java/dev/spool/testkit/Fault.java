package dev.spool.testkit;

/**
 * A failure that {@link MockServer} injects into one exchange, set with {@link MockResponse#fault(Fault)}.
 *
 * <p>Two ways of ending a connection recur below. To <em>disconnect</em> is an orderly close: the
 * server sends FIN (for TLS, {@code close_notify} first), then reads and discards whatever the client
 * still sends until the client closes, so the client reliably sees end-of-stream rather than a reset.
 * To <em>reset</em> is an abortive close: {@code SO_LINGER} zero, then close, so the kernel sends RST
 * and the client's next read fails with {@code SocketException: Connection reset}.
 */
public enum Fault {
    /**
     * Disconnect as soon as the first bytes of the request arrive, without reading the rest; the
     * request is not recorded. Only honoured for a queued response (a dispatcher sees the request
     * read already, so there it acts as {@link #DISCONNECT_AFTER_REQUEST}).
     */
    DISCONNECT_AT_START,
    /** Read and record the whole request, then disconnect without sending a byte. */
    DISCONNECT_AFTER_REQUEST,
    /** Send the first half of the response head, then disconnect. */
    DISCONNECT_MID_HEADERS,
    /** Send the head and the first half of the body, then disconnect. */
    DISCONNECT_MID_BODY,
    /** Like {@link #DISCONNECT_AT_START}, but reset the connection. */
    RESET_AT_START,
    /** Read and record the whole request, then reset the connection. */
    RESET_AFTER_REQUEST,
    /** Send the first half of the response head, then reset the connection. */
    RESET_MID_HEADERS,
    /** Send the head and the first half of the body, then reset the connection. */
    RESET_MID_BODY,
    /**
     * Read the request, then send nothing: the connection stays silent until the client goes away
     * or the server is closed.
     */
    STALL_BEFORE_HEADERS,
    /** Send the head and the first half of the body, then stay silent like {@link #STALL_BEFORE_HEADERS}. */
    STALL_MID_BODY,
    /** Send a valid head and a chunked body without its last (zero-size) chunk, then disconnect. */
    TRUNCATED_CHUNKED,
    /** Send a line that is not an HTTP status line, then disconnect. */
    GARBAGE_STATUS_LINE,
    /** Send a valid response whose header block is about 100 KiB (filler fields of 1 KiB each). */
    OVERSIZED_HEADERS,
    /**
     * Send both {@code Content-Length} (the body's unframed length) and {@code Transfer-Encoding:
     * chunked}, with a valid chunked body.
     */
    CONFLICTING_CL_TE,
    /** Send two {@code Content-Length} fields that differ (the body's length, and one more). */
    TWO_CONTENT_LENGTHS,
    /**
     * Send the response normally (without {@code Connection: close}), then disconnect: the stale
     * keep-alive connection a client must notice before or when reusing it.
     */
    CLOSE_AFTER_RESPONSE
}
