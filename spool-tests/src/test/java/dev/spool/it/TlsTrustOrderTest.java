package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockServer;
import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose trust a session uses, in Java's order: what the session sets, then the JVM's
 * {@code -Djavax.net.ssl.trustStore}, then (with trustEnv) {@code REQUESTS_CA_BUNDLE} and its kin, then the
 * JDK's own store. System properties and the environment are the process's, so each case runs
 * {@link TrustProbe} in a child JVM of its own, with the same class path, against a local HTTPS server.
 */
@Timeout(180)
class TlsTrustOrderTest {
    private static final String PASSWORD = "changeit-test";

    @TempDir
    static Path dir;
    static MockServer server;
    /** PEM and PKCS#12 trust store trusting the server. */
    static Path serverPem;
    static Path serverStore;
    /** PEM and PKCS#12 trust store trusting only a certificate that has nothing to do with the server. */
    static Path unrelatedPem;
    static Path unrelatedStore;

    @BeforeAll
    static void start() throws Exception {
        server = MockServer.startTls();
        serverPem = server.certificate().writePem(dir.resolve("server.pem"));
        serverStore = store(server.certificate().trustStore(), dir.resolve("server-trust.p12"));
        SelfSignedCertificate unrelated = SelfSignedCertificate.builder().dnsName("unrelated.test").generate();
        unrelatedPem = unrelated.writePem(dir.resolve("unrelated.pem"));
        unrelatedStore = store(unrelated.trustStore(), dir.resolve("unrelated-trust.p12"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path store(KeyStore ks, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static List<String> trustStoreProperties(Path store) {
        return List.of("-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static Map<String, String> envBundles(Path pem) {
        return Map.of("REQUESTS_CA_BUNDLE", pem.toString(), "SSL_CERT_FILE", pem.toString());
    }

    private static List<String> probe(List<String> jvmOptions, Map<String, String> env, String... modes)
            throws IOException, InterruptedException {
        return TrustProbe.run(server.url("/"), jvmOptions, env, modes);
    }

    private static String line(List<String> output, String prefix) {
        for (String l : output) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + output);
    }

    @Test
    void theJvmsTrustStoreWinsOverTheEnvironmentsBundles() throws Exception {
        List<String> out = probe(trustStoreProperties(serverStore), envBundles(unrelatedPem), "env", "noenv");
        assertEquals("env OK ok", line(out, "env "), out.toString());
        assertEquals("noenv OK ok", line(out, "noenv "), out.toString());
        assertTrue(out.contains("LOG TLS trust: the JVM's trust store " + serverStore + " (-Djavax.net.ssl.trustStore)"),
                out.toString());
        assertTrue(out.contains("LOG TLS trust: REQUESTS_CA_BUNDLE, SSL_CERT_FILE not used (-Djavax.net.ssl.trustStore wins)"),
                out.toString());
    }

    @Test
    void withoutATrustStorePropertyTheEnvironmentsBundleWinsOverTheJdksStore() throws Exception {
        List<String> out = probe(List.of(), envBundles(serverPem), "env", "noenv");
        assertEquals("env OK ok", line(out, "env "), out.toString());
        assertTrue(out.contains("LOG TLS trust: the CA bundle " + serverPem + " from the environment (REQUESTS_CA_BUNDLE)"),
                out.toString());
        // trustEnv(false): the JDK's own store, which does not know the test server.
        String failed = line(out, "noenv ");
        assertTrue(failed.startsWith("noenv FAIL TlsException TLS handshake with 127.0.0.1:" + server.port() + " failed: "), failed);
        assertTrue(failed.contains("certificate verified against the JDK's default trust store ("), failed);
        assertTrue(failed.contains("caBundle(Path) on the Session builder") && failed.contains("verify(false)"), failed);
        assertTrue(out.contains("LOG TLS trust: " + failed.substring(failed.indexOf("the JDK's default trust store"),
                failed.indexOf("; to fix"))), out.toString());
        assertTrue(out.contains("LOG TLS trust: REQUESTS_CA_BUNDLE, SSL_CERT_FILE not used (trustEnv is off)"), out.toString());
    }

    @Test
    void anUnrelatedTrustStorePropertyIsNotOverriddenByTheEnvironment() throws Exception {
        List<String> out = probe(trustStoreProperties(unrelatedStore), envBundles(serverPem), "env");
        String failed = line(out, "env ");
        assertTrue(failed.startsWith("env FAIL TlsException TLS handshake with 127.0.0.1:" + server.port() + " failed: "), failed);
        assertTrue(failed.contains("certificate verified against the JVM's trust store " + unrelatedStore
                + " (-Djavax.net.ssl.trustStore); to fix: trust the server's CA with caBundle(Path) on the Session builder"
                + " (or the request), or turn verification off with verify(false), or add the CA to that trust store"), failed);
    }

    @Test
    void theSessionsCaBundleWinsOverBoth() throws Exception {
        List<String> out = probe(trustStoreProperties(unrelatedStore), envBundles(unrelatedPem),
                "ca=" + serverPem, "ca=" + unrelatedPem);
        assertEquals("ca=" + serverPem + " OK ok", line(out, "ca=" + serverPem + " "), out.toString());
        String failed = line(out, "ca=" + unrelatedPem + " ");
        assertTrue(failed.contains("FAIL TlsException") && failed.contains("certificate verified against the CA bundle "
                + unrelatedPem + " given in code; to fix: trust the server's CA with caBundle(Path)"), failed);
        assertTrue(out.contains("LOG TLS trust: the CA bundle " + serverPem + " given in code"), out.toString());
        assertTrue(out.contains("LOG TLS trust: REQUESTS_CA_BUNDLE, SSL_CERT_FILE not used (a CA set in code wins)"), out.toString());
    }
}
