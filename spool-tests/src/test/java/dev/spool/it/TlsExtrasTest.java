package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectionException;
import dev.spool.InvalidRequestException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.TlsException;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.SelfSignedCertificate;
import dev.spool.tls.ClientCertificate;
import dev.spool.tls.TlsConfig;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS extras: client certificates (PEM and PKCS#12) against a Jetty connector that requires one, a CA
 * directory, CA settings from the environment, the JVM's own key store, and TLS session resumption reported truly.
 */
@Timeout(60)
class TlsExtrasTest {
    static Server jetty;
    static ServerConnector connector;
    /** The same server, TLS 1.2 only: there a missing client certificate fails the handshake itself. */
    static ServerConnector tls12;
    static SelfSignedCertificate serverCert;
    static SelfSignedCertificate clientCert;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path serverCa;
    static Path clientPem;
    static Path clientKey;
    static Path clientP12;
    static char[] clientP12Password;

    @BeforeAll
    static void start() throws Exception {
        serverCert = SelfSignedCertificate.localhost();
        clientCert = SelfSignedCertificate.builder().dnsName("client.test").generate();
        serverCa = serverCert.writePem(shared.resolve("server-ca.pem"));
        clientPem = clientCert.writePem(shared.resolve("client.pem"));
        clientKey = Files.writeString(shared.resolve("client-key.pem"), pkcs8Pem(clientCert), StandardCharsets.US_ASCII);
        clientP12 = shared.resolve("client.p12");
        clientP12Password = clientCert.password();
        try (OutputStream out = Files.newOutputStream(clientP12)) {
            clientCert.keyStore().store(out, clientP12Password);
        }

        jetty = new Server();
        connector = tlsConnector(null);
        tls12 = tlsConnector("TLSv1.2");
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) {
                EndPoint.SslSessionData tls = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
                X509Certificate[] peer = tls == null ? null : tls.peerCertificates();
                String who = peer == null || peer.length == 0 ? "anonymous" : peer[0].getSubjectX500Principal().getName();
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, who, callback);
                return true;
            }
        });
        jetty.start();
    }

    /** A connector that requires a client certificate and trusts exactly the test client's. */
    private static ServerConnector tlsConnector(String onlyProtocol) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(serverCert.keyStore());
        ssl.setKeyStorePassword(new String(serverCert.password()));
        ssl.setTrustStore(clientCert.trustStore());
        ssl.setNeedClientAuth(true);
        if (onlyProtocol != null) {
            ssl.setIncludeProtocols(onlyProtocol);
        }
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer());
        ServerConnector c = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        c.setHost("127.0.0.1");
        c.setPort(0);
        jetty.addConnector(c);
        return c;
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static String pkcs8Pem(SelfSignedCertificate c) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.privateKey().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    private static String url() {
        return "https://127.0.0.1:" + connector.getLocalPort() + "/";
    }

    private static Session.Builder session() {
        return Session.builder().environment(Map.of()).caBundle(serverCa);
    }

    @Test
    void aPemClientCertificateIsPresented() {
        try (Session s = session().clientCert(clientPem, clientKey).build()) {
            assertEquals("CN=client.test", s.get(url()).text());
            Response again = s.get(url());
            assertEquals("CN=client.test", again.text());
            assertTrue(again.connection().reused());
        }
    }

    @Test
    void aPemFileHoldingCertificateAndKeyWorksToo() throws Exception {
        Path both = Files.writeString(dir.resolve("both.pem"), Files.readString(clientPem) + Files.readString(clientKey));
        try (Session s = session().clientCert(ClientCertificate.pem(both)).build()) {
            assertEquals("CN=client.test", s.get(url()).text());
        }
    }

    @Test
    void aPkcs12ClientCertificateIsPresented() {
        try (Session s = session().clientCertPkcs12(clientP12, new String(clientP12Password)).build()) {
            assertEquals("CN=client.test", s.get(url()).text());
        }
    }

    @Test
    void overTls12TooTheClientCertificateIsPresented() {
        try (Session s = session().clientCert(clientPem, clientKey).build()) {
            Response r = s.get("https://127.0.0.1:" + tls12.getLocalPort() + "/");
            assertEquals("CN=client.test", r.text());
            assertEquals("TLSv1.2", r.connection().tlsVersion());
        }
    }

    @Test
    void withoutAClientCertificateTheServerRefuses() {
        try (Session s = session().build()) {
            // TLS 1.3 sends the refusal after the client's side of the handshake is done, so it surfaces
            // while the request is written or read: a TLS alert or a broken connection.
            ConnectionException e = assertThrows(ConnectionException.class, () -> s.get(url()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + connector.getLocalPort()), e.getMessage());
            assertEquals(0, s.poolStats().inUse());
            // TLS 1.2 refuses within the handshake; the server's alert may be lost to its reset either way.
            ConnectionException e12 = assertThrows(ConnectionException.class, () -> s.get("https://127.0.0.1:" + tls12.getLocalPort() + "/"));
            assertTrue(e12.getMessage().contains("127.0.0.1:" + tls12.getLocalPort()), e12.getMessage());
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aClientCertificateKeepsItsOwnPooledConnections() {
        // The client certificate is part of the TLS settings and so of the pool key: a request without it
        // must not ride a connection authenticated with it.
        try (Session s = session().clientCert(clientPem, clientKey).build()) {
            assertEquals("CN=client.test", s.get(url()).text());
            assertThrows(ConnectionException.class, () -> s.request("GET", url()).tls(TlsConfig.caBundle(serverCa)).send());
            assertEquals(2, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void perRequestVerifyOrCaBundleKeepsTheSessionsClientCertificate() {
        try (Session s = session().clientCert(clientPem, clientKey).build()) {
            assertEquals("CN=client.test", s.request("GET", url()).verify(false).send().text());
        }
        try (Session s = Session.builder().environment(Map.of()).clientCert(clientPem, clientKey).build()) {
            assertThrows(TlsException.class, () -> s.get(url()), "the JDK's trust store does not know the test server");
            assertEquals("CN=client.test", s.request("GET", url()).caBundle(serverCa).send().text());
        }
    }

    @Test
    void badClientKeyMaterialIsAClearError() throws Exception {
        Path legacy = Files.writeString(dir.resolve("legacy.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        try (Session s = session().clientCert(clientPem, legacy).build()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> s.get(url()));
            assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        }
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        try (Session s = session().clientCert(clientPem, encrypted).build()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> s.get(url()));
            assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
        }
        try (Session s = session().clientCertPkcs12(clientP12, "wrong password").build()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> s.get(url()));
            assertTrue(e.getMessage().contains("wrong password") && e.getMessage().contains(clientP12.getFileName().toString()),
                    e.getMessage());
            assertFalse(e.getMessage().contains(new String(clientP12Password)));
        }
        InvalidRequestException missing = assertThrows(InvalidRequestException.class,
                () -> ClientCertificate.pem(dir.resolve("nope.pem"), clientKey));
        assertTrue(missing.getMessage().contains("nope.pem does not exist"), missing.getMessage());
    }

    @Test
    void aCaDirectoryIsTrusted() throws Exception {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        Files.writeString(cas.resolve("README"), "not a certificate");
        Files.copy(serverCa, cas.resolve("5d30f3c5.0")); // an OpenSSL hashed name
        try (MockServer server = MockServer.startTls();
             Session s = Session.builder().environment(Map.of()).caDirectory(cas).build()) {
            assertEquals("ok", s.get(server.url("/")).text());
        }
        Path empty = Files.createDirectory(dir.resolve("empty"));
        try (MockServer server = MockServer.startTls();
             Session s = Session.builder().environment(Map.of()).caDirectory(empty).build()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
        }
    }

    @Test
    void sslCertFileFromTheEnvironmentIsTrusted() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("env-ca.pem"));
            try (Session s = Session.builder().environment(Map.of("SSL_CERT_FILE", pem.toString())).build()) {
                assertEquals("ok", s.get(server.url("/")).text());
            }
            try (Session s = Session.builder().environment(Map.of("SSL_CERT_FILE", pem.toString())).trustEnv(false).build()) {
                assertThrows(TlsException.class, () -> s.get(server.url("/")));
            }
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> Session.builder().environment(Map.of("SSL_CERT_FILE", dir.resolve("gone.pem").toString())).build());
            assertTrue(e.getMessage().contains("SSL_CERT_FILE"), e.getMessage());
        }
    }

    @Test
    void aSecondOneShotCallResumesTheTlsSessionAndSaysSo() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("resume-ca.pem"));
            Response first = Spool.request("GET", server.url("/1")).caBundle(pem).send();
            Response second = Spool.request("GET", server.url("/2")).caBundle(pem).send();
            assertEquals(2, server.connectionCount(), "one-shot calls open a connection each");
            assertFalse(first.connection().tlsResumed(), "nothing to resume on the first call");
            assertTrue(second.connection().tlsResumed(), "the shared SSL context resumes the session");
            assertEquals(first.connection().tlsVersion(), second.connection().tlsVersion());
            assertFalse(second.connection().reused(), "a resumed TLS session is not a reused connection");
            assertTrue(second.timings().tls().toNanos() > 0);
        }
        try (MockServer other = MockServer.startTls()) {
            Path pem = other.certificate().writePem(dir.resolve("other-ca.pem"));
            // Another server (another port): no session to resume, however warm the JVM is.
            assertFalse(Spool.request("GET", other.url("/")).caBundle(pem).send().connection().tlsResumed());
        }
    }

    @Test
    void theTwoArgumentTlsConfigStillWorks() {
        assertEquals(TlsConfig.DEFAULT, new TlsConfig(true, null, null, null));
        assertEquals(TlsConfig.INSECURE, new TlsConfig(false, null));
        assertNotNull(TlsConfig.caBundle(serverCa).caBundle());
        assertEquals(null, TlsConfig.caBundle(serverCa).clientCertificate());
        assertTrue(TlsConfig.DEFAULT.usesDefaultTrust());
    }

    @Test
    void theJvmsKeyStoreIsPresentedWhenTheSessionNamesNoClientCertificate() throws Exception {
        // As JSSE's default context does; before, a CA bundle (the session's or the environment's) dropped it.
        List<String> keyStore = List.of("-Djavax.net.ssl.keyStore=" + clientP12,
                "-Djavax.net.ssl.keyStorePassword=" + new String(clientP12Password), "-Djavax.net.ssl.keyStoreType=PKCS12");
        List<String> out = TrustProbe.run(url(), keyStore, Map.of("SSL_CERT_FILE", serverCa.toString()), "env", "ca=" + serverCa);
        assertTrue(out.contains("env OK CN=client.test"), out.toString());
        assertTrue(out.contains("ca=" + serverCa + " OK CN=client.test"), out.toString());
    }
}
