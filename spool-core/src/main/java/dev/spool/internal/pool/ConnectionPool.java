package dev.spool.internal.pool;

import dev.spool.CloseReason;
import dev.spool.OpenReason;
import dev.spool.PoolStats;
import dev.spool.PoolTimeoutException;
import dev.spool.transport.PoolSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps connections per origin for reuse, with urllib3's limits: at most {@code connections} origin
 * pools (least recently used evicted) and {@code maxSize} connections kept per origin, optionally
 * blocking callers up to {@code timeout}. It manages connections, never bytes; no lock is held across
 * I/O, and sockets are closed outside every lock.
 *
 * @param <C> the connection type
 */
public final class ConnectionPool<C extends Poolable> {
    static final System.Logger LOG = System.getLogger("dev.spool.pool");
    /** The "pool is full" warning is logged at most once a minute per origin pool. */
    static final long FULL_WARNING_INTERVAL = TimeUnit.MINUTES.toNanos(1);
    /**
     * Seconds taken off the server's {@code Keep-Alive: timeout=N} before a connection counts as
     * expired, so the client gives it up before the server closes it (a request in flight when the
     * server's timer fires is the classic stale-connection race).
     */
    static final long KEEP_ALIVE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How often leases sweep every origin for expired idle connections. */
    static final long SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(5);

    private final PoolSettings settings;
    private final Opener<C> opener;
    private final LongSupplier clock;
    private final Closer closer;
    private final OriginTable pools;
    private final AtomicLong opened = new AtomicLong();
    private final long maxIdleNanos;
    private volatile long nextSweep;
    private volatile boolean closed;

    /**
     * Creates a pool.
     *
     * @param clock a nanoTime source; tests pass a fake one (DESIGN, principle 3)
     */
    public ConnectionPool(PoolSettings settings, Opener<C> opener, LongSupplier clock) {
        this(settings, opener, clock, PoolListener.NONE);
    }

    /**
     * Creates a pool that tells {@code listener} of every connection it closes, and why.
     *
     * @param clock a nanoTime source; tests pass a fake one (DESIGN, principle 3)
     */
    public ConnectionPool(PoolSettings settings, Opener<C> opener, LongSupplier clock, PoolListener listener) {
        this.closer = new Closer(java.util.Objects.requireNonNull(listener, "listener"));
        this.settings = settings;
        this.pools = new OriginTable(settings, closer);
        this.opener = opener;
        this.clock = clock;
        this.maxIdleNanos = settings.maxIdle().toNanos();
        this.nextSweep = clock.getAsLong() + SWEEP_INTERVAL;
    }

    /** The pool's limits. */
    public PoolSettings settings() {
        return settings;
    }

    /**
     * Leases a connection for {@code key}: the most recently returned idle one that is still
     * healthy, else a new one. With {@code poolBlock}, waits up to {@code poolTimeout} when the
     * origin has {@code maxSize} connections in use.
     *
     * @param fresh skip idle connections and open a new one (a retry after a stale connection)
     * @param thorough check an idle connection at the socket even when it is hot (non-idempotent requests)
     * @throws PoolTimeoutException when blocking and no connection frees up in time
     * @throws IOException when opening a connection fails
     */
    public Pooled<C> lease(OriginKey key, boolean fresh, boolean thorough) throws IOException {
        return lease(key, fresh, thorough, LeaseTrace.NONE);
    }

