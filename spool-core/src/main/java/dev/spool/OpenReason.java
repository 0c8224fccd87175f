package dev.spool;

/**
 * Why the pool opened a new connection instead of reusing one: on {@link ConnectionInfo#openReason()},
 * {@link EventListener#connectionOpened} and the DEBUG line after {@code Starting new HTTP connection (N)}.
 * The specifics (which connection, how long it was idle, how many are in use) are in the sentence
 * beside it, {@link ConnectionInfo#openDetail()}.
 */
public enum OpenReason {
    /** No connection to this origin (with these TLS and proxy settings) was opened yet. */
    FIRST,
    /** Every connection to the origin is busy, or no HTTP/2 connection has a free stream. */
    ALL_IN_USE,
    /** The idle connections were closed by the server, or expired (idle too long, the server's Keep-Alive timeout). */
    IDLE_UNUSABLE,
    /**
     * The previous connection was not kept: {@code Connection: close}, a body closed unread, the pool
     * full, GOAWAY, framing that forbids reuse, an error.
     */
    NOT_KEPT,
    /** The origin's pool was evicted from the least-recently-used set of origins ({@code poolConnections}). */
    EVICTED,
    /** Opened to send a request again after a reused connection failed before any response came back. */
    RETRY
}
