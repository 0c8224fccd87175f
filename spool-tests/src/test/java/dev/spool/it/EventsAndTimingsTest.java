package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectionException;
import dev.spool.EventListener;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Timings;
import dev.spool.transport.Transport;
import dev.spool.testkit.MockProxy;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The event listener's events in their documented order, and each response's timing breakdown. */
@Timeout(60)
class EventsAndTimingsTest {
    @TempDir
    Path dir;

    /** Records every event as a line, in order, from any thread. */
    static final class Recorder implements EventListener {
        private final List<String> events = new ArrayList<>();
        volatile CountDownLatch leaseStarted = new CountDownLatch(1);

        private void add(String e) {
            synchronized (events) {
                events.add(e);
            }
        }

        List<String> take() {
            synchronized (events) {
                List<String> out = new ArrayList<>(events);
                events.clear();
                return out;
            }
        }

        @Override
        public void callStart(Request request) {
            add("callStart " + request.method() + " " + request.httpUrl().path());
        }

        @Override
        public void poolLeaseStart(Request request, String origin) {
            add("poolLeaseStart");
            leaseStarted.countDown();
        }

        @Override
        public void poolLeaseEnd(Request request, int connection, boolean reused) {
            add("poolLeaseEnd " + connection + (reused ? " reused" : " new"));
        }

        @Override
        public void dnsStart(Request request, String host) {
            add("dnsStart " + host);
        }

        @Override
        public void dnsEnd(Request request, String host, List<InetAddress> addresses) {
            add("dnsEnd " + host + " " + addresses.get(0).getHostAddress());
        }

        @Override
        public void connectStart(Request request, InetSocketAddress address) {
            add("connectStart " + address.getPort());
        }

        @Override
        public void connectEnd(Request request, InetSocketAddress address) {
            add("connectEnd " + address.getPort());
        }

        @Override
        public void tlsStart(Request request, String host) {
            add("tlsStart " + host);
        }

        @Override
        public void tlsEnd(Request request, String version, String cipherSuite, boolean resumed) {
            add("tlsEnd " + version.startsWith("TLS"));
        }

        @Override
        public void requestSent(Request request) {
            add("requestSent");
        }

        @Override
        public void responseHeaders(Request request, int status) {
            add("responseHeaders " + status);
        }

        @Override
        public void responseBodyEnd(Request request, long bytes) {
            add("responseBodyEnd " + bytes);
        }

        @Override
        public void connectionReleased(Request request, int connection, boolean kept) {
            add("connectionReleased " + connection + (kept ? " kept" : " closed"));
        }

        @Override
        public void callEnd(Request request, Response response) {
            add("callEnd " + response.status());
        }

        @Override
        public void callFailed(Request request, RuntimeException error) {
            add("callFailed " + error.getClass().getSimpleName());
        }
    }

    private static Session.Builder session(EventListener l) {
        return Session.builder().environment(Map.of()).eventListener(l);
    }

    @Test
    void aNewThenAReusedConnectionInTheDocumentedOrder() {
        Recorder rec = new Recorder();
        try (MockServer server = MockServer.start(); Session s = session(rec).build()) {
            int port = server.port();
            s.get(server.url("/a"));
            assertEquals(List.of("callStart GET /a", "poolLeaseStart", "poolLeaseEnd 1 new", "dnsStart 127.0.0.1",
                    "dnsEnd 127.0.0.1 127.0.0.1", "connectStart " + port, "connectEnd " + port, "requestSent",
                    "responseHeaders 200", "responseBodyEnd 2", "connectionReleased 1 kept", "callEnd 200"), rec.take());
            s.get(server.url("/b"));
            assertEquals(List.of("callStart GET /b", "poolLeaseStart", "poolLeaseEnd 1 reused", "requestSent",
                    "responseHeaders 200", "responseBodyEnd 2", "connectionReleased 1 kept", "callEnd 200"), rec.take());
            server.enqueue(new MockResponse().status(204));
            s.get(server.url("/none"));
            assertEquals(List.of("callStart GET /none", "poolLeaseStart", "poolLeaseEnd 1 reused", "requestSent",
                    "responseHeaders 204", "responseBodyEnd 0", "connectionReleased 1 kept", "callEnd 204"), rec.take());
        }
    }

