package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a server none of us wrote: Node's {@code http2} module over h2c (prior knowledge),
 * with the shared checks of {@link H2Checks} (its GOAWAY server says GOAWAY after 50 streams, naming
 * the 50th as the last), and over TLS with ALPN: h2 when offered, HTTP/1.1 when not.
 */
@Timeout(120)
class Http2NodeInteropTest extends H2Checks {
    static NodeH2 h2c;
    static NodeH2 h2cGoAway;
    static NodeH2 h2tls;
    static SelfSignedCertificate cert;

    @BeforeAll
    static void start() throws IOException {
        String lacking = NodeH2.missing();
        Interop.failIfRequired("node http2", lacking);
        org.junit.jupiter.api.Assumptions.assumeTrue(lacking == null, "no " + lacking);
        h2c = NodeH2.start(null, 0);
        h2cGoAway = NodeH2.start(null, 50);
        cert = SelfSignedCertificate.localhost();
        h2tls = NodeH2.start(cert, 0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (h2c != null) {
            h2c.close();
        }
        if (h2cGoAway != null) {
            h2cGoAway.close();
        }
        if (h2tls != null) {
            h2tls.close();
        }
    }

    @Override
    protected Session session() {
        return h2cSession();
    }

    @Override
    protected String url(String path) {
        return h2c.url("http", path);
    }

    @Override
    protected String goAwayUrl(String path) {
        return h2cGoAway.url("http", path);
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
