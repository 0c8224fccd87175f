package dev.spool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.spool.proxy.ProxyUrl;
import dev.spool.tls.TlsConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pool keys: every part tells keys apart (equals and hashCode are written out), and proxy credentials never show in text. */
class OriginKeyTest {
    @Test
    void tunnelsWithOtherCredentialsAreOtherKeysAndThePasswordNeverShows() {
        OriginKey alice = new OriginKey("https", "a.test", 443, TlsConfig.DEFAULT, ProxyUrl.parse("http://alice:s3cret@p:3128").toKey());
        OriginKey bob = new OriginKey("https", "a.test", 443, TlsConfig.DEFAULT, ProxyUrl.parse("http://bob:pw@p:3128").toKey());
        assertNotEquals(alice, bob);
        assertEquals(alice, new OriginKey("https", "a.test", 443, TlsConfig.DEFAULT, ProxyUrl.parse("http://alice:s3cret@p:3128").toKey()));
        assertFalse(alice.toString().contains("s3cret"), alice.toString());
        assertEquals("https://a.test:443", alice.origin());
    }

    @Test
    void everyComponentTellsKeysApartAndEqualKeysHashAlike() {
        TlsConfig pinned = new TlsConfig(true, Path.of("ca.pem"));
        OriginKey key = new OriginKey("https", "a.test", 443, TlsConfig.DEFAULT, null);
        OriginKey same = new OriginKey("https", "a.test", 443, new TlsConfig(true, null), null);
        assertEquals(key, same);
        assertEquals(key.hashCode(), same.hashCode());
        List<OriginKey> others = List.of(
                new OriginKey("http", "a.test", 443, TlsConfig.DEFAULT, null),
                new OriginKey("https", "b.test", 443, TlsConfig.DEFAULT, null),
                new OriginKey("https", "a.test", 8443, TlsConfig.DEFAULT, null),
                new OriginKey("https", "a.test", 443, TlsConfig.INSECURE, null),
                new OriginKey("https", "a.test", 443, pinned, null),
                new OriginKey("https", "a.test", 443, TlsConfig.DEFAULT, "http://p:3128"));
        for (OriginKey other : others) {
            assertNotEquals(key, other, other.toString());
            assertNotEquals(other, key, other.toString());
        }
        assertEquals(others.size(), new HashSet<>(others).size());
        assertNotEquals(key, null);
        assertNotEquals(key, "https://a.test:443");
    }

    @Test
    void tlsSettingsAreEqualWhenEveryPartIs() {
        TlsConfig a = new TlsConfig(true, Path.of("ca.pem"), Path.of("certs"), null, "REQUESTS_CA_BUNDLE");
        TlsConfig b = new TlsConfig(true, Path.of("./ca.pem"), Path.of("certs"), null, "REQUESTS_CA_BUNDLE");
        assertEquals(a, b, "paths are normalised");
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new TlsConfig(false, Path.of("ca.pem"), Path.of("certs"), null, "REQUESTS_CA_BUNDLE"));
        assertNotEquals(a, new TlsConfig(true, Path.of("other.pem"), Path.of("certs"), null, "REQUESTS_CA_BUNDLE"));
        assertNotEquals(a, new TlsConfig(true, Path.of("ca.pem"), Path.of("other"), null, "REQUESTS_CA_BUNDLE"));
        assertNotEquals(a, new TlsConfig(true, Path.of("ca.pem"), Path.of("certs"), null, "SSL_CERT_FILE"));
        assertNotEquals(a, new TlsConfig(true, Path.of("ca.pem"), Path.of("certs"),
                new dev.spool.tls.ClientCertificate(Path.of("c.pem"), Path.of("k.pem"), null, null), "REQUESTS_CA_BUNDLE"));
    }
}
