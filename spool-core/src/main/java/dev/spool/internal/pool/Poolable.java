package dev.spool.internal.pool;

/**
 * What the pool needs of a connection and nothing more, since the pool never moves bytes (DESIGN,
 * principle 2): whether it is still usable, and how to close it. Pool bookkeeping lives in the
 * fields of this base class, written only by {@link ConnectionPool}.
 */
public abstract class Poolable {
    // Pool bookkeeping. Written by the pool under its origin lock, or before the connection is shared.
    OriginPool owner;
    int number;
    long idleDeadline = Long.MAX_VALUE;
    long lastReleased;
    int leases;

    /**
     * Whether the connection is still usable for another request (the peer has not closed it), by a
     * check that never blocks. The pool calls it outside any lock.
     *
     * @param idleNanos how long the connection has been idle, so the check can skip syscalls on a hot one
     * @param thorough when true, check at the socket even on a hot connection (requests that must not be retried)
     */
    public abstract boolean isHealthy(long idleNanos, boolean thorough);

    /** Closes the socket; never throws; idempotent; never called under a pool lock. */
    public abstract void closeQuietly();

    /** The connection's number within its origin pool: 1 for the first one opened. */
    public final int number() {
        return number;
    }

    /** Whether this lease is a reuse: the connection served an earlier request. */
    public final boolean isReused() {
        return leases > 1;
    }

    /**
     * Sets how long the connection may stay idle after the current response, from the server's
     * {@code Keep-Alive: timeout=N}; called by the transport before it releases the connection.
     */
    public final void keepAliveHint(long seconds) {
        keepAliveSeconds = seconds;
    }

    long keepAliveSeconds = -1;
}
