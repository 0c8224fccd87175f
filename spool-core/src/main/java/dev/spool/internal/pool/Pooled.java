package dev.spool.internal.pool;

import dev.spool.CloseReason;
import dev.spool.OpenReason;

/**
 * A connection as the pool keeps it: the connection itself and the pool's bookkeeping of it (its
 * number, leases and idle deadline). {@link ConnectionPool#lease} hands it out and
 * {@link ConnectionPool#release} takes it back; one is made per connection opened, none per lease.
 *
 * @param <C> the connection type
 */
public final class Pooled<C extends Poolable> {
    private final C connection;
    // Written by the pool under its origin lock, or before the connection is shared.
    final OriginPool owner;
    final int number;
    long idleDeadline = Long.MAX_VALUE;
    long lastReleased;
    int leases = 1;
    long keepAliveSeconds = -1;
    /** Whether the connection is multiplexed: kept among the origin's shared connections, not its idle stack. */
    boolean multiplexed;
    /** For a multiplexed connection: the exchanges in flight on it. */
    int active;
    /**
     * For a multiplexed connection: the idle time its health is being checked for by the lease that
     * took it out of idleness, so that leases sharing it meanwhile wait for the same check; 0 when no
     * check is under way. Set under the origin's lock, cleared by that lease without it.
     */
    volatile long checkingIdle;
    /** For a multiplexed connection: it takes no new exchange, and closes when its last one ends. */
    boolean retired;
    /** Why a retired multiplexed connection takes no new exchange, and its sentence (null: GOAWAY). */
    CloseReason retiredReason;
    String retiredDetail;
    /** Whether the idle deadline is the server's Keep-Alive timeout rather than the pool's own limit. */
    boolean keepAliveBound;
    /** Whether a response's body is still being read off it (a streamed response not yet ended or closed). */
    volatile boolean bodyPending;
    /** Why it was opened, and the sentence; set before the lease that opened it returns. */
    OpenReason openReason;
    String openDetail;
    /** Why it was closed, and the sentence; set under the origin's lock when it leaves the pool. */
    CloseReason closeReason;
    String closeDetail;
    /** Its place in its origin's {@link LeasedList} while leased (a one-at-a-time connection). */
    Pooled<?> leasedPrev;
    Pooled<?> leasedNext;
    boolean inLeased;

    Pooled(C connection, OriginPool owner, int number) {
        this.connection = connection;
        this.owner = owner;
        this.number = number;
    }

    /** The connection. */
    public C connection() {
        return connection;
    }

    /** The connection's number within its origin pool: 1 for the first one opened. */
    public int number() {
        return number;
    }

    /** Whether this lease is a reuse: the connection served an earlier request. */
    public boolean isReused() {
        return leases > 1;
    }

    /** Why the pool opened this connection (null until opened). */
    public OpenReason openReason() {
        return openReason;
    }

    /** The sentence with the specifics of {@link #openReason()}. */
    public String openDetail() {
        return openDetail;
    }

    /**
     * Marks whether a response body is being read off the connection, so that a caller who finds every
     * connection in use is told which one an unread body holds; the pool clears it on release.
     */
    public void bodyPending(boolean pending) {
        bodyPending = pending;
    }

    /**
     * Sets how long the connection may stay idle after the current response, from the server's
     * {@code Keep-Alive: timeout=N}; called by the transport before it releases the connection.
     */
    public void keepAliveHint(long seconds) {
        keepAliveSeconds = seconds;
    }

    @Override
    public String toString() {
        return connection + " #" + number;
    }
}
