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

/** Which environment variables set the CA certificates, and when they do not. */
class TlsEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void variablesInRequestsOrder() throws IOException {
        Path a = Files.writeString(dir.resolve("a.pem"), "x");
        Path b = Files.writeString(dir.resolve("b.pem"), "x");
        Path c = Files.writeString(dir.resolve("c.pem"), "x");
        assertEquals(c.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT, Map.of("SSL_CERT_FILE", c.toString())).caBundle());
        assertEquals(b.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", c.toString(), "CURL_CA_BUNDLE", b.toString())).caBundle());
        assertEquals(a.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", c.toString(), "CURL_CA_BUNDLE", b.toString(), "REQUESTS_CA_BUNDLE", a.toString())).caBundle());
    }

    @Test
    void aCertDirectoryFromTheFirstExistingEntry() throws IOException {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        TlsConfig t = TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_DIR", dir.resolve("missing") + File.pathSeparator + certs));
        assertEquals(certs.toAbsolutePath(), t.caDirectory());
        assertEquals(null, t.caBundle());
        // REQUESTS_CA_BUNDLE may name a directory too, as in requests.
        assertEquals(certs.toAbsolutePath(), TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("REQUESTS_CA_BUNDLE", certs.toString())).caDirectory());
    }

    @Test
    void explicitSettingsAndVerifyOffWin() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.pem"), "x");
        Path env = Files.writeString(dir.resolve("env.pem"), "x");
        TlsConfig explicit = TlsConfig.caBundle(mine);
        assertSame(explicit, TlsEnvironment.apply(explicit, Map.of("SSL_CERT_FILE", env.toString())));
        assertSame(TlsConfig.INSECURE, TlsEnvironment.apply(TlsConfig.INSECURE, Map.of("SSL_CERT_FILE", env.toString())));
        assertSame(TlsConfig.DEFAULT, TlsEnvironment.apply(TlsConfig.DEFAULT, Map.of("SSL_CERT_FILE", " ")));
    }

    @Test
    void aMissingFileIsAnErrorNamingTheVariable() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_FILE", dir.resolve("nope.pem").toString())));
        assertTrue(e.getMessage().startsWith("environment variable SSL_CERT_FILE names"), e.getMessage());
        assertTrue(e.getMessage().contains("trustEnv"), e.getMessage());
        InvalidRequestException d = assertThrows(InvalidRequestException.class, () -> TlsEnvironment.apply(TlsConfig.DEFAULT,
                Map.of("SSL_CERT_DIR", dir.resolve("nope").toString())));
        assertTrue(d.getMessage().startsWith("environment variable SSL_CERT_DIR names"), d.getMessage());
    }
}
