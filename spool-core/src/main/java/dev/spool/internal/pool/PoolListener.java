package dev.spool.internal.pool;

import dev.spool.CloseReason;

/**
 * Hears every connection that leaves a {@link ConnectionPool}, whatever the cause; the pool calls it
 * outside every lock, after the socket is closed. Opens are told per lease, through {@link LeaseTrace}.
 */
public interface PoolListener {
    /** The listener that hears nothing. */
    PoolListener NONE = (origin, number, reason, detail) -> { };

    /**
     * A connection was closed.
     *
     * @param origin its pool's {@code scheme://host:port}
     * @param number its number in the origin pool
     * @param reason why
     * @param detail the sentence with the specifics
     */
    void closed(String origin, int number, CloseReason reason, String detail);
}
