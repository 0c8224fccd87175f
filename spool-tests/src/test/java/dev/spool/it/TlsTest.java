package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectionInfo;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.TlsException;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.SelfSignedCertificate;
import dev.spool.testkit.TlsFault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS: verified by default, a CA bundle or verify(false) when asked, TLS settings in the pool key, and
 * which trust source a session uses, logged and named when verification fails.
 */
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

    @Test
    void aSessionLogsWhichTrustSourceItUses() {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("env-ca.pem"));
            try (Session s = Session.builder().environment(Map.of("SSL_CERT_FILE", pem.toString())).build()) {
                assertEquals("ok", s.get(server.url("/")).text());
            }
            try (Session s = Session.builder().environment(Map.of("SSL_CERT_FILE", pem.toString())).caBundle(pem).build()) {
                assertEquals("ok", s.get(server.url("/")).text());
            }
            List<String> lines = log.matching("DEBUG TLS trust:");
            assertTrue(lines.contains("DEBUG TLS trust: the CA bundle " + pem.toAbsolutePath() + " from the environment (SSL_CERT_FILE)"),
                    lines.toString());
            assertTrue(lines.contains("DEBUG TLS trust: SSL_CERT_FILE not used (a CA set in code wins)"), lines.toString());
            assertTrue(lines.contains("DEBUG TLS trust: the CA bundle " + pem.toAbsolutePath() + " given in code"), lines.toString());
        }
    }

    @Test
    void aFailedVerificationNamesTheTrustSourceAndTheFixes() {
        try (MockServer server = MockServer.startTls()) {
            Path other = SelfSignedCertificate.builder().dnsName("other.test").generate().writePem(dir.resolve("other.pem"));
            try (Session s = Session.builder().environment(Map.of("SSL_CERT_FILE", other.toString())).build()) {
                TlsException e = assertThrows(TlsException.class, () -> s.get(server.url("/")));
                assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + server.port() + " failed: "), e.getMessage());
                assertTrue(e.getMessage().endsWith("; certificate verified against the CA bundle " + other.toAbsolutePath()
                        + " from the environment (SSL_CERT_FILE); to fix: trust the server's CA with caBundle(Path) on the"
                        + " Session builder (or the request), or turn verification off with verify(false), or fix the variable,"
                        + " or ignore the environment with trustEnv(false)"), e.getMessage());
            }
            // Not a certificate problem (verification off, the handshake refused): no such hint.
            try (MockServer refusing = MockServer.startTls(TlsFault.HANDSHAKE_FAILURE);
                 Session s = Session.builder().environment(Map.of()).verify(false).build()) {
                TlsException e = assertThrows(TlsException.class, () -> s.get(refusing.url("/")));
                assertFalse(e.getMessage().contains("certificate verified against"), e.getMessage());
            }
        }
    }
}
