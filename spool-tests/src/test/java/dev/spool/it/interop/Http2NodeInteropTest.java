package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.PoolStats;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a server none of us wrote: Node's {@code http2} module, over h2c (prior knowledge)
 * and over TLS with ALPN. One session's concurrent requests share one connection, bodies arrive
 * whole both ways, an unread streamed response blocks no one, and GOAWAY loses no request.
 */
@Timeout(120)
class Http2NodeInteropTest {
    static NodeH2 h2c;
    static NodeH2 h2tls;
    static SelfSignedCertificate cert;

    @BeforeAll
    static void start() throws IOException {
        String lacking = NodeH2.missing();
        Interop.failIfRequired("node http2", lacking);
        org.junit.jupiter.api.Assumptions.assumeTrue(lacking == null, "no " + lacking);
        h2c = NodeH2.start(null, 0);
        cert = SelfSignedCertificate.localhost();
        h2tls = NodeH2.start(cert, 0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (h2c != null) {
            h2c.close();
        }
        if (h2tls != null) {
            h2tls.close();
        }
    }

    static Session h2cSession() {
        return Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).build();
    }

    @SuppressWarnings("unchecked")
    static int sessions(Session s, NodeH2 server, String scheme) {
        Map<String, Object> stats = (Map<String, Object>) s.get(server.url(scheme, "/stats")).json();
        return ((Number) stats.get("sessions")).intValue();
    }

    @Test
    void h2cWithPriorKnowledge() {
        try (Session s = h2cSession()) {
            Response r = s.get(h2c.url("http", "/hello"));
            assertEquals(200, r.status());
            assertEquals("hello /hello", r.text());
            assertEquals("h2", r.connection().protocol());
            assertEquals(Integer.parseInt(r.header("x-stream")), r.connection().streamId());
            Response again = s.get(h2c.url("http", "/again"));
            assertTrue(again.connection().reused());
            assertEquals(r.connection().number(), again.connection().number());
            assertEquals(r.connection().streamId() + 2, again.connection().streamId(), "client streams are odd, in order");
            PoolStats.OriginStats o = s.poolStats().origins().get(0);
            assertEquals(1, o.multiplexed());
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void sixteenThreadsTimesAHundredGetsShareOneConnection() throws Exception {
        try (Session s = h2cSession()) {
            int before = sessions(s, h2c, "http"); // opens this session's one connection
            Concurrently.run(16, 100, 60, (thread, i) -> {
                String path = "/t" + thread + "/" + i;
                assertEquals("hello " + path, s.get(h2c.url("http", path)).text());
            });
            assertEquals(before, sessions(s, h2c, "http"), "no new connection on the server's own count");
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void tenMebibyteUploadAndHundredMebibyteStreamedDownloadAreIntact() throws IOException {
        byte[] upload = new byte[10 << 20];
        new Random(7).nextBytes(upload);
        try (Session s = h2cSession()) {
            Response echo = s.post(h2c.url("http", "/echo"), Body.bytes(upload));
            assertEquals("POST", echo.header("x-method"));
            assertArrayEquals(upload, echo.bytes());
            long n = 100L << 20;
            try (Response big = s.request("GET", h2c.url("http", "/bytes?n=" + n)).stream(true).send()) {
                InputStream in = big.inputStream();
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int k;
                while ((k = in.read(buf)) >= 0) {
                    for (int i = 0; i < k; i++) {
                        if (buf[i] != 'x') {
                            throw new AssertionError("byte " + (total + i) + " is " + buf[i]);
                        }
                    }
                    total += k;
                }
                assertEquals(n, total);
            }
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void anUnreadStreamedResponseBlocksNoOtherRequest() {
        try (Session s = h2cSession()) {
            try (Response unread = s.request("GET", h2c.url("http", "/bytes?n=" + (64 << 20))).stream(true).send()) {
                assertEquals(200, unread.status());
                for (int i = 0; i < 20; i++) {
                    assertEquals("hello /other" + i, s.get(h2c.url("http", "/other" + i)).text());
                }
                assertEquals(1, s.poolStats().connectionsOpened(), "the same connection carried them");
            }
            assertEquals("hello /after", s.get(h2c.url("http", "/after")).text(), "closing the unread one reset only its stream");
        }
    }

    @Test
    void aCallDeadlineResetsOnlyItsStream() {
        try (Session s = h2cSession()) {
            assertEquals("hello /first", s.get(h2c.url("http", "/first")).text());
            long t0 = System.nanoTime();
            dev.spool.CallTimeoutException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.spool.CallTimeoutException.class,
                    () -> s.request("GET", h2c.url("http", "/stall")).callTimeout(java.time.Duration.ofMillis(300)).send());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 300 && ms < 1000, "ended after " + ms + " ms: " + e.getMessage());
            assertEquals("hello /next", s.get(h2c.url("http", "/next")).text());
            assertEquals(1, s.poolStats().connectionsOpened(), "the connection outlived the reset stream");
        }
    }

    @Test
    void goAwayEveryFiftyRequestsLosesNoRequest() throws Exception {
        try (NodeH2 leaving = NodeH2.start(null, 50); Session s = h2cSession()) {
            Concurrently.run(8, 40, 60, (thread, i) -> {
                String path = "/g" + thread + "/" + i;
                assertEquals("hello " + path, s.get(leaving.url("http", path)).text());
            });
            assertTrue(s.poolStats().connectionsOpened() >= 320 / 50, "GOAWAY made it open new connections: "
                    + s.poolStats().connectionsOpened());
        }
    }

    @Test
    void httpsNegotiatesH2ByAlpnAndFallsBackToHttp11WhenNotOffered(@TempDir Path tmp) throws IOException {
        Path ca = cert.writePem(tmp.resolve("ca.pem"));
        try (Session s = Session.builder().protocols(Protocol.HTTP_2, Protocol.HTTP_1_1).caBundle(ca).build()) {
            Response r = s.get(h2tls.url("https", "/tls"));
            assertEquals("hello /tls", r.text());
            assertEquals("h2", r.connection().protocol());
            assertTrue(r.connection().streamId() > 0);
        }
        try (Session s = Session.builder().protocols(Protocol.HTTP_1_1).caBundle(ca).build()) {
            Response r = s.get(h2tls.url("https", "/tls"));
            assertEquals("hello /tls", r.text());
            assertEquals("http/1.1", r.connection().protocol());
            assertEquals(0, r.connection().streamId());
        }
        assertTrue(Files.exists(ca));
    }
}
