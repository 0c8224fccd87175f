package dev.spool.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which trust source a configuration uses, in Java's order, how it is worded, and that it keys the SSL-context cache. */
class TrustSourceTest {
    @TempDir
    Path dir;

    private static final JvmStores TRUST_STORE = JvmStores.from(Map.of(
            "javax.net.ssl.trustStore", "/etc/app/trust.p12",
            "javax.net.ssl.trustStorePassword", "s3cret")::get);

    @Test
    void explicitThenJvmThenEnvironmentThenJdk() throws IOException {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
        TlsConfig explicit = TlsConfig.caBundle(pem);
        TlsConfig fromEnv = new TlsConfig(true, pem, null, null, "SSL_CERT_FILE");

        TrustSource e = TrustSource.of(explicit, TRUST_STORE);
        assertEquals(TrustSource.Kind.EXPLICIT, e.kind());
        assertEquals("the CA bundle " + pem.toAbsolutePath() + " given in code", e.description());

        TrustSource jvm = TrustSource.of(TlsConfig.DEFAULT, TRUST_STORE);
        assertEquals(TrustSource.Kind.JVM_TRUST_STORE, jvm.kind());
        assertEquals("the JVM's trust store /etc/app/trust.p12 (-Djavax.net.ssl.trustStore)", jvm.description());

        TrustSource env = TrustSource.of(fromEnv, JvmStores.NONE);
        assertEquals(TrustSource.Kind.ENVIRONMENT, env.kind());
        assertEquals("the CA bundle " + pem.toAbsolutePath() + " from the environment (SSL_CERT_FILE)", env.description());

        TrustSource jdk = TrustSource.of(TlsConfig.DEFAULT, JvmStores.NONE);
        assertEquals(TrustSource.Kind.JDK_DEFAULT, jdk.kind());
        assertTrue(jdk.description().startsWith("the JDK's default trust store (" + System.getProperty("java.home")),
                jdk.description());

        assertEquals(TrustSource.Kind.NONE, TrustSource.of(TlsConfig.INSECURE, TRUST_STORE).kind());
    }

    @Test
    void theHintNamesTheSourceAndTheFixes() {
        String jvm = TrustSource.of(TlsConfig.DEFAULT, TRUST_STORE).verificationHint();
        assertEquals("certificate verified against the JVM's trust store /etc/app/trust.p12 (-Djavax.net.ssl.trustStore);"
                + " to fix: trust the server's CA with caBundle(Path) on the Session builder (or the request),"
                + " or turn verification off with verify(false), or add the CA to that trust store", jvm);
        String jdk = TrustSource.of(TlsConfig.DEFAULT, JvmStores.NONE).verificationHint();
        assertTrue(jdk.contains("caBundle(Path)") && jdk.contains("verify(false)"), jdk);
    }

    @Test
    void jvmStoresReadTheSystemPropertiesAndNeverPrintPasswords() {
        assertSame(JvmStores.NONE, JvmStores.from(Map.of("javax.net.ssl.trustStore", " ")::get));
        assertEquals("/etc/app/trust.p12", TRUST_STORE.trustStore());
        assertEquals("s3cret", TRUST_STORE.trustStorePassword());
        assertFalse(TRUST_STORE.toString().contains("s3cret"), TRUST_STORE.toString());
        assertEquals(System.getProperty("javax.net.ssl.trustStore"), JvmStores.current().trustStore());
    }

    @Test
    void onlyThePropertiesAConfigurationUsesAreInItsKey() throws IOException {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
        JvmStores both = JvmStores.from(Map.of("javax.net.ssl.trustStore", "/t.p12", "javax.net.ssl.keyStore", "/k.p12")::get);
        assertEquals(both, both.relevantTo(TlsConfig.DEFAULT));
        JvmStores forBundle = both.relevantTo(TlsConfig.caBundle(pem));
        assertEquals(null, forBundle.trustStore(), "a CA bundle replaces the trust store");
        assertEquals("/k.p12", forBundle.keyStore(), "but the JVM's key is still presented");
        assertSame(JvmStores.NONE, TRUST_STORE.relevantTo(TlsConfig.INSECURE));
    }

    @Test
    void theSslContextCacheIsKeyedByTheJvmsTrustStore() {
        assertSame(SslContexts.factory(TlsConfig.DEFAULT, TRUST_STORE), SslContexts.factory(TlsConfig.DEFAULT, TRUST_STORE));
        assertNotSame(SslContexts.factory(TlsConfig.DEFAULT, JvmStores.NONE), SslContexts.factory(TlsConfig.DEFAULT, TRUST_STORE));
        JvmStores other = JvmStores.from(Map.of("javax.net.ssl.trustStore", "/etc/app/other.p12")::get);
        assertNotSame(SslContexts.factory(TlsConfig.DEFAULT, other), SslContexts.factory(TlsConfig.DEFAULT, TRUST_STORE));
        // Unverified, the trust store plays no part: one context.
        assertSame(SslContexts.factory(TlsConfig.INSECURE, JvmStores.NONE), SslContexts.factory(TlsConfig.INSECURE, TRUST_STORE));
    }

    @Test
    void aCaSourceNeedsACaSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TlsConfig(true, null, null, null, "SSL_CERT_FILE"));
        assertTrue(e.getMessage().contains("SSL_CERT_FILE"), e.getMessage());
    }
}
