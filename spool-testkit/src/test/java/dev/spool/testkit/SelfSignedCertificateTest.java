package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Certificates made at run time with keytool. */
@Timeout(60)
class SelfSignedCertificateTest {

    @Test
    void localhostIsMadeOncePerJvm() {
        assertSame(SelfSignedCertificate.localhost(), SelfSignedCertificate.localhost());
    }

    @Test
    void localhostNamesAndValidity() throws Exception {
        SelfSignedCertificate c = SelfSignedCertificate.localhost();
        X509Certificate cert = c.certificate();
        assertEquals(Set.of("2:localhost", "7:127.0.0.1"), sans(cert));
        assertEquals("CN=localhost", cert.getSubjectX500Principal().getName());
        assertEquals(cert, c.trustAnchor());
        assertEquals(List.of(cert), c.chain());
        cert.checkValidity();
        cert.verify(cert.getPublicKey()); // self-signed
        assertEquals("EC", c.privateKey().getAlgorithm());
    }

    @Test
    void keyAndTrustStores() throws Exception {
        SelfSignedCertificate c = SelfSignedCertificate.localhost();
        KeyStore ks = c.keyStore();
        assertEquals("PKCS12", ks.getType());
        assertTrue(ks.isKeyEntry("server"));
        assertEquals(c.privateKey(), ks.getKey("server", c.password()));
        KeyStore ts = c.trustStore();
        assertTrue(ts.isCertificateEntry("trust-anchor"));
        assertSame(c.serverSslContext(), c.serverSslContext());
        assertSame(c.clientSslContext(), c.clientSslContext());
    }

    @Test
    void builderChoosesNamesAndDates() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        SelfSignedCertificate c = SelfSignedCertificate.builder().dnsName("a.test").dnsName("b.test")
                .ipAddress("::1").notBefore(start).validityDays(10).generate();
        X509Certificate cert = c.certificate();
        assertEquals(start, cert.getNotBefore().toInstant());
        assertEquals(start.plus(Duration.ofDays(10)), cert.getNotAfter().toInstant());
        assertEquals("CN=a.test", cert.getSubjectX500Principal().getName());
        Set<String> sans = sans(cert);
        assertTrue(sans.contains("2:a.test") && sans.contains("2:b.test"), sans.toString());
        assertTrue(sans.stream().anyMatch(s -> s.startsWith("7:0:0:0:0:0:0:0:1")), sans.toString());
    }

    @Test
    void issuedByCaMakesAChain() throws Exception {
        SelfSignedCertificate c = SelfSignedCertificate.builder().dnsName("localhost").issuedByCa().generate();
        assertEquals(2, c.chain().size());
        X509Certificate ca = c.trustAnchor();
        assertEquals("CN=Spool Test CA", ca.getSubjectX500Principal().getName());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        c.certificate().verify(ca.getPublicKey());
        assertEquals(Set.of("2:localhost"), sans(c.certificate()));
        assertTrue(c.pem().length() > 100);
    }

    @Test
    void builderRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.builder().dnsName("bad name"));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.builder().ipAddress("example.org"));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.builder().validityDays(0));
        assertThrows(IllegalStateException.class, () -> SelfSignedCertificate.builder().generate());
    }

    private static Set<String> sans(X509Certificate cert) throws Exception {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        return names.stream().map(l -> l.get(0) + ":" + l.get(1)).collect(Collectors.toSet());
    }
}
