package dev.spool.internal.pool;

/**
 * What the pool asks of a connection and nothing more, since the pool never moves bytes (DESIGN,
 * principle 2): whether it is still usable, how many exchanges it can carry at once, and how to close
 * it. The pool's bookkeeping of a connection lives beside it, in {@link Pooled}.
 */
public interface Poolable {
    /**
     * Whether the connection is still usable for another request (the peer has not closed it), by a
     * check that never blocks, except for a multiplexed connection idle a while: it sends a PING and
     * waits, bounded, for the answer. The pool calls it outside any lock.
     *
     * @param idleNanos how long the connection has been idle (for a multiplexed one, with no exchange in
     *     flight; 0 when some are), so the check can skip syscalls on a hot one
     * @param thorough when true, check at the socket even on a hot connection (requests that must not be retried)
     */
    boolean isHealthy(long idleNanos, boolean thorough);

    /**
     * How many exchanges the connection can carry at once: 1 for HTTP/1.1; a multiplexed connection's
     * peer sets its own limit (before its settings arrive, a conservative assumption), and it drops
     * to 0 once the connection takes no new exchange (the peer said GOAWAY, or it closed).
     */
    default int maxConcurrentExchanges() {
        return 1;
    }

    /**
     * Whether the connection carries exchanges concurrently (HTTP/2): the pool then leases it to
     * several callers at once, up to {@link #maxConcurrentExchanges()}, instead of one at a time.
     */
    default boolean isMultiplexed() {
        return false;
    }

    /** The protocol the connection speaks, as its ALPN identifier: {@code http/1.1} (the default) or {@code h2}. */
    default String protocol() {
        return "http/1.1";
    }

    /** Closes the socket; never throws; idempotent; never called under a pool lock. */
    void closeQuietly();
}
