package dev.spool;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a session's connection pool: connections opened since the session began and,
 * per origin, how many are idle, in use and were opened, why connections were opened and closed,
 * and each open connection's protocol and streams in flight.
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
     * @param openedBy the connections opened, counted by why they were opened (reasons never seen are absent)
     * @param closedBy the connections closed, counted by why they were closed (reasons never seen are absent)
     * @param requests the exchanges this origin's connections served (each lease, a retry's included)
     * @param waiting callers waiting now for a connection ({@code poolBlock(true)} with every one in use),
     *     or for an HTTP/2 connection being opened
     * @param connections the open connections kept or leased, by number: each one's protocol and the
     *     exchanges in flight on it (connections still being opened are not listed)
     */
    public record OriginStats(String origin, int idle, int inUse, long opened, long closed, int multiplexed,
                              int streams, Map<OpenReason, Long> openedBy, Map<CloseReason, Long> closedBy,
                              long requests, int waiting, List<ConnectionStats> connections) {
        /** Copies the maps and the list, so a snapshot never changes. */
        public OriginStats {
            java.util.Objects.requireNonNull(openedBy, "openedBy (use Map.of() for none)");
            java.util.Objects.requireNonNull(closedBy, "closedBy (use Map.of() for none)");
            openedBy = openedBy.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(openedBy));
            closedBy = closedBy.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(closedBy));
            connections = List.copyOf(java.util.Objects.requireNonNull(connections, "connections (use List.of() for none)"));
        }

        /** The stats of an origin without the list of its connections. */
        public OriginStats(String origin, int idle, int inUse, long opened, long closed, int multiplexed,
                           int streams, Map<OpenReason, Long> openedBy, Map<CloseReason, Long> closedBy,
                           long requests, int waiting) {
            this(origin, idle, inUse, opened, closed, multiplexed, streams, openedBy, closedBy, requests, waiting,
                    List.of());
        }

        /** Open connections speaking {@code protocol} ({@code h2} or {@code http/1.1}). */
        public int connections(String protocol) {
            int n = 0;
            for (ConnectionStats c : connections) {
                if (c.protocol().equals(protocol)) {
                    n++;
                }
            }
            return n;
        }

        /** The stats of an origin, without counts by reason. */
        public OriginStats(String origin, int idle, int inUse, long opened, long closed, int multiplexed, int streams) {
            this(origin, idle, inUse, opened, closed, multiplexed, streams, Map.of(), Map.of(), 0, 0);
        }

        /** Connections opened for {@code reason}. */
        public long opened(OpenReason reason) {
            return openedBy.getOrDefault(reason, 0L);
        }

        /** Connections closed for {@code reason}. */
        public long closed(CloseReason reason) {
            return closedBy.getOrDefault(reason, 0L);
        }

        /** The mean number of exchanges each connection opened for this origin served, or 0 before any. */
        public double requestsPerConnection() {
            return opened == 0 ? 0 : (double) requests / opened;
        }

        /** The stats of an origin with no multiplexed connection. */
        public OriginStats(String origin, int idle, int inUse, long opened, long closed) {
            this(origin, idle, inUse, opened, closed, 0, 0);
        }
    }

    /**
     * One open connection of an origin's pool.
     *
     * @param number its number within the origin's pool: 1 for the first one opened (as in
     *     {@code ConnectionInfo.number()} and the DEBUG lines)
     * @param protocol what it speaks: {@code h2} or {@code http/1.1}
     * @param streams the exchanges in flight on it: its open HTTP/2 streams, or 1 for a leased HTTP/1.1
     *     connection; 0 when idle
     * @param maxStreams how many it may carry at once now: the server's HTTP/2 stream limit (0 once it
     *     takes no new stream, after GOAWAY), 1 for HTTP/1.1
     */
    public record ConnectionStats(int number, String protocol, int streams, int maxStreams) {
        /** Checks the values. */
        public ConnectionStats {
            java.util.Objects.requireNonNull(protocol, "protocol");
            if (streams < 0 || maxStreams < 0) {
                throw new IllegalArgumentException("streams and maxStreams must not be negative: " + streams + ", " + maxStreams);
            }
        }

        /** Whether no exchange is in flight on it. */
        public boolean isIdle() {
            return streams == 0;
        }
    }
}
