package dev.spool;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hears what happens to each call of a session, for metrics and tracing (OkHttp's
 * {@code EventListener}, in Spool's terms). Every method does nothing by default; override those you
 * need. Set one per session with {@link Session.Builder#eventListener(EventListener)}; combine
 * several with {@link #composite(EventListener...)}.
 *
 * <p>The order of a call's events:
 * <ol>
 *   <li>{@link #callStart}</li>
 *   <li>then per request on the wire (a redirect hop, a retry on a fresh connection):
 *     <ol>
 *       <li>{@link #poolLeaseStart}, {@link #poolLeaseEnd} (which connection: reused, or a new one's number)</li>
 *       <li>only when a new connection is opened: {@link #connectionOpened} (why), {@link #dnsStart}, {@link #dnsEnd}, {@link #connectStart},
 *         {@link #connectEnd} (after a proxy tunnel, if any), and for HTTPS {@link #tlsStart}, {@link #tlsEnd}</li>
 *       <li>{@link #requestSent}, {@link #responseHeaders}</li>
 *       <li>{@link #responseBodyEnd} and {@link #connectionReleased}, when the body ends or the response is
 *         closed (for a response without a body, right after its headers)</li>
 *     </ol>
 *   </li>
 *   <li>{@link #connectionClosed} whenever a connection leaves the pool (not tied to a call)</li>
 *   <li>{@link #callEnd} when the body of the final response has ended (for a buffered response that is
 *     before {@code send()} returns; for a streamed one, when it is read to the end or closed), or
 *     {@link #callFailed} when the call throws</li>
 * </ol>
 *
 * <p>Events arrive on the thread that sends the request, except those at the end of a streamed body,
 * which arrive on the thread that finishes reading or closes it. Methods must be quick and thread-safe
 * (one listener serves every call of a session). An exception thrown by a listener is logged at
 * WARNING (logger {@code dev.spool.events}) and otherwise ignored, so a faulty metrics hook never
 * breaks a request or leaks a connection. With no listener set, the session uses {@link #NONE} and
 * pays nothing for events.
 */
public interface EventListener {
    /** The listener that does nothing: the default, and what costs nothing. */
    EventListener NONE = new EventListener() {
    };

    /** A call begins: {@code request} is the request as the session assembled it. */
    default void callStart(Request request) {
    }

    /**
     * A request is about to ask the pool for a connection.
     *
     * @param origin the pool's {@code scheme://host:port} (the proxy's for plain HTTP through a proxy)
     */
    default void poolLeaseStart(Request request, String origin) {
    }

    /**
     * The pool picked a connection: an idle one ({@code reused}), or the number of a new one that is
     * opened next.
     *
     * @param connection the connection's number in its origin pool, 1 for the first
     */
    default void poolLeaseEnd(Request request, int connection, boolean reused) {
    }

    /**
     * The pool opens a new connection, and says why: right after {@link #poolLeaseEnd} with
     * {@code reused} false, before the connection's DNS and connect events.
     *
     * @param connection the new connection's number in its origin pool
     * @param reason why no kept connection served the request
     * @param detail the sentence with the specifics ({@code connection 1 was closed by the server after 4.2 s idle})
     */
    default void connectionOpened(Request request, int connection, OpenReason reason, String detail) {
    }

    /**
     * A connection left the pool and was closed. It is reported for every connection, also when no
     * request is under way (an idle one expiring, an origin evicted, the session closed), so it names
     * the origin rather than a request; it may arrive on any thread that uses or closes the session.
     *
     * @param origin the pool's {@code scheme://host:port}
     * @param connection the connection's number in its origin pool
     * @param reason why it was closed
     * @param detail the sentence with the specifics ({@code the response asked for Connection: close})
     */
    default void connectionClosed(String origin, int connection, CloseReason reason, String detail) {
    }

    /** Name resolution starts (for a proxy, of the proxy's host). */
    default void dnsStart(Request request, String host) {
    }

    /** Name resolution ended with these addresses, in the order they are tried. */
    default void dnsEnd(Request request, String host, List<InetAddress> addresses) {
    }

    /** A TCP connect starts (to the proxy when there is one). */
    default void connectStart(Request request, InetSocketAddress address) {
    }

    /** The TCP connection is up (and a proxy tunnel established, when there is one). */
    default void connectEnd(Request request, InetSocketAddress address) {
    }

    /** The TLS handshake with {@code host} starts. */
    default void tlsStart(Request request, String host) {
    }

    /** The TLS handshake ended. */
    default void tlsEnd(Request request, String version, String cipherSuite, boolean resumed) {
    }

    /** The request head and body were written. */
    default void requestSent(Request request) {
    }

    /** The response head was read (interim 1xx responses are not reported). */
    default void responseHeaders(Request request, int status) {
    }

    /**
     * The response body ended, or the response was closed before its end.
     *
     * @param bytes body bytes read off the wire (before content decoding, after de-chunking)
     */
    default void responseBodyEnd(Request request, long bytes) {
    }

    /**
     * The connection went back to the pool ({@code kept}) or was closed.
     *
     * @param connection the connection's number in its origin pool
     */
    default void connectionReleased(Request request, int connection, boolean kept) {
    }

    /** The call ended with this response, whose body has ended. */
    default void callEnd(Request request, Response response) {
    }

    /**
     * The call failed with this exception (nothing follows): a {@link CallTimeoutException} when its
     * total deadline passed, a {@link CallCancelledException} when it was cancelled or its thread was
     * interrupted, each naming the phase it interrupted.
     */
    default void callFailed(Request request, RuntimeException error) {
    }

    /**
     * A listener that passes every event to each of {@code listeners} in order; one that throws does not
     * keep the others from hearing the event (what it threw is logged at WARNING). Of a single listener
     * this makes a guarded one, and a listener made here is returned as it is; with nothing left but
     * {@link #NONE}, it is {@code NONE}.
     */
    static EventListener composite(EventListener... listeners) {
        List<EventListener> list = new ArrayList<>();
        for (EventListener l : listeners) {
            Objects.requireNonNull(l, "listener");
            if (l != NONE) {
                list.add(l);
            }
        }
        if (list.isEmpty()) {
            return NONE;
        }
        return GuardedListener.of(list.toArray(new EventListener[0]));
    }
}
