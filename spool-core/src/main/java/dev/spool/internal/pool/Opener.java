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

    /** Opens connection number {@code number}, reporting its phases (DNS, connect, TLS) to {@code trace}. */
    default C open(OriginKey key, int number, LeaseTrace trace) throws IOException {
        return open(key, number);
    }
}