    @Test
    void httpsAddsTheTlsHandshake() {
        Recorder rec = new Recorder();
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = session(rec).caBundle(pem).build()) {
                s.get(server.url("/"));
            }
            List<String> events = rec.take();
            int connectEnd = events.indexOf("connectEnd " + server.port());
            assertEquals("tlsStart 127.0.0.1", events.get(connectEnd + 1), events.toString());
            assertEquals("tlsEnd true", events.get(connectEnd + 2), events.toString());
            assertEquals("requestSent", events.get(connectEnd + 3), events.toString());
        }
    }

    @Test
    void aStreamedCallEndsWhenItsBodyDoes() throws IOException {
        Recorder rec = new Recorder();
        try (MockServer server = MockServer.start(); Session s = session(rec).build()) {
            server.enqueue(new MockResponse().body("0123456789"));
            try (Response r = s.request("GET", server.url("/stream")).stream(true).send()) {
                List<String> before = rec.take();
                assertEquals("responseHeaders 200", before.get(before.size() - 1), "nothing after the headers yet: " + before);
                try (InputStream in = r.inputStream()) {
                    assertEquals(10, in.readAllBytes().length);
                }
                assertEquals(List.of("responseBodyEnd 10", "connectionReleased 1 kept", "callEnd 200"), rec.take());
            }
            // Closed before the end: the body ends early and the call ends with it.
            server.enqueue(new MockResponse().bodyOfSize(1_000_000));
            Response r = s.request("GET", server.url("/big")).stream(true).send();
            rec.take();
            r.close();
            List<String> after = rec.take();
            assertEquals(3, after.size(), after.toString());
            assertTrue(after.get(0).startsWith("responseBodyEnd "), after.toString());
            assertEquals("connectionReleased 1 closed", after.get(1), "a remainder over 64 KiB closes the connection");
            assertEquals("callEnd 200", after.get(2));
        }
    }

    @Test
    void aFailedCallReportsCallFailedAndNothingAfter() throws IOException {
        Recorder rec = new Recorder();
        int closed;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = ss.getLocalPort();
        }
        try (Session s = session(rec).build()) {
            assertThrows(ConnectionException.class, () -> s.get("http://127.0.0.1:" + closed + "/"));
        }
        assertEquals(List.of("callStart GET /", "poolLeaseStart", "poolLeaseEnd 1 new", "dnsStart 127.0.0.1",
                "dnsEnd 127.0.0.1 127.0.0.1", "connectStart " + closed, "callFailed ConnectFailedException"), rec.take());
    }

    @Test
    void throughAProxyTheConnectIsToTheProxy() {
        Recorder rec = new Recorder();
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start();
             Session s = session(rec).proxy(proxy.url()).build()) {
            s.get(server.url("/"));
            List<String> events = rec.take();
            assertTrue(events.contains("connectStart " + proxy.port()), events.toString());
            assertTrue(events.contains("connectEnd " + proxy.port()), events.toString());
        }
    }

    @Test
    void aListenerThatThrowsBreaksNothing() {
        EventListener broken = new EventListener() {
            @Override
            public void responseBodyEnd(Request request, long bytes) {
                throw new IllegalStateException("metrics backend is down");
            }

            @Override
            public void callEnd(Request request, Response response) {
                throw new IllegalStateException("metrics backend is down");
            }
        };
        Recorder rec = new Recorder();
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start();
             Session s = session(EventListener.composite(broken, rec)).build()) {
            assertEquals("ok", s.get(server.url("/")).text());
            assertEquals(1, s.poolStats().origin(server.origin()).idle(), "the connection went back to the pool");
            List<String> events = rec.take();
            assertTrue(events.contains("responseBodyEnd 2") && events.contains("callEnd 200"), "the other listener heard all: " + events);
            assertEquals(2, log.matching("WARNING event listener").size(), log.lines().toString());
        }
    }

    @Test
    void compositeOfNothingIsNone() {
        assertSame(EventListener.NONE, EventListener.composite());
        assertSame(EventListener.NONE, EventListener.composite(EventListener.NONE, EventListener.NONE));
    }

    @Test
    void timingsOfANewAndAReusedConnection() {
        try (MockServer server = MockServer.start(); Session s = Session.builder().environment(Map.of()).build()) {
            server.enqueue(new MockResponse().body("slow").headersDelay(Duration.ofMillis(150)));
            Response first = s.get(server.url("/slow"));
            Timings t = first.timings();
            assertTrue(t.connect().toNanos() > 0, t.toString());
            assertEquals(Duration.ZERO, t.tls(), "plain HTTP has no handshake");
            assertTrue(t.firstByte().compareTo(Duration.ofMillis(150)) >= 0, "the server waited 150 ms: " + t);
            assertTrue(t.total().compareTo(t.firstByte().plus(t.connect())) >= 0, t.toString());
            assertTrue(t.total().compareTo(first.elapsed()) >= 0, "total runs to the body's end: " + t + " vs " + first.elapsed());
            assertEquals(t, first.timings(), "a finished response's timings do not change");
            Timings reused = s.get(server.url("/fast")).timings();
            assertEquals(Duration.ZERO, reused.dns());
            assertEquals(Duration.ZERO, reused.connect());
            assertEquals(Duration.ZERO, reused.tls());
            assertTrue(reused.firstByte().toNanos() > 0 && reused.total().toNanos() > 0, reused.toString());
        }
    }

    @Test
    void timingsOfHttpsIncludeTheHandshake() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().environment(Map.of()).caBundle(pem).build()) {
                Timings t = s.get(server.url("/")).timings();
                assertTrue(t.tls().toNanos() > 0 && t.connect().toNanos() > 0, t.toString());
                assertEquals(Duration.ZERO, s.get(server.url("/")).timings().tls(), "no handshake on a reused connection");
            }
        }
    }

    @Test
    void aStreamedResponsesTotalRunsUntilItsBodyEnds() throws IOException {
        try (MockServer server = MockServer.start(); Session s = Session.builder().environment(Map.of()).build()) {
            // About 300 bytes of head and body in pieces of 64, 100 ms apart: the body ends at least 200 ms
            // after the head is parsed.
            server.enqueue(new MockResponse().body("x".repeat(200)).throttle(64, Duration.ofMillis(100)));
            try (Response r = s.request("GET", server.url("/slow-body")).stream(true).send()) {
                Duration atHeaders = r.timings().total();
                r.bytes();
                Duration atEnd = r.timings().total();
                assertTrue(atEnd.minus(atHeaders).compareTo(Duration.ofMillis(200)) >= 0, atHeaders + " then " + atEnd);
                assertEquals(atEnd, r.timings().total(), "fixed once the body has ended");
            }
        }
    }

    @Test
    void poolWaitIsTheTimeSpentWaitingForAConnection() throws Exception {
        Recorder rec = new Recorder();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MockServer server = MockServer.start();
             Session s = session(rec).poolMaxSize(1).poolBlock(true).build()) {
            Response holder = s.request("GET", server.url("/hold")).stream(true).send();
            rec.leaseStarted = new CountDownLatch(1);
            Future<Response> waiter = pool.submit(() -> s.get(server.url("/wait")));
            assertTrue(rec.leaseStarted.await(10, TimeUnit.SECONDS), "the second request asked the pool");
            // The waiter asked before askedAt and cannot have its connection before releasedAt.
            long askedAt = System.nanoTime();
            long releasedAt = System.nanoTime();
            holder.close();
            Response waited = waiter.get(10, TimeUnit.SECONDS);
            assertTrue(waited.timings().poolWait().toNanos() >= releasedAt - askedAt, waited.timings().toString());
            assertTrue(waited.connection().reused());
            assertEquals(Duration.ZERO, waited.timings().connect());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTransportThatMeasuresNothingReportsZero() {
        Transport canned = new Transport() {
            @Override
            public Response send(Request request) {
                return Response.builder().request(request).status(200).body(new byte[0]).build();
            }

            @Override
            public void close() {
            }
        };
        try (Session s = Session.builder().environment(Map.of()).mount("mock://", canned).build()) {
            assertSame(Timings.ZERO, s.get("mock://x:1/").timings());
        }
    }
}
