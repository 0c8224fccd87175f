package dev.spool.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSL-context cache that lets throwaway sessions resume TLS sessions: equal settings share one
 * context, different trust never does, a CA file changed on disk makes a new context, and the
 * cache is bounded. (That handshakes really resume is seen against nginx in the interop tests.)
 */
class SslContextsTest {
    /** Two real CA certificates in PEM, taken from the JDK's own trust store. */
    private static String first;
    private static String second;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws IOException, GeneralSecurityException {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            cacerts.load(in, null);
        }
        List<String> aliases = new ArrayList<>(Collections.list(cacerts.aliases()));
        Collections.sort(aliases);
        first = pem(cacerts.getCertificate(aliases.get(0)));
        second = pem(cacerts.getCertificate(aliases.get(1)));
    }

    private static String pem(Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void equalSettingsShareOneFactory() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), first);
        SSLSocketFactory a = SslContexts.factory(TlsConfig.caBundle(ca), JvmStores.NONE);
        // A second session naming the same file, through a path spelled differently, and one taking it from the environment.
        assertSame(a, SslContexts.factory(TlsConfig.caBundle(dir.resolve("./ca.pem")), JvmStores.NONE));
        assertNotSame(a, SslContexts.factory(new TlsConfig(true, ca, null, null, "REQUESTS_CA_BUNDLE"), JvmStores.NONE),
                "the source is part of the configuration (it is named in messages), so it has a context of its own");
    }

    @Test
    void differentTrustNeverShares() throws IOException {
        Path one = Files.writeString(dir.resolve("one.pem"), first);
        Path copy = Files.writeString(dir.resolve("copy.pem"), first);
        SSLSocketFactory bundle = SslContexts.factory(TlsConfig.caBundle(one), JvmStores.NONE);
        assertNotSame(bundle, SslContexts.factory(TlsConfig.caBundle(copy), JvmStores.NONE));
        assertNotSame(bundle, SslContexts.factory(TlsConfig.caDirectory(dir), JvmStores.NONE));
        assertNotSame(bundle, SslContexts.factory(TlsConfig.DEFAULT, JvmStores.NONE));
        SSLSocketFactory insecure = SslContexts.factory(TlsConfig.INSECURE, JvmStores.NONE);
        assertNotSame(bundle, insecure);
        assertNotSame(SslContexts.factory(TlsConfig.DEFAULT, JvmStores.NONE), insecure);
        assertNotSame(bundle, SslContexts.factory(TlsConfig.caBundle(one).withVerify(false), JvmStores.NONE),
                "verify(false) never shares with a verifying configuration, whatever CA it names");
    }

    @Test
    void aBundleChangedOnDiskGetsANewContextAndTheOldOneGoes() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), first);
        TlsConfig config = TlsConfig.caBundle(ca);
        SSLSocketFactory before = SslContexts.factory(config, JvmStores.NONE);
        ContextKey oldKey = ContextKey.of(config, JvmStores.NONE);

        Files.writeString(ca, first + second); // another size, so the change shows whatever the clock's granularity
        ContextKey newKey = ContextKey.of(config, JvmStores.NONE);
        assertNotEquals(oldKey, newKey);
        SSLSocketFactory after = SslContexts.factory(config, JvmStores.NONE);
        assertNotSame(before, after);
        assertSame(after, SslContexts.factory(config, JvmStores.NONE));
        assertTrue(SslContexts.cachedKeys().contains(newKey));
        assertTrue(!SslContexts.cachedKeys().contains(oldKey), "the context made from the old file is dropped");
    }

    @Test
    void aReplacedDirectoryFileListGetsANewContext() throws IOException {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        Files.writeString(cas.resolve("a.pem"), first);
        TlsConfig config = TlsConfig.caDirectory(cas);
        ContextKey before = ContextKey.of(config, JvmStores.NONE);
        Files.writeString(cas.resolve("b.pem"), second);
        // A directory's modification time is the only cheap sign of a change in its list of files; set it
        // explicitly so the test does not depend on the file system's clock granularity.
        Files.setLastModifiedTime(cas, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(cas).toMillis() + 2_000));
        assertNotEquals(before, ContextKey.of(config, JvmStores.NONE));
    }

    @Test
    void theCacheIsBoundedDroppingTheLeastRecentlyUsed() throws IOException {
        Path kept = Files.writeString(dir.resolve("kept.pem"), first);
        Path dropped = Files.writeString(dir.resolve("dropped.pem"), first);
        SSLSocketFactory droppedFactory = SslContexts.factory(TlsConfig.caBundle(dropped), JvmStores.NONE);
        SSLSocketFactory keptFactory = SslContexts.factory(TlsConfig.caBundle(kept), JvmStores.NONE);
        for (int i = 0; i < SslContexts.MAX_CONTEXTS; i++) {
            Path ca = Files.writeString(dir.resolve("ca" + i + ".pem"), first);
            SslContexts.factory(TlsConfig.caBundle(ca), JvmStores.NONE);
            assertSame(keptFactory, SslContexts.factory(TlsConfig.caBundle(kept), JvmStores.NONE)); // in use: kept
            assertTrue(SslContexts.cachedKeys().size() <= SslContexts.MAX_CONTEXTS, SslContexts.cachedKeys()::toString);
        }
        assertEquals(SslContexts.MAX_CONTEXTS, SslContexts.cachedKeys().size());
        assertNotSame(droppedFactory, SslContexts.factory(TlsConfig.caBundle(dropped), JvmStores.NONE),
                "the least recently used context was dropped, so asking again builds a new one");
    }
}
