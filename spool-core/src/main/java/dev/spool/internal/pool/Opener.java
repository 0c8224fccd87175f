package dev.spool.internal.pool;

import java.io.IOException;

/**
 * Opens a new connection for an origin (DNS, TCP, proxy tunnel, TLS); the pool calls it outside
 * every lock.
 *
 * @param <C> the connection type
 */
@FunctionalInterface
public interface Opener<C extends Poolable> {
    /** Opens connection number {@code number} of the origin's pool. */
    C open(OriginKey key, int number) throws IOException;

    /**
     * Whether a connection opened for {@code key} may turn out multiplexed (HTTP/2 offered by ALPN or
     * spoken with prior knowledge): while one is being opened, other callers for the origin wait for it
     * instead of opening their own, so 50 callers starting at once open one connection, not 50.
     */
    default boolean mayMultiplex(OriginKey key) {
        return false;
    }

    /** Opens connection number {@code number}, reporting its phases (DNS, connect, TLS) to {@code trace}. */
    default C open(OriginKey key, int number, LeaseTrace trace) throws IOException {
        return open(key, number);
    }
}
