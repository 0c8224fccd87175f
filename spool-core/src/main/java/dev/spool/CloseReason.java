package dev.spool;

/**
 * Why a connection left the pool: on {@link EventListener#connectionClosed}, in
 * {@link PoolStats.OriginStats#closedBy()} and on the DEBUG line {@code Closed connection (N) ...}.
 */
public enum CloseReason {
    /** The server had closed it while it was idle (found at the reuse check, or when a request on it failed unanswered). */
    SERVER_CLOSED,
    /** The response asked for {@code Connection: close}. */
    CONNECTION_CLOSE,
    /** The response's framing forbade reuse: HTTP/1.0 without keep-alive, a body ended by close, bytes beyond its end. */
    NOT_REUSABLE,
    /** The response was closed (or dropped) with more of its body unread than is worth draining. */
    UNREAD_BODY,
    /** It stayed idle longer than the pool keeps idle connections. */
    IDLE_EXPIRED,
    /** The server's {@code Keep-Alive: timeout=N} passed (less a margin) while it was idle. */
    KEEP_ALIVE_TIMEOUT,
    /** It came back to an origin pool already holding {@code poolMaxSize} idle connections. */
    POOL_FULL,
    /** Its origin's pool was evicted from the least-recently-used set of origins. */
    EVICTED,
    /** An exchange on it failed (timeout, reset, a protocol error). */
    ERROR,
    /** The HTTP/2 server sent GOAWAY: the connection took no new stream and closed after its last one. */
    GOAWAY,
    /** The session (or transport) was closed. */
    SESSION_CLOSED,
    /**
     * An HTTP/2 connection idle a while did not answer the PING sent before its reuse within the
     * connect timeout (the peer vanished without closing it).
     */
    UNRESPONSIVE
}
