package dev.spool.micrometer;

import dev.spool.CloseReason;
import dev.spool.EventListener;
import dev.spool.OpenReason;
import dev.spool.PoolStats;
import dev.spool.Request;
import dev.spool.Response;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a Spool session's pool and calls to a Micrometer {@link MeterRegistry}: per-origin gauges
 * of idle, in-use and waiting callers, counters of connections opened and closed by reason, a timer of
 * calls and a distribution of connection lifetimes. It is an {@link EventListener}: set it on the
 * session, then bind the session's {@link dev.spool.Session#poolStats()} for the gauges.
 *
 * <pre>{@code
 * SpoolMetrics metrics = new SpoolMetrics(registry);
 * Session s = Session.builder().eventListener(metrics).build();
 * metrics.bindTo(s::poolStats);
 * }</pre>
 *
 * <p>Meters (all tagged {@code origin}, {@code scheme://host:port}, except the call timer):
 * <ul>
 *   <li>{@code spool.pool.idle}, {@code spool.pool.in.use}, {@code spool.pool.waiting}: gauges read from
 *     {@code poolStats()} when the registry publishes (0 once the origin's pool is evicted)</li>
 *   <li>{@code spool.connections.opened} (tag {@code reason}: an {@link OpenReason}),
 *     {@code spool.connections.closed} (tag {@code reason}: a {@link CloseReason}): counters</li>
 *   <li>{@code spool.connections.lifetime}: a timer from a connection's open to its close</li>
 *   <li>{@code spool.requests}: a timer of calls from start to the end of the final response's body,
 *     tagged {@code method}, {@code status} ({@code 2xx}... or {@code NONE}), {@code outcome}
 *     ({@code SUCCESS}, {@code CLIENT_ERROR}... as Micrometer's {@link Outcome}, or {@code ERROR} when the
 *     call threw) and {@code protocol} ({@code http/1.1}, {@code h2}, or {@code none})</li>
 * </ul>
 */
public final class SpoolMetrics implements EventListener {
    private final MeterRegistry registry;
    private volatile Supplier<PoolStats> stats;
    /** Origins whose gauges are registered. */
    private final Set<String> origins = ConcurrentHashMap.newKeySet();
    /** The origin the current thread asked the pool for: a new connection's event follows on the same thread. */
    private final ThreadLocal<String> leasing = new ThreadLocal<>();
    /** nanoTime each open connection ({@code origin number}) was opened. */
    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
    /** nanoTime each call in flight started, by request identity. */
    private final Map<Request, Long> started = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Metrics published to {@code registry}; gauges appear once {@link #bindTo} is called. */
    public SpoolMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Reads the gauges from {@code poolStats} (a session's {@code poolStats()}, or an
     * {@code HttpTransport}'s).
     *
     * @return this
     */
    public SpoolMetrics bindTo(Supplier<PoolStats> poolStats) {
        this.stats = Objects.requireNonNull(poolStats, "poolStats");
        PoolStats now = poolStats.get();
        for (PoolStats.OriginStats o : now.origins()) {
            gauges(o.origin());
        }
        return this;
    }

    @Override
    public void callStart(Request request) {
        started.put(request, System.nanoTime());
    }

    @Override
    public void poolLeaseStart(Request request, String origin) {
        leasing.set(origin);
        gauges(origin);
    }

    @Override
    public void connectionOpened(Request request, int connection, OpenReason reason, String detail) {
        String origin = leasing.get();
        if (origin == null) {
            return;
        }
        openedAt.put(origin + " " + connection, System.nanoTime());
        Counter.builder("spool.connections.opened").description("Connections opened, by why")
                .tag("origin", origin).tag("reason", reason.name()).register(registry).increment();
    }

    @Override
    public void connectionClosed(String origin, int connection, CloseReason reason, String detail) {
        Counter.builder("spool.connections.closed").description("Connections closed, by why")
                .tag("origin", origin).tag("reason", reason.name()).register(registry).increment();
        Long since = openedAt.remove(origin + " " + connection);
        if (since != null) {
            Timer.builder("spool.connections.lifetime").description("How long connections lived, open to close")
                    .tag("origin", origin).register(registry).record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void callEnd(Request request, Response response) {
        String protocol = response.connection() == null ? "none" : response.connection().protocol();
        record(request, response.status() / 100 + "xx", Outcome.forStatus(response.status()).name(), protocol);
    }

    @Override
    public void callFailed(Request request, RuntimeException error) {
        record(request, "NONE", "ERROR", "none");
    }

    private void record(Request request, String status, String outcome, String protocol) {
        leasing.remove();
        Long t0 = started.remove(request);
        if (t0 == null) {
            return;
        }
        Timer.builder("spool.requests").description("Calls, from start to the end of the final response's body")
                .tag("method", request.method()).tag("status", status).tag("outcome", outcome).tag("protocol", protocol)
                .register(registry).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    /** Registers the origin's gauges the first time it is seen. */
    private void gauges(String origin) {
        if (stats == null || !origins.add(origin)) {
            return;
        }
        gauge("spool.pool.idle", "Idle connections kept for reuse", origin, PoolStats.OriginStats::idle);
        gauge("spool.pool.in.use", "Connections leased to requests or being opened", origin, PoolStats.OriginStats::inUse);
        gauge("spool.pool.waiting", "Callers waiting for a connection", origin, PoolStats.OriginStats::waiting);
    }

    private void gauge(String name, String description, String origin, ToDoubleFunction<PoolStats.OriginStats> value) {
        Gauge.builder(name, this, m -> {
            PoolStats.OriginStats o = m.stats.get().origin(origin);
            return o == null ? 0 : value.applyAsDouble(o);
        }).description(description).tag("origin", origin).register(registry);
    }
}
