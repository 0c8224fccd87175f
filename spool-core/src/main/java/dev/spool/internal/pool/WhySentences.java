package dev.spool.internal.pool;

import dev.spool.CloseReason;
import dev.spool.OpenReason;
import dev.spool.transport.PoolSettings;

/**
 * The sentences that say why a connection was opened or closed, with the specifics (which connection,
 * how long it was idle, how many are in use). Built only when a connection is opened or closed, never
 * for a reuse; called under the origin's lock (string work, no I/O).
 */
final class WhySentences {
    private WhySentences() {
    }

    /** {@code 4.2 s}: nanoseconds in seconds with one decimal, the same in every locale. */
    static String seconds(long nanos) {
        long tenths = Math.max(0, nanos) / 100_000_000L;
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    /**
     * Why the pool opens a connection for {@code p} now, before the slot is counted: the reason goes
     * in {@code out[0]} and the sentence is returned.
     */
    static String open(OriginPool p, boolean fresh, OpenReason[] out) {
        Pooled<?> last = p.lastClosed;
        if (fresh) {
            out[0] = OpenReason.RETRY;
            return last == null ? "a reused connection failed before any response came back"
                    : "a request on reused connection " + last.number + " failed before any response came back ("
                    + last.closeDetail + ")";
        }
        if (!p.shared.isEmpty()) {
            for (Pooled<?> s : p.shared) {
                if (!s.retired && s.connection().maxConcurrentExchanges() > 0) {
                    out[0] = OpenReason.ALL_IN_USE;
                    return "no free HTTP/2 stream: connection " + s.number + " carries " + s.active + " of "
                            + s.connection().maxConcurrentExchanges() + " streams the server allows";
                }
            }
            Pooled<?> s = p.shared.get(p.shared.size() - 1);
            out[0] = OpenReason.NOT_KEPT;
            return "connection " + s.number + " takes no new stream: " + retiredWhy(s);
        }
        if (p.inUse > 0) {
            out[0] = OpenReason.ALL_IN_USE;
            Pooled<?> held = null;
            for (Pooled<?> c : p.leased) {
                if (c.bodyPending) {
                    held = c;
                }
            }
            String held1 = held == null ? null
                    : "connection " + held.number + " is still held by a response whose body is not yet read to its end or closed";
            if (p.inUse == 1 && held1 != null) {
                return held1;
            }
            return "all " + p.inUse + " connections to " + p.origin + " are in use"
                    + (held1 == null ? "" : " (" + held1 + ")");
        }
        if (last != null) {
            switch (last.closeReason) {
                case SERVER_CLOSED, IDLE_EXPIRED, KEEP_ALIVE_TIMEOUT, UNRESPONSIVE -> {
                    out[0] = OpenReason.IDLE_UNUSABLE;
                    return "connection " + last.number + " was not usable: " + last.closeDetail;
                }
                default -> {
                    out[0] = OpenReason.NOT_KEPT;
                    return "connection " + last.number + " was not kept: " + last.closeDetail;
                }
            }
        }
        if (p.evictedBefore != null) {
            out[0] = OpenReason.EVICTED;
            return p.evictedBefore;
        }
        out[0] = OpenReason.FIRST;
        return p.otherTls == null ? "no connection to " + p.origin + " yet"
                : "no connection to " + p.origin + " with these TLS settings yet (" + p.otherTls + ")";
    }

    /** Why a multiplexed connection takes no new stream. */
    static String retiredWhy(Pooled<?> s) {
        return s.retiredDetail != null ? s.retiredDetail : "the server sent GOAWAY";
    }

    /** The sentence for a connection closed for {@code reason}. */
    static String close(CloseReason reason, Pooled<?> c, long now, PoolSettings settings) {
        return switch (reason) {
            case SERVER_CLOSED -> "the server closed it after " + seconds(now - c.lastReleased) + " idle";
            case CONNECTION_CLOSE -> "the last response on it asked for Connection: close";
            case NOT_REUSABLE -> "the last response on it did not allow reuse (HTTP/1.0 without keep-alive, "
                    + "a body ended by close, or bytes beyond its end)";
            case UNREAD_BODY -> "its response was closed with more of the body unread than is worth draining";
            case IDLE_EXPIRED -> "it expired after " + seconds(now - c.lastReleased) + " idle (the pool keeps idle "
                    + "connections " + seconds(settings.maxIdle().toNanos()) + ")";
            case KEEP_ALIVE_TIMEOUT -> "it expired after " + seconds(now - c.lastReleased)
                    + " idle: the server's Keep-Alive: timeout=" + c.keepAliveSeconds + " (less a 0.5 s margin)";
            case POOL_FULL -> "the pool of " + c.owner.origin + " already kept " + settings.maxSize()
                    + " idle connections (poolMaxSize " + settings.maxSize() + ")";
            case EVICTED -> "the pool of " + c.owner.origin + " was evicted: more than " + settings.connections()
                    + " origins in use (poolConnections " + settings.connections() + ")";
            case ERROR -> "an exchange on it failed";
            case GOAWAY -> "the server sent GOAWAY";
            case SESSION_CLOSED -> "the session was closed";
            case UNRESPONSIVE -> "it did not answer a PING after " + seconds(now - c.lastReleased) + " idle";
        };
    }
}
