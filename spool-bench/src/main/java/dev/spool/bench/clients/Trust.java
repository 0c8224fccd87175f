package dev.spool.bench.clients;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The benchmark's self-signed certificate in the three shapes the clients take it: the PEM file
 * (Spool's {@code caBundle}), an {@link SSLContext} (JDK, Apache, Jetty) and the trust manager
 * behind it (OkHttp wants both).
 *
 * @param pem the PEM file the certificate was read from
 * @param sslContext a TLS context trusting only that certificate
 * @param trustManager the trust manager of {@code sslContext}
 */
public record Trust(Path pem, SSLContext sslContext, X509TrustManager trustManager) {

    /** Reads the certificates of a PEM file into a fresh, in-memory trust store. */
    public static Trust fromPem(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            store.setCertificateEntry("bench-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        X509TrustManager tm = null;
        for (TrustManager m : tmf.getTrustManagers()) {
            if (m instanceof X509TrustManager) {
                tm = (X509TrustManager) m;
            }
        }
        if (tm == null) {
            throw new GeneralSecurityException("the default TrustManagerFactory made no X509TrustManager");
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return new Trust(pem, ctx, tm);
    }
}
