package dev.spool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.spool.proxy.ProxyUrl;
import dev.spool.tls.TlsConfig;
import org.junit.jupiter.api.Test;

/** Pool keys through proxies: credentials tell tunnels apart but never show in text. */
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
}
