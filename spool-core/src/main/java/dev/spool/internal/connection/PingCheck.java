package dev.spool.internal.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The check an HTTP/2 connection gets before reuse once it has been idle a while: one PING, and a
 * bounded wait for its ACK. The connection's reader sees a close or a reset at once, but not a peer
 * that vanished silently (a NAT or load balancer that dropped the flow, a server that hung): a
 * request sent there would wait out its whole read timeout. A connection that does not answer in
 * time is retired by the pool and the request goes to a new one.
 *
 * <p>Callers that check while a PING is already out wait for that one's answer rather than send
 * their own. State is guarded by the connection's lock.
 */
final class PingCheck {
    /**
     * Idle for at least this long, a connection is checked before reuse: the threshold below which
     * HTTP/1.1 skips its socket check too ({@link Connection#HOT_NANOS}, 1 s).
     */
    static final long IDLE_NANOS = Connection.HOT_NANOS;

    private final Http2Connection h2;
    private final long timeoutNanos;
    private final Condition answered;
    // Guarded by h2.lock. PING payloads count up, so an ACK answers every PING sent up to its own.
    private long sent;
    private long acked;

    /**
     * A check for {@code h2} that waits at most {@code timeoutMillis} for an answer (the connect
     * timeout: the time a round trip to this server was given to set up the connection).
     */
    PingCheck(Http2Connection h2, int timeoutMillis) {
        this.h2 = h2;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.answered = h2.lock.newCondition();
    }

    /** The wait for an answer, in milliseconds (for messages). */
    long timeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    /**
     * Whether the connection answers: true at once when it was idle less than {@link #IDLE_NANOS}
     * and no check is under way; else after a PING's ACK, or false when none came within the timeout
     * or the connection failed meanwhile.
     */
    boolean alive(long idleNanos) {
        long want;
        boolean send = false;
        h2.lock.lock();
        try {
            if (h2.failure != null || h2.goAway) {
                return false;
            }
            if (sent == acked) {
                if (idleNanos < IDLE_NANOS) {
                    return true;
                }
                sent++;
                h2.control.writePing(sent);
                h2.markControlPending();
                send = true;
            }
            want = sent;
        } finally {
            h2.lock.unlock();
        }
        if (send) {
            h2.flushControl();
        }
        h2.lock.lock();
        try {
            long wait = timeoutNanos;
            while (acked < want && h2.failure == null) {
                if (wait <= 0) {
                    return false;
                }
                wait = answered.awaitNanos(wait);
            }
            return h2.failure == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            h2.lock.unlock();
        }
    }

    /** The reader got a PING ACK carrying {@code data} (held by the connection's lock). */
    void ackReceived(long data) {
        if (data > acked && data <= sent) { // an ACK of a PING we never sent is ignored
            acked = data;
            answered.signalAll();
        }
    }

    /** The connection failed: wake every waiting check (held by the connection's lock). */
    void failed() {
        answered.signalAll();
    }
}
