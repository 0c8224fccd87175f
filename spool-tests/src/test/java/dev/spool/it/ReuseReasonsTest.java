package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.CloseReason;
import dev.spool.ConnectionInfo;
import dev.spool.EventListener;
import dev.spool.OpenReason;
import dev.spool.PoolStats;
import dev.spool.Protocol;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.proxy.ProxyConfig;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.HttpTransport;
import dev.spool.transport.PoolSettings;
import dev.spool.transport.Timeouts;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each reason a connection is opened or closed, made to happen for real against a MockServer, and
 * read back three ways: on the response's {@link ConnectionInfo}, as an event, and as the DEBUG line.
 */
@Timeout(30)
class ReuseReasonsTest {
    /** Records the open and close events as {@code opened 2 ALL_IN_USE: detail} / {@code closed 1 POOL_FULL: detail}. */
    static final class Reasons implements EventListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void connectionOpened(Request request, int connection, OpenReason reason, String detail) {
            events.add("opened " + connection + " " + reason + ": " + detail);
        }

        @Override
        public void connectionClosed(String origin, int connection, CloseReason reason, String detail) {
            events.add("closed " + connection + " " + reason + ": " + detail);
        }
    }

    private static void assertOpened(Response r, OpenReason reason, String detail, Reasons events, LogRecorder log) {
        ConnectionInfo c = r.connection();
        assertEquals(reason, c.openReason(), c.toString());
        assertEquals(detail, c.openDetail());
        assertTrue(events.events.contains("opened " + c.number() + " " + reason + ": " + detail), events.events.toString());
        assertTrue(log.lines().contains("DEBUG New connection (" + c.number() + ") because " + detail + " (" + reason + ")"),
                log.lines().toString());
    }

    private static void assertClosed(int number, String origin, int requests, CloseReason reason, String detail,
                                     Reasons events, LogRecorder log) {
        assertTrue(events.events.contains("closed " + number + " " + reason + ": " + detail), events.events.toString());
        assertTrue(log.lines().contains("DEBUG Closed connection (" + number + ") to " + origin + " after " + requests
                + (requests == 1 ? " request: " : " requests: ") + detail + " (" + reason + ")"), log.lines().toString());
    }

    @Test
    void theFirstConnectionIsFirstAndAReusedOneHasNoReason() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().eventListener(events).build()) {
            Response first = s.get(server.url("/1"));
            assertOpened(first, OpenReason.FIRST, "no connection to " + server.origin() + " yet", events, log);
            Response again = s.get(server.url("/2"));
            assertTrue(again.connection().reused());
            assertNull(again.connection().openReason());
            assertNull(again.connection().openDetail());
            assertEquals(1, events.events.size(), events.events.toString());
            List<String> lines = log.lines();
            int starting = lines.indexOf("DEBUG Starting new HTTP connection (1): 127.0.0.1:" + server.port());
            assertEquals("DEBUG New connection (1) because no connection to " + server.origin() + " yet (FIRST)",
                    lines.get(starting + 1), "right after urllib3's line: " + lines);
            assertEquals(1, log.matching("DEBUG New connection").size(), lines.toString());
        }
    }

    @Test
    void aStreamedResponseLeftOpenHoldsItsConnection() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().eventListener(events).build()) {
            server.enqueue(new MockResponse().bodyOfSize(100_000).chunked(1000));
            server.enqueue(new MockResponse().body("b"));
            try (Response open = s.request("GET", server.url("/stream")).stream(true).send()) {
                Response b = s.get(server.url("/b"));
                assertOpened(b, OpenReason.ALL_IN_USE,
                        "connection 1 is still held by a response whose body is not yet read to its end or closed", events, log);
                assertEquals(200, open.status());
            }
            // Closed with 100 kB unread: more than is worth draining.
            assertClosed(1, server.origin(), 1, CloseReason.UNREAD_BODY,
                    "its response was closed with more of the body unread than is worth draining", events, log);
            Response c = s.get(server.url("/c"));
            assertTrue(c.connection().reused(), "connection 2 is still kept");
        }
    }

    @Test
    void connectionCloseIsNotKept() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().eventListener(events).build()) {
            server.enqueue(new MockResponse().body("bye").closeConnection());
            server.enqueue(new MockResponse().body("hi"));
            s.get(server.url("/1"));
            String detail = "the last response on it asked for Connection: close";
            assertClosed(1, server.origin(), 1, CloseReason.CONNECTION_CLOSE, detail, events, log);
            Response second = s.get(server.url("/2"));
            assertOpened(second, OpenReason.NOT_KEPT, "connection 1 was not kept: " + detail, events, log);
            PoolStats.OriginStats stats = s.poolStats().origin(server.origin());
            assertEquals(1, stats.opened(OpenReason.FIRST));
            assertEquals(1, stats.opened(OpenReason.NOT_KEPT));
            assertEquals(1, stats.closed(CloseReason.CONNECTION_CLOSE));
            assertEquals(2, stats.requests());
        }
    }

    @Test
    void anIdleConnectionClosedByTheServerIsNotUsable() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().eventListener(events).build()) {
            s.get(server.url("/1"));
            assertEquals(1, server.closeIdleConnections());
            // A POST is checked at the socket before reuse, so the pool finds the connection closed.
            Response r = s.post(server.url("/2"), Body.text("x"));
            String detail = r.connection().openDetail();
            assertTrue(detail.matches("connection 1 was not usable: the server closed it after \\d+\\.\\d s idle"), detail);
            assertOpened(r, OpenReason.IDLE_UNUSABLE, detail, events, log);
            assertClosed(1, server.origin(), 1, CloseReason.SERVER_CLOSED,
                    detail.substring("connection 1 was not usable: ".length()), events, log);
        }
    }

    @Test
    void aGetOnAConnectionTheServerClosedIsRetriedOnANewOne() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().eventListener(events).build()) {
            s.get(server.url("/1"));
            assertEquals(1, server.closeIdleConnections());
            Response r = s.get(server.url("/2"));
            String detail = r.connection().openDetail();
            // A hot connection is not checked before a GET: the send fails, and the GET is retried
            // (or, on a machine slow enough to make it lukewarm, the check finds it closed).
            if (r.connection().openReason() == OpenReason.RETRY) {
                assertTrue(detail.matches("a request on reused connection 1 failed before any response came back "
                        + "\\(the server closed it after \\d+\\.\\d s idle\\)"), detail);
            } else {
                assertEquals(OpenReason.IDLE_UNUSABLE, r.connection().openReason(), detail);
            }
            assertOpened(r, r.connection().openReason(), detail, events, log);
            assertEquals(1, s.poolStats().origin(server.origin()).closed(CloseReason.SERVER_CLOSED));
        }
    }

    @Test
    void aFullPoolWithoutBlockingOpensMoreAndDiscardsThemOnReturn() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().poolMaxSize(1).poolBlock(false).eventListener(events).build()) {
            for (int i = 0; i < 3; i++) {
                server.enqueue(new MockResponse().body("r" + i).chunked(1));
            }
            Response a = s.request("GET", server.url("/a")).stream(true).send();
            Response b = s.request("GET", server.url("/b")).stream(true).send();
            Response c = s.request("GET", server.url("/c")).stream(true).send();
            assertOpened(b, OpenReason.ALL_IN_USE,
                    "connection 1 is still held by a response whose body is not yet read to its end or closed", events, log);
            assertOpened(c, OpenReason.ALL_IN_USE, "all 2 connections to " + server.origin() + " are in use "
                    + "(connection 2 is still held by a response whose body is not yet read to its end or closed)", events, log);
            assertEquals("r0", a.text());
            assertEquals("r1", b.text());
            assertEquals("r2", c.text());
            String full = "the pool of " + server.origin() + " already kept 1 idle connections (poolMaxSize 1)";
            assertClosed(2, server.origin(), 1, CloseReason.POOL_FULL, full, events, log);
            assertClosed(3, server.origin(), 1, CloseReason.POOL_FULL, full, events, log);
            assertEquals(2, s.poolStats().origin(server.origin()).closed(CloseReason.POOL_FULL));
            assertEquals(2, s.poolStats().origin(server.origin()).opened(OpenReason.ALL_IN_USE));
        }
    }

    @Test
    void anEvictedOriginSaysSoWhenItComesBack() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer one = MockServer.start(); MockServer two = MockServer.start();
             Session s = Session.builder().poolConnections(1).eventListener(events).build()) {
            s.get(one.url("/1"));
            s.get(two.url("/1"));
            String evicted = "the pool of " + one.origin() + " was evicted: more than 1 origins in use (poolConnections 1)";
            assertClosed(1, one.origin(), 1, CloseReason.EVICTED, evicted, events, log);
            Response back = s.get(one.url("/2"));
            String detail = back.connection().openDetail();
            assertTrue(detail.matches("the pool of " + one.origin().replace(".", "\\.") + " was evicted after \\d+\\.\\d s "
                    + "unused, for " + two.origin().replace(".", "\\.") + ": more than 1 origins in use \\(poolConnections 1\\)"),
                    detail);
            assertOpened(back, OpenReason.EVICTED, detail, events, log);
        }
    }

    @Test
    void twoTlsConfigurationsNeverShareAConnection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "");
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.startTls();
             Session s = Session.builder().verify(false).eventListener(events).build()) {
            Response lax = s.get(server.url("/lax"));
            assertOpened(lax, OpenReason.FIRST, "no connection to " + server.origin() + " yet", events, log);
            java.nio.file.Files.writeString(ca, server.certificate().pem());
            Response pinned = s.request("GET", server.url("/pinned")).tls(TlsConfig.caBundle(ca)).send();
            assertOpened(pinned, OpenReason.FIRST, "no connection to " + server.origin() + " with these TLS settings yet "
                    + "(1 pool of this origin with other TLS settings kept apart: a connection is never shared across "
                    + "TLS settings)", events, log);
            assertEquals(2, server.connectionCount());
        }
    }

    @Test
    void aKeepAliveTimeoutPassesOnAFakeClock() {
        Reasons events = new Reasons();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        HttpTransport transport = new HttpTransport(PoolSettings.DEFAULT, Timeouts.DEFAULT, TlsConfig.DEFAULT,
                ProxyConfig.NONE, events, EnumSet.of(Protocol.HTTP_1_1), now::get);
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = Session.builder().mount("http://", transport).build()) {
            server.enqueue(new MockResponse().body("1").keepAliveTimeout(5));
            server.enqueue(new MockResponse().body("2").keepAliveTimeout(5));
            server.enqueue(new MockResponse().body("3").keepAliveTimeout(5));
            s.get(server.url("/1"));
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(4_400));
            assertTrue(s.get(server.url("/2")).connection().reused(), "4.4 s is within 5 s less the margin");
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(4_600));
            Response r = s.get(server.url("/3"));
            String why = "it expired after 4.6 s idle: the server's Keep-Alive: timeout=5 (less a 0.5 s margin)";
            assertOpened(r, OpenReason.IDLE_UNUSABLE, "connection 1 was not usable: " + why, events, log);
            assertClosed(1, server.origin(), 2, CloseReason.KEEP_ALIVE_TIMEOUT, why, events, log);
            assertEquals(1, transport.poolStats().origin(server.origin()).closed(CloseReason.KEEP_ALIVE_TIMEOUT));
        }
    }

    @Test
    void closingTheSessionClosesWithThatReason() {
        Reasons events = new Reasons();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start()) {
            try (Session s = Session.builder().eventListener(events).build()) {
                s.get(server.url("/1"));
            }
            assertClosed(1, server.origin(), 1, CloseReason.SESSION_CLOSED, "the session was closed", events, log);
        }
    }
}
