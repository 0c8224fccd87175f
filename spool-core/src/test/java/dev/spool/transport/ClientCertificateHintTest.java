package dev.spool.transport;

import dev.spool.internal.connection.Failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.internal.pool.OriginKey;
import dev.spool.tls.ClientCertificate;
import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hint added to a TLS error when the server refused for want of a client certificate. */
class ClientCertificateHintTest {
    @TempDir
    Path dir;

    @Test
    void hintsOnlyForCertificateAlerts() throws IOException {
        OriginKey plain = new OriginKey("https", "h", 443, TlsConfig.DEFAULT, null);
        assertTrue(Failures.clientCertificateHint(new SSLException("Received fatal alert: certificate_required"), plain)
                .contains("may require a client certificate"));
        assertTrue(Failures.clientCertificateHint(new SSLException("Received fatal alert: bad_certificate"), plain)
                .contains("may require a client certificate"));
        assertEquals("", Failures.clientCertificateHint(new SSLException("Received fatal alert: handshake_failure"), plain));
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        OriginKey withCert = new OriginKey("https", "h", 443,
                TlsConfig.DEFAULT.withClientCertificate(ClientCertificate.pem(cert, cert)), null);
        assertTrue(Failures.clientCertificateHint(new SSLException("Received fatal alert: bad_certificate"), withCert)
                .contains("did not accept the client certificate"));
    }
}
