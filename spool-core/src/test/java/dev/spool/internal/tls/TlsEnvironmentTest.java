package dev.spool.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import dev.spool.tls.TlsConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which environment variables set the CA certificates, and when they do not (among them: when the JVM names a trust store). */
class TlsEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void variablesInRequestsOrder() throws IOException {
        Path a = Files.writeString(dir.resolve("a.pem"), "x");
        Path b = Files.writeString(dir.resolve("b.pem"), "x");
        Path c = Files.writeString(dir.resolve("c.pem"), "x");
        assertEquals(c.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT, Map.of("SSL_CERT_FILE", c.toString()), JvmStores.NONE).caBundle());
        assertEquals(b.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", c.toString(), "CURL_CA_BUNDLE", b.toString()), JvmStores.NONE).caBundle());
        assertEquals(a.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", c.toString(), "CURL_CA_BUNDLE", b.toString(), "REQUESTS_CA_BUNDLE", a.toString()), JvmStores.NONE).caBundle());
    }

    @Test
    void aCertDirectoryFromTheFirstExistingEntry() throws IOException {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        TlsConfig t = TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_DIR", dir.resolve("missing") + File.pathSeparator + certs), JvmStores.NONE);
        assertEquals(certs.toAbsolutePath(), t.caDirectory());
        assertEquals(null, t.caBundle());
        // REQUESTS_CA_BUNDLE may name a directory too, as in requests.
        assertEquals(certs.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("REQUESTS_CA_BUNDLE", certs.toString()), JvmStores.NONE).caDirectory());
    }

    @Test
    void explicitSettingsAndVerifyOffWin() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.pem"), "x");
        Path env = Files.writeString(dir.resolve("env.pem"), "x");
        TlsConfig explicit = TlsConfig.caBundle(mine);
        assertSame(explicit, TlsEnvironment.apply(explicit, Map.of("SSL_CERT_FILE", env.toString()), JvmStores.NONE));
        assertSame(TlsConfig.INSECURE, TlsEnvironment.apply(TlsConfig.INSECURE, Map.of("SSL_CERT_FILE", env.toString()), JvmStores.NONE));
        assertSame(TlsConfig.DEFAULT, TlsEnvironment.apply(TlsConfig.DEFAULT, Map.of("SSL_CERT_FILE", " "), JvmStores.NONE));
    }

    @Test
    void aMissingFileIsAnErrorNamingTheVariable() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", dir.resolve("nope.pem").toString()), JvmStores.NONE));
        assertTrue(e.getMessage().startsWith("environment variable SSL_CERT_FILE names"), e.getMessage());
        assertTrue(e.getMessage().contains("trustEnv"), e.getMessage());
        InvalidRequestException d = assertThrows(InvalidRequestException.class, () -> TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_DIR", dir.resolve("nope").toString()), JvmStores.NONE));
        assertTrue(d.getMessage().startsWith("environment variable SSL_CERT_DIR names"), d.getMessage());
    }

    @Test
    void theVariablesAreRecordedAsTheSource() throws IOException {
        Path a = Files.writeString(dir.resolve("a.pem"), "x");
        Path certs = Files.createDirectory(dir.resolve("certs"));
        TlsConfig t = TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("REQUESTS_CA_BUNDLE", a.toString(), "SSL_CERT_FILE", a.toString(), "SSL_CERT_DIR", certs.toString()), JvmStores.NONE);
        assertEquals("REQUESTS_CA_BUNDLE, SSL_CERT_DIR", t.caSource());
        assertEquals(a.toAbsolutePath(), t.caBundle());
        assertEquals(certs.toAbsolutePath(), t.caDirectory());
        // Set in code afterwards, the CA is no longer the environment's, and neither is the other half.
        TlsConfig mine = t.withCaBundle(a);
        assertEquals(null, mine.caSource());
        assertEquals(null, mine.caDirectory());
    }

    @Test
    void theJvmsTrustStoreWinsOverTheVariables() throws IOException {
        Path env = Files.writeString(dir.resolve("env.pem"), "x");
        JvmStores jvm = JvmStores.from(Map.of("javax.net.ssl.trustStore", "/etc/app/trust.p12")::get);
        assertSame(TlsConfig.DEFAULT, TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("REQUESTS_CA_BUNDLE", env.toString(), "SSL_CERT_FILE", env.toString()), jvm));
        // Not read at all then: a variable naming nothing is no error.
        assertSame(TlsConfig.DEFAULT, TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", dir.resolve("nope.pem").toString()), jvm));
        // The JVM's key store alone does not: it holds the client's key, not trust.
        JvmStores keyOnly = JvmStores.from(Map.of("javax.net.ssl.keyStore", "/etc/app/key.p12")::get);
        assertEquals(env.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", env.toString()), keyOnly).caBundle());
    }
}
