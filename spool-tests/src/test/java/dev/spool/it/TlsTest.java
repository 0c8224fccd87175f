package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectionInfo;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.TlsException;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.TlsFault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS: verified by default, a CA bundle or verify(false) when asked, and TLS settings in the pool key. */
@Timeout(60)
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void aSelfSignedServerIsRejectedByDefault() {
        try (MockServer server = MockServer.startTls(); Session s = new Session()) {
            TlsException e = assertThrows(TlsException.class, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aCaBundleMakesItTrustedAndConnectionsAreReused() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().caBundle(pem).build()) {
                Response a = s.get(server.url("/a"));
                Response b = s.get(server.url("/b"));
                assertEquals("ok", b.text());
                assertEquals(1, server.connectionCount());
                ConnectionInfo info = b.connection();
                assertNotNull(info.tlsVersion());
                assertTrue(info.reused());
                assertEquals(1, info.number());
                assertTrue(!a.connection().reused());
            }
        }
    }

    @Test
    void oneShotCallsTakeACaBundleToo() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            assertEquals("ok", Spool.request("GET", server.url("/")).caBundle(pem).send().text());
        }
    }

    @Test
    void verifyFalseWarnsOncePerOriginAndNeverServesAVerifiedRequest() {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().verify(false).build()) {
                s.get(server.url("/1"));
                s.get(server.url("/2"));
                assertEquals(1, log.matching("WARNING Unverified HTTPS request").size(), log.lines().toString());
                // A verified request (CVE-2024-35195) must not ride the unverified connection.
                TlsException e = assertThrows(TlsException.class,
                        () -> s.request("GET", server.url("/3")).verify(true).send());
                assertNotNull(e.getCause());
                assertEquals("ok", s.request("GET", server.url("/4")).caBundle(pem).send().text());
                assertEquals(3, server.connectionCount(), "one unverified, one failed verified, one CA-bundle connection");
            }
        }
    }

    @Test
    void aCertificateForAnotherHostIsRejected() {
        try (MockServer server = MockServer.startTls(TlsFault.WRONG_HOST)) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().caBundle(pem).build()) {
                TlsException e = assertThrows(TlsException.class, () -> s.get(server.url("/")));
                assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            }
        }
    }

    @Test
    void anExpiredCertificateIsRejected() {
        try (MockServer server = MockServer.startTls(TlsFault.EXPIRED)) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().caBundle(pem).build()) {
                assertThrows(TlsException.class, () -> s.get(server.url("/")));
            }
        }
    }

    @Test
    void aServerThatFailsTheHandshakeGivesATlsError() {
        try (MockServer server = MockServer.startTls(TlsFault.HANDSHAKE_FAILURE)) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().caBundle(pem).build()) {
                assertThrows(TlsException.class, () -> s.get(server.url("/")));
                assertEquals(0, s.poolStats().inUse());
            }
        }
    }
}