    /**
     * Leases a connection as {@link #lease(OriginKey, boolean, boolean)} does, telling {@code trace} which
     * connection was picked (before a new one is opened) and letting the opener report its phases.
     */
    @SuppressWarnings("unchecked")
    public Pooled<C> lease(OriginKey key, boolean fresh, boolean thorough, LeaseTrace trace) throws IOException {
        if (closed) {
            throw new IllegalStateException("the connection pool is closed (its session was closed)");
        }
        long now = clock.getAsLong();
        if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_INTERVAL;
            cleanup(now);
        }
        long waitLeft = Long.MIN_VALUE; // nanos left to wait for a free connection; unset until a wait starts
        while (true) {
            OriginPool p = pools.get(key, now);
            Pooled<?> candidate = null;
            int newNumber = 0;
            OpenReason[] why = null;
            String whyDetail = null;
            boolean mayMultiplex = false;
            long sharedIdleFor = 0; // how long a shared candidate had no exchange in flight
            boolean checking = false; // whether this lease checks the health of a shared connection that was idle
            List<Pooled<?>> expired = null;
            p.lock.lock();
            try {
                if (p.evicted) {
                    continue; // evicted between lookup and lock: look it up again
                }
                while (true) {
                    Pooled<?> m = fresh ? null : p.sharedWithRoom(now);
                    if (m != null) {
                        // Callers that share it while the first after an idle spell checks it pass the
                        // same idle time, so they wait for that check instead of skipping it.
                        sharedIdleFor = m.active == 0 ? now - m.lastReleased : m.checkingIdle;
                        if (m.active == 0) {
                            m.checkingIdle = sharedIdleFor;
                            checking = true;
                        }
                        m.active++;
                        m.leases++;
                        p.requests++;
                        candidate = m;
                        break;
                    }
                    Pooled<?> c = fresh ? null : p.idle.pollFirst();
                    if (c != null) {
                        if (now - c.idleDeadline >= 0) {
                            CloseReason r = c.keepAliveBound ? CloseReason.KEEP_ALIVE_TIMEOUT : CloseReason.IDLE_EXPIRED;
                            p.retire(c, r, WhySentences.close(r, c, now, settings));
                            expired = Closer.add(expired, c);
                            continue;
                        }
                        p.inUse++;
                        c.leases++;
                        p.requests++;
                        p.leased.add(c);
                        candidate = c;
                        break;
                    }
                    if (!fresh && p.openingMultiplexed > 0) {
                        // A connection that may carry many exchanges is being opened: wait for it
                        // rather than open another (its open is bounded by the connect timeout).
                        p.awaitReturned();
                        if (p.evicted) {
                            break;
                        }
                        now = clock.getAsLong();
                        continue;
                    }
                    if (!settings.block() || p.connections() < settings.maxSize()) {
                        why = new OpenReason[1];
                        whyDetail = WhySentences.open(p, fresh, why);
                        p.inUse++;
                        newNumber = ++p.numbering;
                        if (opener.mayMultiplex(key)) {
                            p.openingMultiplexed++;
                            mayMultiplex = true;
                        }
                        break;
                    }
                    if (fresh && !p.idle.isEmpty()) {
                        // A blocked retry needs room for a new connection: give up the oldest idle one.
                        Pooled<?> oldest = p.idle.pollLast();
                        p.retire(oldest, CloseReason.POOL_FULL, "given up to make room for a retry: "
                                + WhySentences.close(CloseReason.POOL_FULL, oldest, now, settings));
                        expired = Closer.add(expired, oldest);
                        continue;
                    }
                    if (waitLeft == Long.MIN_VALUE) {
                        waitLeft = settings.timeout().toNanos();
                    }
                    if (waitLeft <= 0) {
                        throw new PoolTimeoutException("no free connection to " + p.origin + " within "
                                + settings.timeout().toMillis() + " ms: all " + settings.maxSize()
                                + " connections are in use (poolBlock is on; raise poolMaxSize or close responses sooner)");
                    }
                    try {
                        // The wait itself is real time (a Condition cannot wait on a fake clock); the trace
                        // waits, so that a call's deadline or cancel can wake it.
                        p.waiting++;
                        waitLeft = trace.await(p.lock, p.returned, waitLeft);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        InterruptedIOException stop = new InterruptedIOException(
                                "interrupted while waiting for a connection to " + p.origin);
                        stop.initCause(e);
                        throw stop;
                    } finally {
                        p.waiting--;
                    }
                    if (p.evicted) {
                        break;
                    }
                    now = clock.getAsLong();
                }
            } finally {
                p.lock.unlock();
                closer.closeAll(expired);
            }
            if (candidate == null && newNumber == 0) {
                continue; // the pool was evicted while we waited
            }
            if (candidate != null && candidate.multiplexed) {
                boolean healthy = candidate.connection().isHealthy(sharedIdleFor, thorough);
                if (checking) {
                    candidate.checkingIdle = 0;
                }
                if (healthy) {
                    trace.leased(candidate.number, true);
                    return (Pooled<C>) candidate;
                }
                // Retire it and look again. Still taking streams, yet unhealthy: its PING went unanswered.
                p.unserved(candidate);
                releaseShared((Pooled<C>) candidate, candidate.connection().maxConcurrentExchanges() > 0
                        ? CloseReason.UNRESPONSIVE : CloseReason.SERVER_CLOSED);
                continue;
            }
            if (candidate != null) {
                long idleFor = now - candidate.lastReleased;
                if (candidate.connection().isHealthy(idleFor, thorough)) {
                    trace.leased(candidate.number, true);
                    return (Pooled<C>) candidate;
                }
                // Found dead before reuse: drop it and open a replacement in the same slot.
                LOG.log(Level.DEBUG, "Resetting dropped connection: {0}", key.host());
                candidate.connection().closeQuietly();
                p.lock.lock();
                try {
                    p.leased.remove(candidate);
                    candidate.leases--; // it served nothing this time
                    p.requests--;
                    p.retire(candidate, CloseReason.SERVER_CLOSED,
                            WhySentences.close(CloseReason.SERVER_CLOSED, candidate, now, settings));
                    newNumber = ++p.numbering;
                } finally {
                    p.lock.unlock();
                }
                closer.reported(candidate);
                why = new OpenReason[] {OpenReason.IDLE_UNUSABLE};
                whyDetail = "connection " + candidate.number + " was not usable: " + candidate.closeDetail;
            }
            trace.leased(newNumber, false);
            return open(p, newNumber, mayMultiplex, trace, why[0], whyDetail);
        }
    }

    /**
     * Opens connection {@code number} in the slot reserved for it.
     *
     * @param counted whether the open was counted as one that may yield a multiplexed connection
     */
    private Pooled<C> open(OriginPool p, int number, boolean counted, LeaseTrace trace, OpenReason why,
                           String whyDetail) throws IOException {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "Starting new " + (p.key.isHttps() ? "HTTPS" : "HTTP") + " connection ("
                    + number + "): " + p.key.host() + ":" + p.key.port());
            LOG.log(Level.DEBUG, "New connection (" + number + ") because " + whyDetail + " (" + why + ")");
        }
        trace.opening(number, why, whyDetail);
        C c;
        try {
            c = opener.open(p.key, number, trace);
        } catch (IOException | RuntimeException | Error e) {
            p.lock.lock();
            try {
                p.inUse--;
                if (counted) {
                    p.openingMultiplexed--;
                    p.returned.signalAll(); // the callers that waited for it open their own now
                } else {
                    p.returned.signal();
                }
            } finally {
                p.lock.unlock();
            }
            throw e;
        }
        Pooled<C> pooled = new Pooled<>(c, p, number);
        pooled.openReason = why;
        pooled.openDetail = whyDetail;
        pooled.lastReleased = clock.getAsLong();
        opened.incrementAndGet();
        p.lock.lock();
        try {
            p.countOpened(why);
            p.requests++;
            if (c.isMultiplexed()) {
                // Shared from now on: this caller holds one of its exchange slots.
                p.inUse--;
                pooled.multiplexed = true;
                pooled.active = 1;
                p.shared.add(pooled);
            } else {
                p.leased.add(pooled);
            }
            if (counted) {
                p.openingMultiplexed--;
                p.returned.signalAll();
            }
        } finally {
            p.lock.unlock();
        }
        // If the pool was evicted or closed while we connected, the caller still gets its connection;
        // release() closes it afterwards, so a request in flight is never cut.
        return pooled;
    }

    /**
     * Returns a leased connection. A reusable one goes back on top of its origin's idle stack unless
     * the stack is full (then it is closed, with the rate-limited WARNING) or the origin pool was
     * evicted or closed; a non-reusable one is closed. Never blocks on I/O under a lock.
     *
     * @return whether the connection was kept for reuse (false when it was closed)
     */
    public boolean release(Pooled<C> connection, boolean reusable) {
        return release(connection, reusable ? null : CloseReason.ERROR);
    }

    /**
     * Returns a leased connection as {@link #release(Pooled, boolean)} does; {@code notReusable} is null
     * for a reusable connection, else why it must be closed.
     *
     * @return whether the connection was kept for reuse (false when it was closed)
     */
    public boolean release(Pooled<C> connection, CloseReason notReusable) {
        connection.bodyPending = false;
        if (connection.multiplexed) {
            return releaseShared(connection, notReusable);
        }
        OriginPool p = connection.owner;
        long now = clock.getAsLong();
        boolean discard;
        String warning = null;
        p.lock.lock();
        try {
            p.inUse--;
            p.leased.remove(connection);
            if (notReusable == null && !p.evicted) {
                if (p.idle.size() < settings.maxSize()) {
                    connection.lastReleased = now;
                    connection.idleDeadline = idleDeadline(connection, now);
                    p.idle.addFirst(connection);
                    discard = false;
                } else {
                    discard = true;
                    p.discardsSinceWarning++;
                    if (p.lastFullWarning == Long.MIN_VALUE || now - p.lastFullWarning >= FULL_WARNING_INTERVAL) {
                        warning = "Connection pool is full, discarding connection: " + p.key.host()
                                + ". Connection pool size: " + settings.maxSize()
                                + (p.lastFullWarning == Long.MIN_VALUE ? ""
                                : " (" + p.discardsSinceWarning + " discarded since the last warning)");
                        p.lastFullWarning = now;
                        p.discardsSinceWarning = 0;
                    }
                }
            } else {
                discard = true;
            }
            if (discard) {
                CloseReason r = notReusable != null ? notReusable : p.evicted ? evictedReason()
                        : CloseReason.POOL_FULL;
                if (r == CloseReason.SERVER_CLOSED) {
                    // Found closed by the request just tried on it (nothing came back): it served nothing.
                    connection.leases--;
                    p.requests--;
                }
                p.retire(connection, r, WhySentences.close(r, connection, now, settings));
            }
            p.returned.signal();
        } finally {
            p.lock.unlock();
        }
        if (discard) {
            connection.connection().closeQuietly();
            closer.reported(connection);
        }
        if (warning != null) {
            LOG.log(Level.WARNING, warning);
        }
        return !discard;
    }

    /**
     * Ends one exchange on a multiplexed connection. {@code reusable} false retires the connection:
     * it takes no new exchange and closes when its last one ends (as after GOAWAY).
     */
    private boolean releaseShared(Pooled<C> c, CloseReason notReusable) {
        OriginPool p = c.owner;
        long now = clock.getAsLong();
        List<Pooled<?>> done;
        boolean kept;
        p.lock.lock();
        try {
            c.active--;
            if ((notReusable != null || p.evicted) && !c.retired) {
                c.retired = true;
                CloseReason r = notReusable != null ? notReusable : evictedReason();
                if (r != CloseReason.GOAWAY) {
                    c.retiredReason = r;
                    c.retiredDetail = WhySentences.close(r, c, now, settings);
                }
            }
            if (c.active == 0) {
                c.lastReleased = now;
                c.idleDeadline = idleDeadline(c, now);
            }
            done = p.takeDoneShared(now, null, settings);
            kept = !c.retired && c.connection().maxConcurrentExchanges() > 0;
            p.returned.signal(); // a freed exchange slot serves one waiter
        } finally {
            p.lock.unlock();
        }
        closer.closeAll(done);
        return kept;
    }

    private long idleDeadline(Pooled<?> c, long now) {
        long keep = maxIdleNanos;
        c.keepAliveBound = false;
        if (c.keepAliveSeconds >= 0) {
            long server = Math.max(0, TimeUnit.SECONDS.toNanos(c.keepAliveSeconds) - KEEP_ALIVE_MARGIN_NANOS);
            if (server < keep) {
                keep = server;
                c.keepAliveBound = true;
            }
        }
        return now + keep;
    }

    /** Why connections of an evicted pool close: the pool's end, or the origin leaving the LRU. */
    private CloseReason evictedReason() {
        return closed ? CloseReason.SESSION_CLOSED : CloseReason.EVICTED;
    }

    /**
     * Closes idle connections whose time is up, in every origin. Time is passed in so tests can use a
     * fake clock.
     *
     * @return how many connections were closed
     */
    public int cleanup(long now) {
        List<Pooled<?>> expired = null;
        for (OriginPool p : pools.values()) {
            p.lock.lock();
            try {
                // The stack's bottom holds the longest-idle connections; take from there while expired.
                while (!p.idle.isEmpty() && now - p.idle.peekLast().idleDeadline >= 0) {
                    Pooled<?> c = p.idle.pollLast();
                    CloseReason r = c.keepAliveBound ? CloseReason.KEEP_ALIVE_TIMEOUT : CloseReason.IDLE_EXPIRED;
                    p.retire(c, r, WhySentences.close(r, c, now, settings));
                    expired = Closer.add(expired, c);
                }
                expired = p.takeDoneShared(now, expired, settings);
            } finally {
                p.lock.unlock();
            }
        }
        closer.closeAll(expired);
        return expired == null ? 0 : expired.size();
    }

    /** A snapshot of the pool's counts. */
    public PoolStats stats() {
        List<OriginPool> list = new ArrayList<>(pools.values());
        list.sort(Comparator.comparingLong(p -> p.lastUsed));
        List<PoolStats.OriginStats> out = new ArrayList<>(list.size());
        for (OriginPool p : list) {
            p.lock.lock();
            try {
                out.add(p.snapshot());
            } finally {
                p.lock.unlock();
            }
        }
        return new PoolStats(opened.get(), out);
    }

    /** Closes every idle connection now; leased ones are closed when released. Idempotent. */
    public void close() {
        closed = true;
        pools.close(clock.getAsLong());
    }
}
