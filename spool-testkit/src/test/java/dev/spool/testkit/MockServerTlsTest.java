package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS server: reachable by clients that trust its certificate, and each {@link TlsFault}. */
@Timeout(60)
class MockServerTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void httpsWithTheJdkClientTrustingTheCertificate() throws Exception {
        try (MockServer server = MockServer.startTls()) {
            assertTrue(server.url("/x").startsWith("https://127.0.0.1:"));
            server.enqueue(new MockResponse().body("secure"));
            HttpClient client = HttpClient.newBuilder().sslContext(server.certificate().clientSslContext())
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url("/x"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("secure", r.body());
            RecordedRequest rec = server.takeRequest(WAIT);
            assertTrue(rec.tls());
            assertEquals("/x", rec.path());
        }
    }

    @Test
    void httpsUrlConnectionWithLocalhostName() throws Exception {
        try (MockServer server = MockServer.startTls()) {
            HttpsURLConnection conn = (HttpsURLConnection) new URL("https://localhost:" + server.port() + "/").openConnection();
            conn.setSSLSocketFactory(server.certificate().clientSslContext().getSocketFactory());
            assertEquals(200, conn.getResponseCode());
            try (InputStream in = conn.getInputStream()) {
                assertEquals("ok", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            conn.disconnect();
        }
    }

    @Test
    void keepAliveAndIdleCloseOverTls() throws IOException {
        try (MockServer server = MockServer.startTls(); RawClient c = RawClient.connectTls(server)) {
            assertEquals("ok", c.get("/").read().text());
            assertEquals("ok", c.get("/").read().text());
            assertEquals(1, server.takeRequest(WAIT).sequenceOnConnection());
            assertEquals(2, server.takeRequest(WAIT).sequenceOnConnection());
            assertEquals(1, server.closeIdleConnections());
            assertTrue(c.atEof(), "close_notify then FIN: a clean end of stream");
        }
    }

    @Test
    void faultsWorkOverTls() throws IOException {
        try (MockServer server = MockServer.startTls()) {
            server.enqueue(new MockResponse().body("abcd").fault(Fault.CLOSE_AFTER_RESPONSE));
            server.enqueue(new MockResponse().body("abcd").fault(Fault.RESET_MID_BODY));
            try (RawClient c = RawClient.connectTls(server)) {
                assertEquals("abcd", c.get("/").read().text());
                assertTrue(c.atEof());
            }
            assertTrue(server.awaitClientClose(1, WAIT));
            try (RawClient c = RawClient.connectTls(server)) {
                c.get("/");
                IOException e = assertThrows(IOException.class, () -> {
                    while (c.readByte() >= 0) {
                        // read until the reset
                    }
                    throw new AssertionError("ended cleanly instead of with a reset");
                });
                assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
            }
        }
    }

    @Test
    void handshakeFailure() {
        try (MockServer server = MockServer.startTls(TlsFault.HANDSHAKE_FAILURE)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> RawClient.connectTls(server));
            assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
            assertTrue(server.awaitClientClose(1, WAIT));
            assertEquals(0, server.requestCount());
        }
    }

    @Test
    void wrongHostFailsHostnameVerification() {
        try (MockServer server = MockServer.startTls(TlsFault.WRONG_HOST)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> RawClient.connectTls(server));
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void wrongHostCertificateIsOtherwiseTrusted() throws Exception {
        try (MockServer server = MockServer.startTls(TlsFault.WRONG_HOST)) {
            // Without hostname verification the same client succeeds: the name is the only problem.
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) server.certificate().clientSslContext()
                    .getSocketFactory().createSocket("127.0.0.1", server.port())) {
                s.startHandshake();
                X509Certificate presented = (X509Certificate) s.getSession().getPeerCertificates()[0];
                assertEquals("CN=wrong.example", presented.getSubjectX500Principal().getName());
            }
        }
    }

    @Test
    void expiredCertificateFailsValidation() {
        try (MockServer server = MockServer.startTls(TlsFault.EXPIRED)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> RawClient.connectTls(server));
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root instanceof CertificateExpiredException, e.toString());
        }
    }

    @Test
    void pemFileWorksAsACaBundle(@TempDir Path dir) throws Exception {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----\n"));
            X509Certificate fromPem;
            try (InputStream in = Files.newInputStream(pem)) {
                fromPem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            assertEquals(server.certificate().trustAnchor(), fromPem);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", fromPem);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ctx).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", r.body());
        }
    }

    @Test
    void aClientWithoutTheCertificateIsRefused() {
        try (MockServer server = MockServer.startTls()) {
            HttpClient client = HttpClient.newHttpClient();
            IOException e = assertThrows(IOException.class, () -> client.send(
                    HttpRequest.newBuilder(URI.create(server.url("/"))).build(), HttpResponse.BodyHandlers.ofString()));
            assertTrue(e instanceof SSLException || e.getCause() instanceof SSLException, e.toString());
            assertNotNull(server.certificate());
        }
    }
}
