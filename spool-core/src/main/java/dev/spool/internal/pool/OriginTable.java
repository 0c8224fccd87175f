package dev.spool.internal.pool;

import dev.spool.CloseReason;
import dev.spool.transport.PoolSettings;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The origin pools of a {@link ConnectionPool}: found without a lock, created under one, the least
 * recently used evicted beyond {@code poolConnections} (its idle connections closed outside every
 * lock), and the memory of evicted origins that lets a pool made again say why it starts empty.
 */
final class OriginTable {
    /** How many evicted origins are remembered for the reason of their next connection. */
    static final int EVICTED_MEMORY = 64;

    private final PoolSettings settings;
    private final Closer closer;
    private final ConcurrentHashMap<OriginKey, OriginPool> pools = new ConcurrentHashMap<>();
    /** Guards creating and evicting origin pools, and {@link #evictedOrigins}; never held across I/O. */
    private final ReentrantLock mapLock = new ReentrantLock();
    /** Evicted origins and the sentence saying so, oldest first; bounded. */
    private final LinkedHashMap<OriginKey, String> evictedOrigins = new LinkedHashMap<>();
    private boolean closed;

    OriginTable(PoolSettings settings, Closer closer) {
        this.settings = settings;
        this.closer = closer;
    }

    /** The origin pools kept now. */
    Collection<OriginPool> values() {
        return pools.values();
    }

    /** Marks every origin pool closed and closes their idle connections (outside the lock). */
    void close(long now) {
        List<Pooled<?>> toClose = null;
        mapLock.lock();
        try {
            closed = true;
            for (OriginPool p : pools.values()) {
                toClose = evict(p, toClose, now, CloseReason.SESSION_CLOSED);
            }
            pools.clear();
        } finally {
            mapLock.unlock();
        }
        closer.closeAll(toClose);
    }

    /** Finds or creates the origin's pool, evicting the least recently used one beyond the limit. */
    OriginPool get(OriginKey key, long now) {
        OriginPool p = pools.get(key);
        if (p != null) {
            if (p.lastUsed != now) {
                p.lastUsed = now;
            }
            return p;
        }
        List<Pooled<?>> toClose = null;
        mapLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the connection pool is closed (its session was closed)");
            }
            p = pools.get(key);
            if (p == null) {
                p = new OriginPool(key, now);
                p.evictedBefore = evictedOrigins.remove(key);
                p.otherTls = otherTls(key);
                while (pools.size() >= settings.connections()) {
                    OriginPool lru = null;
                    for (OriginPool q : pools.values()) {
                        if (lru == null || q.lastUsed - lru.lastUsed < 0) {
                            lru = q;
                        }
                    }
                    pools.remove(lru.key);
                    remember(lru.key, "the pool of " + lru.origin + " was evicted after "
                            + WhySentences.seconds(now - lru.lastUsed) + " unused, for " + key.origin()
                            + ": more than " + settings.connections() + " origins in use (poolConnections "
                            + settings.connections() + ")");
                    toClose = evict(lru, toClose, now, CloseReason.EVICTED);
                }
                pools.put(key, p);
            }
        } finally {
            mapLock.unlock();
        }
        closer.closeAll(toClose); // outside the map lock: closing sockets never blocks other callers
        return p;
    }

    /** Marks a pool evicted and takes its idle connections; its leased ones close on release. */
    private List<Pooled<?>> evict(OriginPool p, List<Pooled<?>> into, long now, CloseReason why) {
        p.lock.lock();
        try {
            p.evicted = true;
            Pooled<?> c;
            while ((c = p.idle.pollFirst()) != null) {
                into = Closer.add(into, c);
                p.retire(c, why, WhySentences.close(why, c, now, settings));
            }
            for (Pooled<?> s : p.shared) {
                if (!s.retired) {
                    s.retired = true; // in-flight exchanges finish; the connection closes after the last
                    s.retiredReason = why;
                    s.retiredDetail = WhySentences.close(why, s, now, settings);
                }
            }
            into = p.takeDoneShared(now, into, settings);
            p.returned.signalAll();
        } finally {
            p.lock.unlock();
        }
        return into;
    }

    /** A sentence naming the pools of the same origin kept with other TLS settings, or null when there are none. */
    private String otherTls(OriginKey key) {
        int n = 0;
        for (OriginKey k : pools.keySet()) {
            if (!k.equals(key) && k.scheme().equals(key.scheme()) && k.host().equals(key.host())
                    && k.port() == key.port() && java.util.Objects.equals(k.proxy(), key.proxy())) {
                n++;
            }
        }
        return n == 0 ? null : n + (n == 1 ? " pool" : " pools") + " of this origin with other TLS settings kept apart: "
                + "a connection is never shared across TLS settings";
    }

    /** Remembers an evicted origin, forgetting the oldest beyond {@link #EVICTED_MEMORY}; under the map lock. */
    private void remember(OriginKey key, String sentence) {
        evictedOrigins.put(key, sentence);
        if (evictedOrigins.size() > EVICTED_MEMORY) {
            Iterator<Map.Entry<OriginKey, String>> it = evictedOrigins.entrySet().iterator();
            it.next();
            it.remove();
        }
    }
}
