package dev.spool.internal.pool;

import dev.spool.CloseReason;
import dev.spool.OpenReason;
import dev.spool.PoolStats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one origin: an idle stack of one-at-a-time connections (most recently returned
 * on top), the multiplexed connections shared by several callers at once, and counts, guarded by one
 * lock that is never held across I/O. The methods here are called under that lock.
 */
final class OriginPool {
    final OriginKey key;
    final String origin;
    final ReentrantLock lock = new ReentrantLock();
    final Condition returned = lock.newCondition();
    /** Idle connections, most recently returned first (urllib3 reuses LIFO too: its queue is a LifoQueue). */
    final ArrayDeque<Pooled<?>> idle = new ArrayDeque<>();
    /** Leased one-at-a-time connections, and connections being opened. */
    int inUse;
    /** Multiplexed connections, in use or not, until retired and done or expired. */
    final List<Pooled<?>> shared = new ArrayList<>(2);
    /** Opens under way that may yield a multiplexed connection: callers wait for them. */
    int openingMultiplexed;
    /** Leased one-at-a-time connections (not those being opened), to name the one a caller waits behind. */
    final LeasedList leased = new LeasedList();
    int numbering;
    long opened;
    long closed;
    final long[] openedBy = new long[OpenReason.values().length];
    final long[] closedBy = new long[CloseReason.values().length];
    /** Callers waiting for a connection (poolBlock) or for a multiplexed one being opened. */
    int waiting;
    /** Exchanges served by this origin's connections (leases). */
    long requests;
    /** The connection closed last, with its reason: why the next one opened is needed. */
    Pooled<?> lastClosed;
    /** When this origin's pool replaces one evicted earlier: the sentence saying so, else null. */
    String evictedBefore;
    /** When pools of the same origin with other TLS settings exist at creation: a sentence saying so, else null. */
    String otherTls;
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

    /**
     * Takes {@code c} out of the pool's counts for {@code reason}: it is closed (outside the lock) and
     * reported by the caller.
     */
    void retire(Pooled<?> c, CloseReason reason, String detail) {
        closed++;
        closedBy[reason.ordinal()]++;
        c.closeReason = reason;
        c.closeDetail = detail;
        lastClosed = c;
    }

    /** Waits for a connection to come back or a multiplexed one to finish opening (the caller holds the lock). */
    void awaitReturned() {
        waiting++;
        try {
            returned.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.spool.PoolTimeoutException("interrupted while waiting for a connection to " + origin, e);
        } finally {
            waiting--;
        }
    }

    /** Takes back the counts of a lease that served nothing: its connection failed the check before use. */
    void unserved(Pooled<?> c) {
        lock.lock();
        try {
            c.leases--;
            requests--;
        } finally {
            lock.unlock();
        }
    }

    /** Counts one opened connection by reason. */
    void countOpened(OpenReason reason) {
        opened++;
        openedBy[reason.ordinal()]++;
    }

    /** The snapshot of this origin's counts; called under the lock. */
    PoolStats.OriginStats snapshot() {
        int sharedIdle = sharedIdle();
        java.util.EnumMap<OpenReason, Long> opens = new java.util.EnumMap<>(OpenReason.class);
        for (OpenReason r : OpenReason.values()) {
            if (openedBy[r.ordinal()] != 0) {
                opens.put(r, openedBy[r.ordinal()]);
            }
        }
        java.util.EnumMap<CloseReason, Long> closes = new java.util.EnumMap<>(CloseReason.class);
        for (CloseReason r : CloseReason.values()) {
            if (closedBy[r.ordinal()] != 0) {
                closes.put(r, closedBy[r.ordinal()]);
            }
        }
        return new PoolStats.OriginStats(origin, idle.size() + sharedIdle, inUse + shared.size() - sharedIdle,
                opened, closed, shared.size(), streams(), opens, closes, requests, waiting, connectionStats());
    }

    /** Each open connection (idle, leased or shared) by number, with its protocol and exchanges in flight. */
    private List<PoolStats.ConnectionStats> connectionStats() {
        List<PoolStats.ConnectionStats> out = new ArrayList<>(idle.size() + leased.size() + shared.size());
        for (Pooled<?> c : idle) {
            out.add(new PoolStats.ConnectionStats(c.number, c.connection().protocol(), 0, 1));
        }
        for (Pooled<?> c : leased) {
            out.add(new PoolStats.ConnectionStats(c.number, c.connection().protocol(), 1, 1));
        }
        for (Pooled<?> c : shared) {
            out.add(new PoolStats.ConnectionStats(c.number, c.connection().protocol(), c.active,
                    Math.max(0, c.connection().maxConcurrentExchanges())));
        }
        out.sort(java.util.Comparator.comparingInt(PoolStats.ConnectionStats::number));
        return out;
    }

    /** A multiplexed connection with a free exchange slot, or null; the first one opened is filled first. */
    Pooled<?> sharedWithRoom(long now) {
        for (int i = 0; i < shared.size(); i++) {
            Pooled<?> c = shared.get(i);
            if (!c.retired && c.active < c.connection().maxConcurrentExchanges()
                    && (c.active > 0 || now - c.idleDeadline < 0)) {
                return c;
            }
        }
        return null;
    }

    /** Connections counted against the pool's size: leased or opening, idle, and shared. */
    int connections() {
        return inUse + idle.size() + shared.size();
    }

    /** Shared connections with no exchange in flight. */
    int sharedIdle() {
        int n = 0;
        for (int i = 0; i < shared.size(); i++) {
            if (shared.get(i).active == 0) {
                n++;
            }
        }
        return n;
    }

    /** Exchanges in flight on shared connections. */
    int streams() {
        int n = 0;
        for (int i = 0; i < shared.size(); i++) {
            n += shared.get(i).active;
        }
        return n;
    }

    /**
     * Takes out the shared connections that are done: retired (or taking no new exchange) with none in
     * flight, or idle past their deadline. The caller closes them outside the lock.
     */
    List<Pooled<?>> takeDoneShared(long now, List<Pooled<?>> into, dev.spool.transport.PoolSettings settings) {
        for (int i = shared.size() - 1; i >= 0; i--) {
            Pooled<?> c = shared.get(i);
            boolean done = c.active == 0 && (c.retired || c.connection().maxConcurrentExchanges() == 0
                    || now - c.idleDeadline >= 0);
            if (done) {
                shared.remove(i);
                if (c.retired && c.retiredReason != null) {
                    retire(c, c.retiredReason, c.retiredDetail);
                } else if (c.retired || c.connection().maxConcurrentExchanges() == 0) {
                    retire(c, CloseReason.GOAWAY, WhySentences.close(CloseReason.GOAWAY, c, now, settings));
                } else {
                    CloseReason r = c.keepAliveBound ? CloseReason.KEEP_ALIVE_TIMEOUT : CloseReason.IDLE_EXPIRED;
                    retire(c, r, WhySentences.close(r, c, now, settings));
                }
                if (into == null) {
                    into = new ArrayList<>(2);
                }
                into.add(c);
            }
        }
        return into;
    }
}
