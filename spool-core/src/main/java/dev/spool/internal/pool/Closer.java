package dev.spool.internal.pool;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes the connections a pool took out under its locks, outside every lock, and says so: the DEBUG
 * line {@code Closed connection (N) to ORIGIN after K requests: DETAIL (REASON)} and the
 * {@link PoolListener}'s event, with the reason each was given when it was retired.
 */
final class Closer {
    private final PoolListener listener;

    Closer(PoolListener listener) {
        this.listener = listener;
    }

    static List<Pooled<?>> add(List<Pooled<?>> list, Pooled<?> c) {
        if (list == null) {
            list = new ArrayList<>(4);
        }
        list.add(c);
        return list;
    }

    void closeAll(List<Pooled<?>> list) {
        if (list != null) {
            for (Pooled<?> c : list) {
                c.connection().closeQuietly();
                reported(c);
            }
        }
    }

    /** Logs and reports a connection closed (outside every lock), with the reason it was given when retired. */
    void reported(Pooled<?> c) {
        if (ConnectionPool.LOG.isLoggable(Level.DEBUG)) {
            ConnectionPool.LOG.log(Level.DEBUG, "Closed connection (" + c.number + ") to " + c.owner.origin + " after " + c.leases
                    + (c.leases == 1 ? " request: " : " requests: ") + c.closeDetail + " (" + c.closeReason + ")");
        }
        listener.closed(c.owner.origin, c.number, c.closeReason, c.closeDetail);
    }

}
