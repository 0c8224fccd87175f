package dev.spool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.CloseReason;
import dev.spool.HttpStatusException;
import dev.spool.OpenReason;
import dev.spool.PoolStats;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters match {@code poolStats()} after a mixed load against a real local server. */
@Timeout(30)
class SpoolMetricsTest {
    @Test
    void gaugesAndCountersMatchPoolStatsAfterAMixedLoad() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SpoolMetrics metrics = new SpoolMetrics(registry);
        try (MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).eventListener(metrics).build()) {
            metrics.bindTo(s::poolStats);
            String origin = server.origin();
            server.enqueue(new MockResponse().body("a"));
            server.enqueue(new MockResponse().body("bye").closeConnection());
            server.enqueue(new MockResponse().body("c"));
            server.enqueue(new MockResponse().body("d").chunked(1));
            server.enqueue(new MockResponse().body("e").chunked(1));
            server.enqueue(new MockResponse().status(404).body("no"));
            s.get(server.url("/a"));
            s.get(server.url("/bye"));
            s.get(server.url("/c"));
            try (Response d = s.request("GET", server.url("/d")).stream(true).send();
                 Response e = s.request("GET", server.url("/e")).stream(true).send()) {
                assertEquals(2.0, registry.get("spool.pool.in.use").tag("origin", origin).gauge().value(), "d and e hold one each");
                assertEquals("d", d.text());
                assertEquals("e", e.text());
            }
            Response missing = s.get(server.url("/missing"));
            assertThrows(HttpStatusException.class, missing::raiseForStatus);

            PoolStats.OriginStats stats = s.poolStats().origin(origin);
            assertEquals(stats.idle(), registry.get("spool.pool.idle").tag("origin", origin).gauge().value());
            assertEquals(stats.inUse(), registry.get("spool.pool.in.use").tag("origin", origin).gauge().value());
            assertEquals(stats.waiting(), registry.get("spool.pool.waiting").tag("origin", origin).gauge().value());
            assertEquals(1.0, registry.get("spool.pool.idle").tag("origin", origin).gauge().value());
            long opened = 0;
            for (OpenReason r : OpenReason.values()) {
                double counted = registry.find("spool.connections.opened").tag("origin", origin).tag("reason", r.name())
                        .counters().stream().mapToDouble(c -> c.count()).sum();
                assertEquals(stats.opened(r), counted, r.name());
                opened += stats.opened(r);
            }
            assertEquals(stats.opened(), opened);
            assertEquals(1, stats.opened(OpenReason.NOT_KEPT));
            assertEquals(1, stats.opened(OpenReason.ALL_IN_USE));
            long closed = 0;
            for (CloseReason r : CloseReason.values()) {
                double counted = registry.find("spool.connections.closed").tag("origin", origin).tag("reason", r.name())
                        .counters().stream().mapToDouble(c -> c.count()).sum();
                assertEquals(stats.closed(r), counted, r.name());
                closed += stats.closed(r);
            }
            assertEquals(stats.closed(), closed);
            assertEquals(1, stats.closed(CloseReason.CONNECTION_CLOSE));
            assertEquals(1, stats.closed(CloseReason.POOL_FULL));
            assertEquals(closed, registry.get("spool.connections.lifetime").tag("origin", origin).timer().count());
            assertEquals(5, registry.get("spool.requests").tag("outcome", "SUCCESS").tag("status", "2xx")
                    .tag("method", "GET").tag("protocol", "http/1.1").timer().count());
            assertEquals(1, registry.get("spool.requests").tag("outcome", "CLIENT_ERROR").tag("status", "4xx").timer().count());
        }
        // Closing the session closes the kept connection: counted, with its lifetime.
        assertEquals(1.0, registry.get("spool.connections.closed").tag("reason", "SESSION_CLOSED").counter().count());
        assertEquals(3, registry.get("spool.connections.lifetime").timer().count());
    }

    @Test
    void aFailedCallIsTimedAsAnError() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SpoolMetrics metrics = new SpoolMetrics(registry);
        try (Session s = Session.builder().eventListener(metrics).connectTimeout(java.time.Duration.ofSeconds(2)).build()) {
            metrics.bindTo(s::poolStats);
            int port;
            try (MockServer gone = MockServer.start()) {
                port = gone.port();
            }
            assertThrows(RuntimeException.class, () -> s.get("http://127.0.0.1:" + port + "/"));
            assertEquals(1, registry.get("spool.requests").tag("outcome", "ERROR").tag("status", "NONE")
                    .tag("protocol", "none").timer().count());
            assertTrue(registry.find("spool.connections.closed").counters().isEmpty(), "nothing was opened, nothing closed");
        }
    }

    @Test
    void bindingNothingIsAClearError() {
        SpoolMetrics metrics = new SpoolMetrics(new SimpleMeterRegistry());
        assertThrows(NullPointerException.class, () -> metrics.bindTo(null));
        assertThrows(NullPointerException.class, () -> new SpoolMetrics(null));
    }
}
