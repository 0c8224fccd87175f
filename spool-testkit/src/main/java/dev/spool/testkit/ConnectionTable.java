package dev.spool.testkit;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The connections of a {@link MockServer} and their states: which are open, what each is doing,
 * who closed it, and the counts tests ask about. One lock guards it all and is signalled on every
 * change, so a test can wait for a state instead of sleeping.
 */
final class ConnectionTable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<ServerConnection> live = new LinkedHashSet<>();
    private final Map<Integer, ServerConnection> byIndex = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final Semaphore permits;
    private final BooleanSupplier closing;

    ConnectionTable(int maxConnections, BooleanSupplier closing) {
        this.permits = new Semaphore(maxConnections);
        this.closing = closing;
    }

    /** Waits for room for one more connection. */
    void acquirePermit() throws InterruptedException {
        permits.acquire();
    }

    void releasePermit() {
        permits.release();
    }

    /**
     * Registers an accepted socket as connection number N (from 1), made by {@code make}; null (and
     * the permit released) when the server is closing.
     */
    ServerConnection register(Socket s, IntFunction<ServerConnection> make) {
        lock.lock();
        try {
            if (closing.getAsBoolean()) {
                permits.release();
                return null;
            }
            int index = accepted.incrementAndGet();
            ServerConnection c = make.apply(index);
            byIndex.put(index, c);
            live.add(c);
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            changed.signalAll();
            return c;
        } finally {
            lock.unlock();
        }
    }

    int connectionCount() {
        return accepted.get();
    }

    int openConnections() {
        return open.get();
    }

    int maxConcurrentConnections() {
        return maxOpen.get();
    }

    /** Moves a connection to a new state; false when the server has closed it (it must then stop). */
    boolean transition(ServerConnection c, ServerConnection.State to) {
        lock.lock();
        try {
            if (c.closedByServer) {
                return false;
            }
            c.state = to;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosedByServer(ServerConnection c) {
        lock.lock();
        try {
            return c.closedByServer || closing.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    /** Called by a connection's thread as it ends. */
    void ended(ServerConnection c) {
        lock.lock();
        try {
            c.state = ServerConnection.State.CLOSED;
            if (live.remove(c)) {
                open.decrementAndGet();
                permits.release();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Connection number {@code index} once it has been accepted, or null when it was not within the timeout. */
    ServerConnection await(int index, long deadline) {
        lock.lock();
        try {
            ServerConnection c;
            while ((c = byIndex.get(index)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks every connection waiting for a request as closed by the server and returns them (for the
     * caller to close outside the lock); first waits up to {@code grace} for connections that are
     * flushing the end of a response.
     */
    List<ServerConnection> takeIdle(Duration grace) {
        List<ServerConnection> chosen = new ArrayList<>();
        lock.lock();
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            while (anyIn(ServerConnection.State.RESPONDED)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            for (ServerConnection c : live) {
                if (c.state == ServerConnection.State.IDLE) {
                    c.state = ServerConnection.State.CLOSED;
                    c.closedByServer = true;
                    chosen.add(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return chosen;
    }

    /** Marks every open connection as closed by the server and returns them, for close(). */
    List<ServerConnection> takeAll() {
        lock.lock();
        try {
            List<ServerConnection> all = new ArrayList<>(live);
            for (ServerConnection c : all) {
                c.closedByServer = true;
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Whether no connection is in the middle of an exchange. Call through {@link #await(Duration, BooleanSupplier)}. */
    boolean quiet() {
        return !anyIn(ServerConnection.State.HANDSHAKE) && !anyIn(ServerConnection.State.BUSY)
                && !anyIn(ServerConnection.State.RESPONDED) && !anyIn(ServerConnection.State.STALLED);
    }

    /** Waits until the condition, evaluated under the lock, holds; false on timeout. */
    boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean anyIn(ServerConnection.State state) {
        for (ServerConnection c : live) {
            if (c.state == state) {
                return true;
            }
        }
        return false;
    }

    /** Waits for each connection's thread to say it ended, until the deadline. */
    static void awaitEnded(List<ServerConnection> list, long deadline) {
        for (ServerConnection c : list) {
            try {
                c.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
