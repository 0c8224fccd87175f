package dev.spool.transport;

import java.time.Duration;

/**
 * The limits of an {@link HttpTransport}'s connection pool, urllib3's names and defaults.
 *
 * @param connections origin pools kept, least recently used evicted (urllib3 {@code pool_connections}, 10)
 * @param maxSize connections kept per origin (urllib3 {@code pool_maxsize}, 10)
 * @param block when true at most {@code maxSize} connections exist per origin and callers wait for one
 *     (urllib3 {@code pool_block}, false)
 * @param timeout how long a blocked caller waits before {@code PoolTimeoutException} (30 s; never forever)
 * @param maxIdle how long an idle connection is kept when the server names no {@code Keep-Alive} timeout (5 min)
 */
public record PoolSettings(int connections, int maxSize, boolean block, Duration timeout, Duration maxIdle) {
    /** urllib3's defaults: 10 origins, 10 connections each, not blocking; 30 s wait; 5 min idle. */
    public static final PoolSettings DEFAULT = new PoolSettings(10, 10, false, Duration.ofSeconds(30), Duration.ofMinutes(5));

    /** Checks the limits. */
    public PoolSettings {
        if (connections < 1) {
            throw new IllegalArgumentException("poolConnections must be at least 1, got " + connections);
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("poolMaxSize must be at least 1, got " + maxSize);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("poolTimeout must be positive (a wait is never forever), got " + timeout);
        }
        if (maxIdle == null || maxIdle.isNegative()) {
            throw new IllegalArgumentException("maxIdle must not be negative, got " + maxIdle);
        }
    }
}
