package dev.spool.internal.pool;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one origin: an idle stack (most recently returned on top) and counts, guarded
 * by one lock that is never held across I/O.
 */
final class OriginPool {
    final OriginKey key;
    final String origin;
    final ReentrantLock lock = new ReentrantLock();
    final Condition returned = lock.newCondition();
    /** Idle connections, most recently returned first (urllib3 reuses LIFO too: its queue is a LifoQueue). */
    final ArrayDeque<Pooled<?>> idle = new ArrayDeque<>();
    int inUse;
    int numbering;
    long opened;
    long closed;
    boolean evicted;
    /** nanoTime of the last lease, for least-recently-used eviction; read without the lock. */
    volatile long lastUsed;
    // The "pool is full" warning is rate-limited per pool.
    long lastFullWarning = Long.MIN_VALUE;
    long discardsSinceWarning;

    OriginPool(OriginKey key, long now) {
        this.key = key;
        this.origin = key.origin();
        this.lastUsed = now;
    }
}
