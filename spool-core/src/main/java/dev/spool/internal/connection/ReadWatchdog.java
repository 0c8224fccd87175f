package dev.spool.internal.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces read timeouts from one daemon thread, so reads can be plain blocking reads: a socket
 * read with {@code SO_TIMEOUT} on a {@code SocketChannel} switches the channel to non-blocking
 * mode and back around every read (four {@code fcntl} calls), which measured as most of the
 * syscalls of a keep-alive request. A reader publishes its deadline; when one passes, the watchdog
 * closes that connection, which ends the blocked read, and the reader reports a read timeout.
 *
 * <p>Precision: a reader whose deadline is earlier than the watchdog's next wake-up wakes it, so
 * timeouts fire on time; a deadline published while the watchdog is between its scan and its sleep
 * may fire up to {@link #MAX_SLEEP_NANOS} late.
 */
final class ReadWatchdog {
    /** The longest the watchdog sleeps between scans while any connection is registered. */
    static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    static final ReadWatchdog INSTANCE = new ReadWatchdog();

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** nanoTime of the watchdog's next scan; readers with an earlier deadline wake it. */
    private volatile long nextWake = Long.MAX_VALUE;

    private ReadWatchdog() {
        thread = new Thread(this::run, "spool-read-timeouts");
        thread.setDaemon(true);
        thread.start();
    }

    void register(Connection c) {
        if (connections.add(c) && connections.size() == 1) {
            LockSupport.unpark(thread); // it may be parked indefinitely with nothing to watch
        }
    }

    void unregister(Connection c) {
        connections.remove(c);
    }

    /** Called by a reader that just published {@code deadline}. */
    void deadlineSet(long deadline) {
        if (deadline - nextWake < 0) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            long now = System.nanoTime();
            long earliest = now + MAX_SLEEP_NANOS;
            for (Connection c : connections) {
                long d = c.readDeadline();
                if (d != 0) {
                    if (d - now <= 0) {
                        c.expireRead(d);
                    } else if (d - earliest < 0) {
                        earliest = d;
                    }
                }
            }
            if (connections.isEmpty()) {
                nextWake = Long.MAX_VALUE;
                if (connections.isEmpty()) {
                    LockSupport.park(this);
                }
            } else {
                nextWake = earliest;
                LockSupport.parkNanos(this, earliest - now);
            }
        }
    }
}
