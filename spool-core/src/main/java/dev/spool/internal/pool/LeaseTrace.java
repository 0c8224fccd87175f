package dev.spool.internal.pool;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * What happens while one lease is served, for timings and events: the pool reports which connection
 * it picked, and the {@link Opener}, when it opens a new one, reports its phases. Every method does
 * nothing by default; {@link #NONE} is the trace of a lease nobody watches.
 */
public interface LeaseTrace {
    /** The trace that records nothing. */
    LeaseTrace NONE = new LeaseTrace() {
    };

    /** The pool picked a connection: an idle one ({@code reused}), or a slot for new connection {@code number}. */
    default void leased(int number, boolean reused) {
    }

    /**
     * The pool opens new connection {@code number} for this lease, for {@code reason}; {@code detail}
     * is the sentence with the specifics. Told right after {@link #leased}, before the open's phases.
     */
    default void opening(int number, dev.spool.OpenReason reason, String detail) {
    }

    /** Name resolution of {@code host} starts. */
    default void dnsStart(String host) {
    }

    /** Name resolution of {@code host} ended. */
    default void dnsEnd(String host, InetAddress[] addresses) {
    }

    /** A TCP connect to {@code address} starts. */
    default void connectStart(InetSocketAddress address) {
    }

    /** The connection is up, any proxy tunnel included. */
    default void connectEnd(InetSocketAddress address) {
    }

    /** The TLS handshake with {@code host} starts. */
    default void tlsStart(String host) {
    }

    /** The TLS handshake ended. */
    default void tlsEnd(String version, String cipherSuite, boolean resumed) {
    }

    /**
     * A socket for a new connection was opened and is about to connect; closing it ends the connect or
     * the handshake (a call's deadline or cancel does).
     *
     * @throws IOException when the call was stopped already
     */
    default void opening(Closeable socket) throws IOException {
    }

    /**
     * Waits on the pool's condition (the lock held) for at most {@code nanos}; a call with a deadline
     * or a cancel wakes the wait early and throws.
     *
     * @return the nanos left, as {@link Condition#awaitNanos}
     * @throws IOException when the call was stopped
     */
    default long await(Lock lock, Condition condition, long nanos) throws IOException, InterruptedException {
        return condition.awaitNanos(nanos);
    }
}
