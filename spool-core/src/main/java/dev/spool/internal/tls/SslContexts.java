package dev.spool.internal.tls;

import dev.spool.InvalidRequestException;
import dev.spool.tls.ClientCertificate;
import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the SSL socket factory for a {@link TlsConfig} once and shares it JVM-wide, so even
 * one-shot HTTPS calls never rebuild trust material, and a throwaway session's handshake resumes the
 * TLS session an earlier one left in the JDK's client session cache (kept per {@link SSLContext},
 * looked up by the peer's host and port). Sessions share a context only when their {@link ContextKey}s
 * are equal: same configuration, same JVM stores, same state of every file those name; different
 * trust never shares. At most {@link #MAX_CONTEXTS} contexts are kept, the least recently used going
 * first, and a context whose files changed is dropped when its successor is built.
 */
public final class SslContexts {
    private static final System.Logger LOG = System.getLogger("dev.spool.tls");
    /** How many SSL contexts (each with its own TLS session cache) are kept at most. */
    static final int MAX_CONTEXTS = 32;
    private static final ConcurrentHashMap<ContextKey, Cached> CONTEXTS = new ConcurrentHashMap<>();
    /** Serialises trimming (rare: only after a new context was built). */
    private static final Object TRIM = new Object();
    /** The in-memory key store password for PEM client keys; never stored anywhere. */
    private static final char[] TRANSIENT_PASSWORD = new char[0];

    /** A built factory and when it was last handed out, for least-recently-used eviction. */
    private static final class Cached {
        final SSLSocketFactory factory;
        volatile long lastUsed;

        Cached(SSLSocketFactory factory) {
            this.factory = factory;
            this.lastUsed = System.nanoTime();
        }
    }

    private SslContexts() {
    }

    /** The shared socket factory for a configuration, given the JVM's stores as its system properties name them now. */
    public static SSLSocketFactory factory(TlsConfig config) {
        return factory(config, JvmStores.current());
    }

    /** The shared socket factory for a configuration, given the JVM's stores (as {@link JvmStores#current()} read them). */
    public static SSLSocketFactory factory(TlsConfig config, JvmStores jvm) {
        ContextKey key = ContextKey.of(config, jvm);
        Cached c = CONTEXTS.get(key);
        if (c == null) {
            c = CONTEXTS.computeIfAbsent(key, k -> new Cached(build(k)));
            trim(key);
        }
        c.lastUsed = System.nanoTime();
        return c.factory;
    }

    /** The keys of the contexts kept now (for tests). */
    static java.util.Set<ContextKey> cachedKeys() {
        return java.util.Set.copyOf(CONTEXTS.keySet());
    }

    /** Drops contexts for the same settings made from older files, then the least recently used beyond the limit. */
    private static void trim(ContextKey fresh) {
        synchronized (TRIM) {
            CONTEXTS.keySet().removeIf(k -> !k.equals(fresh) && k.sameSettings(fresh));
            while (CONTEXTS.size() > MAX_CONTEXTS) {
                ContextKey oldest = null;
                long oldestUse = Long.MAX_VALUE;
                for (var e : CONTEXTS.entrySet()) {
                    long used = e.getValue().lastUsed;
                    if (!e.getKey().equals(fresh) && (oldest == null || used - oldestUse < 0)) {
                        oldest = e.getKey();
                        oldestUse = used;
                    }
                }
                if (oldest == null) {
                    return;
                }
                CONTEXTS.remove(oldest);
            }
        }
    }

    private static SSLSocketFactory build(ContextKey key) {
        TlsConfig config = key.config();
        JvmStores jvm = key.jvm();
        try {
            // Keys: the configuration's client certificate, else the JVM's key store (as JSSE's default context).
            KeyManager[] keys = config.clientCertificate() != null ? keyManagers(config.clientCertificate())
                    : jvm.hasKeyStore() ? jvm.keyManagers() : null;
            TrustManager[] trust;
            if (!config.verify()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else if (config.usesDefaultTrust()) {
                if (config.clientCertificate() == null && jvm.equals(JvmStores.NONE)) {
                    // The JDK's default context (or the application's SSLContext.setDefault).
                    return SSLContext.getDefault().getSocketFactory();
                }
                trust = null; // the JDK's default trust managers, which read javax.net.ssl.trustStore
            } else {
                trust = trustManagers(config);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            LOG.log(System.Logger.Level.DEBUG, () -> "SSL context built, trusting " + TrustSource.of(config, jvm).description()
                    + (keys == null ? "" : ", presenting " + (config.clientCertificate() != null
                            ? config.clientCertificate() : "the JVM's key store " + jvm.keyStore())));
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidRequestException("cannot set up TLS (" + describe(config) + "): " + e.getMessage(), e);
        }
    }

    private static String describe(TlsConfig c) {
        List<String> parts = new ArrayList<>();
        if (c.caBundle() != null) {
            parts.add("CA bundle " + c.caBundle());
        }
        if (c.caDirectory() != null) {
            parts.add("CA directory " + c.caDirectory());
        }
        if (c.clientCertificate() != null) {
            parts.add(c.clientCertificate().toString());
        }
        return parts.isEmpty() ? "default trust" : String.join(", ", parts);
    }

    private static TrustManager[] trustManagers(TlsConfig config) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int count = 0;
        if (config.caBundle() != null) {
            List<X509Certificate> certs = certificates(Files.readAllBytes(config.caBundle()), config.caBundle());
            if (certs.isEmpty()) {
                throw new InvalidRequestException("CA bundle " + config.caBundle() + " holds no PEM certificate");
            }
            for (X509Certificate c : certs) {
                ks.setCertificateEntry("ca-" + count++, c);
            }
        }
        if (config.caDirectory() != null) {
            int before = count;
            // Every regular file that holds a PEM certificate: named *.pem, *.crt, or OpenSSL's hashed
            // links (5d30f3c5.0); others are skipped.
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(config.caDirectory())) {
                List<Path> files = new ArrayList<>();
                dir.forEach(files::add);
                files.sort(null);
                for (Path f : files) {
                    if (!Files.isRegularFile(f) || Files.size(f) > 16 * 1024 * 1024) {
                        continue;
                    }
                    byte[] text = Files.readAllBytes(f);
                    if (!new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
                        continue;
                    }
                    for (X509Certificate c : certificates(text, f)) {
                        ks.setCertificateEntry("ca-" + count++, c);
                    }
                }
            }
            if (count == before) {
                throw new InvalidRequestException("CA directory " + config.caDirectory() + " holds no PEM certificate");
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** The certificates of a PEM text, in order. */
    private static List<X509Certificate> certificates(byte[] text, Path file) throws GeneralSecurityException {
        List<Pem.Block> blocks;
        try {
            blocks = Pem.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(file + ": " + e.getMessage(), e);
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Pem.Block b : blocks) {
            if (b.label.equals("CERTIFICATE") || b.label.equals("TRUSTED CERTIFICATE")) {
                try {
                    out.add((X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(b.der)));
                } catch (java.security.cert.CertificateException e) {
                    throw new InvalidRequestException(file + " holds a certificate that cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static KeyManager[] keyManagers(ClientCertificate cert) throws IOException, GeneralSecurityException {
        KeyStore ks;
        char[] password;
        if (cert.keyStore() != null) {
            ks = KeyStore.getInstance("PKCS12");
            password = cert.password().toCharArray();
            try (InputStream in = Files.newInputStream(cert.keyStore())) {
                ks.load(in, password);
            } catch (IOException e) {
                // The JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
                throw new InvalidRequestException("cannot read the PKCS#12 client certificate " + cert.keyStore()
                        + " (wrong password, or not a PKCS#12 file): " + e.getMessage(), e);
            }
            boolean hasKey = false;
            for (String alias : java.util.Collections.list(ks.aliases())) {
                hasKey |= ks.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new InvalidRequestException("the PKCS#12 client certificate " + cert.keyStore() + " holds no private key");
            }
        } else {
            List<X509Certificate> chain = certificates(Files.readAllBytes(cert.certificate()), cert.certificate());
            if (chain.isEmpty()) {
                throw new InvalidRequestException("client certificate " + cert.certificate() + " holds no PEM certificate");
            }
            PrivateKey key = privateKey(cert.key(), chain.get(0));
            ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            password = TRANSIENT_PASSWORD;
            ks.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }

    /** Reads an unencrypted PKCS#8 PEM key, of the algorithm of the certificate's public key. */
    private static PrivateKey privateKey(Path file, X509Certificate leaf) throws IOException, GeneralSecurityException {
        List<Pem.Block> blocks;
        try {
            blocks = Pem.parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("client key " + file + ": " + e.getMessage()
                    + "; give an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt) or use PKCS#12", e);
        }
        for (Pem.Block b : blocks) {
            switch (b.label) {
                case "PRIVATE KEY":
                    String algorithm = leaf.getPublicKey().getAlgorithm();
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(b.der));
                    } catch (GeneralSecurityException e) {
                        throw new InvalidRequestException("client key " + file + " is not a PKCS#8 " + algorithm
                                + " key matching the certificate: " + e.getMessage(), e);
                    }
                case "ENCRYPTED PRIVATE KEY":
                    throw new InvalidRequestException("client key " + file + " is encrypted; give an unencrypted PKCS#8 key"
                            + " (openssl pkcs8 -topk8 -nocrypt) or use a PKCS#12 file with its password");
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new InvalidRequestException("client key " + file + " is a legacy " + b.label + " (PKCS#1 / SEC 1);"
                            + " convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
                default:
                    break;
            }
        }
        throw new InvalidRequestException("client key " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
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
