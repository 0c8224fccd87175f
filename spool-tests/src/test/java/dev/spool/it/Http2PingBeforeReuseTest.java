package dev.spool.it;

import static dev.spool.it.H2Peer.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.CloseReason;
import dev.spool.EventListener;
import dev.spool.OpenReason;
import dev.spool.PoolStats;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.it.H2Peer.Conn;
import dev.spool.it.H2Peer.Frame;
import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.HttpTransport;
import dev.spool.transport.PoolSettings;
import dev.spool.transport.Timeouts;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP/2 connection idle longer than a threshold (1 s) is checked with a PING before reuse, and
 * retired when no answer comes within the connect timeout: against real sockets, with the pool's
 * clock passed in so "idle for 5 s" takes no waiting.
 */
@Timeout(30)
class Http2PingBeforeReuseTest {
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    /**
     * A transport whose pool reads {@link #clock}, with {@code pingWait} as its connect timeout (the
     * PING's wait): short where the server never answers (the outcome does not depend on it), long
     * where it does answer (so a slow machine never turns an answer into a timeout).
     */
    HttpTransport transport(Duration pingWait) {
        return new HttpTransport(PoolSettings.DEFAULT, new Timeouts(pingWait, Duration.ofSeconds(10)),
                TlsConfig.DEFAULT, ProxyConfig.NONE, EventListener.NONE, EnumSet.of(Protocol.H2_PRIOR_KNOWLEDGE),
                clock::get);
    }

    /** Answers requests with their path; counts PINGs, and answers them only when {@code answer}. */
    static H2Peer.Script server(AtomicInteger pings, boolean answer) {
        return (Conn c) -> {
            c.greet();
            for (Frame f = c.next(); f != null; f = c.next()) {
                if (f.type() == Frame.HEADERS) {
                    String path = f.fields().stream().filter(h -> h.name().equals(":path")).findFirst().orElseThrow().value();
                    c.respond(f.stream(), 200, "ok " + path);
                } else if (f.type() == Frame.PING && !f.ack()) {
                    pings.incrementAndGet();
                    if (answer) {
                        c.send(frame(Frame.PING, 1, 0, f.payload()));
                    }
                }
            }
        };
    }

    @Test
    void aConnectionIdleAWhileIsPingedAndReusedWhenItAnswers() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        HttpTransport t = transport(Duration.ofSeconds(20));
        try (H2Peer server = new H2Peer(server(pings, true));
             Session s = Session.builder().mount("http://", t).build()) {
            assertEquals("ok /1", s.get(server.url("/1")).text());
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(900)); // idle less than 1 s: no PING
            try (Response r = s.get(server.url("/2"))) {
                assertEquals(1, r.connection().number());
            }
            assertEquals(0, pings.get(), "no PING for a connection idle under the threshold");
            clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
            try (Response r = s.get(server.url("/3"))) {
                assertEquals("ok /3", r.text());
                assertEquals(1, r.connection().number(), "reused after its PING was answered");
                assertTrue(r.connection().reused());
                assertNull(r.connection().openReason());
            }
            assertEquals(1, pings.get(), "one PING before the reuse");
            assertEquals(1, server.connections());
            PoolInvariants.assertConsistent(t.poolStats(), 10, "after the reuse");
        }
    }

    @Test
    void requestsArrivingTogetherOnAnIdleConnectionShareOnePing() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        AtomicInteger pings2 = new AtomicInteger();
        HttpTransport t = transport(Duration.ofMillis(300));
        try (H2Peer server = new H2Peer(server(pings, false), server(pings2, true));
             Session s = Session.builder().mount("http://", t).build()) {
            assertEquals("ok /1", s.get(server.url("/1")).text());
            clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
            java.util.concurrent.CompletableFuture<Response> a = s.request("GET", server.url("/a")).sendAsync();
            java.util.concurrent.CompletableFuture<Response> b = s.request("GET", server.url("/b")).sendAsync();
            try (Response ra = a.get(20, TimeUnit.SECONDS); Response rb = b.get(20, TimeUnit.SECONDS)) {
                assertEquals("ok /a", ra.text());
                assertEquals("ok /b", rb.text());
                assertEquals(2, ra.connection().number(), "neither went to the silent connection");
                assertEquals(2, rb.connection().number());
            }
            assertEquals(1, pings.get(), "one PING, which both waited for (or the second came after it)");
            assertEquals(2, server.connections());
            PoolInvariants.assertConsistent(t.poolStats(), 10, "after the retirement");
        }
    }

    @Test
    void aConnectionThatDoesNotAnswerThePingIsRetiredAndTheRequestGoesToANewOne() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        AtomicInteger pings2 = new AtomicInteger();
        HttpTransport t = transport(Duration.ofMillis(300));
        try (H2Peer server = new H2Peer(server(pings, false), server(pings2, true));
             Session s = Session.builder().mount("http://", t).build()) {
            assertEquals("ok /1", s.get(server.url("/1")).text());
            clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
            try (Response r = s.request("POST", server.url("/2")).body(dev.spool.Body.text("once")).send()) {
                assertEquals("ok /2", r.text());
                assertEquals(2, r.connection().number(), "sent on a new connection");
                assertEquals(OpenReason.IDLE_UNUSABLE, r.connection().openReason());
                assertEquals("connection 1 was not usable: it did not answer a PING after 5.0 s idle",
                        r.connection().openDetail());
            }
            assertEquals(1, pings.get(), "the silent server got one PING");
            assertTrue(server.awaitDone(0), "the unresponsive connection was closed");
            PoolStats.OriginStats o = t.poolStats().origins().get(0);
            assertEquals(1, o.closed(CloseReason.UNRESPONSIVE));
            assertEquals(2, o.requests(), "the check served no request");
            assertEquals(1, o.connections().size(), "only the new connection is open: " + o.connections());
            PoolStats.ConnectionStats c = o.connections().get(0);
            assertEquals(2, c.number());
            assertEquals("h2", c.protocol());
            assertTrue(c.isIdle());
            PoolInvariants.assertConsistent(t.poolStats(), 10, "after the retirement");
        }
    }
}
