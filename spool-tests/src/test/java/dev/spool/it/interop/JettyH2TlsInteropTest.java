package dev.spool.it.interop;

import dev.spool.Session;
import dev.spool.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.BeforeAll;

/**
 * HTTP/2 against Jetty's own server over TLS, h2 chosen by ALPN (jetty-alpn-java-server on the JDK's
 * TLS), with a self-signed certificate the session trusts alone: the same checks as over h2c.
 */
class JettyH2TlsInteropTest extends JettyH2InteropTest {
    static SelfSignedCertificate cert;

    @BeforeAll
    static void start() throws Exception {
        cert = SelfSignedCertificate.localhost();
        jetty = JettyH2.start(cert);
    }

    @Override
    protected Session session() {
        return tlsSession(cert);
    }
}
