package dev.spool.internal.tls;

import dev.spool.InvalidRequestException;
import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the SSL socket factory for a {@link TlsConfig} once and shares it JVM-wide, so even
 * one-shot HTTPS calls never rebuild trust material (and TLS sessions can be resumed across them).
 */
public final class SslContexts {
    private static final ConcurrentHashMap<TlsConfig, SSLSocketFactory> FACTORIES = new ConcurrentHashMap<>();

    private SslContexts() {
    }

    /** The shared socket factory for a configuration. */
    public static SSLSocketFactory factory(TlsConfig config) {
        SSLSocketFactory f = FACTORIES.get(config);
        if (f == null) {
            f = FACTORIES.computeIfAbsent(config, SslContexts::build);
        }
        return f;
    }

    private static SSLSocketFactory build(TlsConfig config) {
        try {
            if (!config.verify()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustEverything()}, null);
                return ctx.getSocketFactory();
            }
            if (config.caBundle() == null) {
                return SSLContext.getDefault().getSocketFactory();
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(config.caBundle())) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new InvalidRequestException("CA bundle " + config.caBundle() + " holds no PEM certificate");
            }
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidRequestException("cannot set up TLS"
                    + (config.caBundle() != null ? " from CA bundle " + config.caBundle() : "") + ": " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate: what {@code verify(false)} asks for, and nothing else uses it. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
