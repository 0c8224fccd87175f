package dev.spool.internal.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The one deadline mechanism of the connection layer (Okio's {@code AsyncTimeout} is the pattern):
 * a blocking operation (connect, proxy and TLS handshakes, a read, a write) enters with a deadline
 * and exits when it returns; if the deadline passes first, one daemon thread runs the operation's
 * timeout action, which closes its socket and so ends the blocked call. Reads and writes stay plain
 * blocking calls: {@code SO_TIMEOUT} on a {@code SocketChannel}'s socket switches the channel to
 * non-blocking mode and back around every read (four {@code fcntl} calls, once most of a keep-alive
 * request's syscalls), and bounds no write at all.
 *
 * <p>Only operations in progress are tracked: an operation joins the watched set when it enters and
 * is dropped at the next scan after it exits. While nothing is in progress the thread parks without
 * a timeout, so an idle client (connections sitting in a pool) costs no wake-ups. Under load the
 * thread sleeps until the earliest deadline it knows of and is woken early only by an operation with
 * an earlier one, so it wakes about once per timeout period, not per operation; once traffic stops it
 * wakes at most once more, at the last deadline it knew, finds nothing and parks for good.
 *
 * <p>Entering and exiting allocate nothing: each {@link Operation} is made once per role (a
 * connection's reads, its writes, one connect) and reused.
 */
final class Watchdog {
    static final Watchdog INSTANCE = new Watchdog();

    /** A deadline that has passed and whose timeout action ran. */
    static final long EXPIRED = Long.MIN_VALUE;
    private static final long IDLE = 0;

    private final Set<Operation> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /**
     * nanoTime of the thread's next scan; an operation with an earlier deadline wakes it.
     * {@code Long.MAX_VALUE} while it scans, so an operation entering during a scan (which the scan
     * may miss) always wakes it for another.
     */
    private volatile long nextWake = Long.MAX_VALUE;
    /** Scans made since start: how often the thread woke (read by tests of the idle cost). */
    private volatile long scans;

    private Watchdog() {
        thread = new Thread(this::run, "spool-timeouts");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One kind of blocking operation that can time out, entered and exited any number of times (by
     * one thread at a time). Its timeout action runs on the watchdog thread and must not block.
     */
    abstract static class Operation {
        private static final VarHandle DEADLINE;
        private static final VarHandle WATCHED;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                DEADLINE = l.findVarHandle(Operation.class, "deadline", long.class);
                WATCHED = l.findVarHandle(Operation.class, "inSet", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** nanoTime by which the operation must end; {@link #IDLE} outside it, {@link #EXPIRED} once timed out. */
        private volatile long deadline;
        /** Whether the operation is in the watchdog's set (it stays there until a scan finds it idle). */
        private volatile boolean inSet;

        /** Ends the blocked operation (closes its socket); called at most once per entry. */
        abstract void timedOut();

        /**
         * Starts the operation: the watchdog runs {@link #timedOut()} if it has not exited
         * {@code timeoutNanos} from now.
         */
        final void enter(long timeoutNanos) {
            long d = System.nanoTime() + timeoutNanos;
            if (d == IDLE || d == EXPIRED) {
                d++;
            }
            deadline = d;
            Watchdog w = INSTANCE;
            if (!inSet && WATCHED.compareAndSet(this, false, true)) {
                w.watched.add(this);
            }
            long wake = w.nextWake;
            if (wake == Long.MAX_VALUE || d - wake < 0) {
                LockSupport.unpark(w.thread);
            }
        }

        /**
         * Ends the operation.
         *
         * @return whether its deadline passed first (its timeout action ran or is running)
         */
        final boolean exit() {
            return (long) DEADLINE.getAndSet(this, IDLE) == EXPIRED;
        }

        /** Whether the operation timed out and has not exited yet. */
        final boolean expired() {
            return deadline == EXPIRED;
        }

        /** Stops watching this operation for good (its connection closed); {@link #exit()} still tells. */
        final void forget() {
            if (inSet) {
                INSTANCE.watched.remove(this);
                inSet = false;
            }
        }
    }

    /** How many times the thread has scanned (woken) since it started. */
    static long scans() {
        return INSTANCE.scans;
    }

    private void run() {
        while (true) {
            nextWake = Long.MAX_VALUE;
            scans++;
            long now = System.nanoTime();
            long earliest = Long.MAX_VALUE;
            for (Operation op : watched) {
                long d = op.deadline;
                if (d == IDLE || d == EXPIRED) {
                    // Not in progress: drop it until it enters again. An entry racing with this removal
                    // either sees inSet false and adds itself, or wrote its deadline before we clear
                    // inSet, so the re-read below sees it and puts it back.
                    watched.remove(op);
                    op.inSet = false;
                    d = op.deadline;
                    if (d == IDLE || d == EXPIRED || !Operation.WATCHED.compareAndSet(op, false, true)) {
                        continue;
                    }
                    watched.add(op);
                }
                if (d - now <= 0) {
                    if (Operation.DEADLINE.compareAndSet(op, d, EXPIRED)) {
                        op.timedOut();
                    }
                } else if (earliest == Long.MAX_VALUE || d - earliest < 0) {
                    earliest = d;
                }
            }
            if (earliest == Long.MAX_VALUE) {
                LockSupport.park(this); // nothing in progress: sleep until an operation enters
            } else {
                nextWake = earliest;
                LockSupport.parkNanos(this, earliest - now);
            }
        }
    }
}
