package dev.spool;

import java.util.List;

/**
 * A snapshot of a session's connection pool: connections opened since the session began and,
 * per origin, how many are idle, in use and were opened.
 */
public final class PoolStats {
    private final long connectionsOpened;
    private final List<OriginStats> origins;

    /** Creates a snapshot. */
    public PoolStats(long connectionsOpened, List<OriginStats> origins) {
        this.connectionsOpened = connectionsOpened;
        this.origins = List.copyOf(origins);
    }

    /** TCP connections opened since the session began, over all origins, evicted ones included. */
    public long connectionsOpened() {
        return connectionsOpened;
    }

    /** The origins whose pools are kept now, most recently used last. */
    public List<OriginStats> origins() {
        return origins;
    }

    /** The stats of one origin ({@code http://127.0.0.1:8080}), or null when no pool is kept for it. */
    public OriginStats origin(String origin) {
        for (OriginStats o : origins) {
            if (o.origin().equals(origin)) {
                return o;
            }
        }
        return null;
    }

    /** Idle connections over all origins. */
    public int idle() {
        int n = 0;
        for (OriginStats o : origins) {
            n += o.idle();
        }
        return n;
    }

    /** Leased connections over all origins. */
    public int inUse() {
        int n = 0;
        for (OriginStats o : origins) {
            n += o.inUse();
        }
        return n;
    }

    @Override
    public String toString() {
        return "PoolStats{opened=" + connectionsOpened + ", origins=" + origins + "}";
    }

    /**
     * One origin's pool.
     *
     * @param origin {@code scheme://host:port}
     * @param idle connections waiting to be reused (a multiplexed one with no exchange in flight counts here)
     * @param inUse connections leased to a request, being opened for one, or multiplexed with exchanges in flight
     * @param opened connections this origin's pool has opened
     * @param closed connections this origin's pool has closed
     * @param multiplexed connections kept that carry exchanges concurrently (HTTP/2), idle or in use
     * @param streams exchanges in flight on the multiplexed connections
     */
    public record OriginStats(String origin, int idle, int inUse, long opened, long closed, int multiplexed,
                              int streams) {
        /** The stats of an origin with no multiplexed connection. */
        public OriginStats(String origin, int idle, int inUse, long opened, long closed) {
            this(origin, idle, inUse, opened, closed, 0, 0);
        }
    }
}
