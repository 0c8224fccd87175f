package dev.spool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate and EC key made at run time for a TLS test server, with what a client needs to trust
 * it: key and trust stores, {@link SSLContext}s for both sides, and a PEM file to use as a CA bundle.
 *
 * <p>It is made by the JDK's {@code keytool} (the JDK has no public API that signs certificates),
 * which takes about half a second per run, so {@link #localhost()} is made once per JVM.
 * By default the certificate is self-signed and is itself what clients trust. With
 * {@link Builder#issuedByCa()} a separate self-signed test CA issues it and clients trust the CA:
 * needed when the certificate itself must fail validation (expired), because JDK clients do not
 * check the dates of a self-signed certificate they trust directly.
 */
public final class SelfSignedCertificate {
    private static final String SERVER_ALIAS = "server";
    private static final String CA_ALIAS = "ca";
    /** keytool's absolute -startdate format, read in UTC because of {@code -J-Duser.timezone=UTC}. */
    private static final DateTimeFormatter KEYTOOL_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final ReentrantLock CACHE_LOCK = new ReentrantLock();
    private static final Map<String, SelfSignedCertificate> CACHE = new HashMap<>();

    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final X509Certificate trustAnchor;
    private final PrivateKey privateKey;
    private final char[] password;
    private final ReentrantLock contextLock = new ReentrantLock();
    private SSLContext serverContext;
    private SSLContext clientContext;

    private SelfSignedCertificate(List<X509Certificate> chain, X509Certificate trustAnchor, PrivateKey privateKey,
                                  char[] password) {
        this.certificate = chain.get(0);
        this.chain = List.copyOf(chain);
        this.trustAnchor = trustAnchor;
        this.privateKey = privateKey;
        this.password = password;
    }

    /**
     * The self-signed certificate for {@code localhost} and {@code 127.0.0.1} that
     * {@link MockServer#startTls()} uses, valid from an hour ago for a year; made once per JVM.
     */
    public static SelfSignedCertificate localhost() {
        return cached("localhost", () -> builder().dnsName("localhost").ipAddress("127.0.0.1").generate());
    }

    /** For {@link TlsFault#WRONG_HOST}: self-signed for {@code wrong.example} only. */
    static SelfSignedCertificate wrongHost() {
        return cached("wrong-host", () -> builder().dnsName("wrong.example").generate());
    }

    /** For {@link TlsFault#EXPIRED}: for localhost and 127.0.0.1, issued by a test CA, expired 29 days ago. */
    static SelfSignedCertificate expiredLocalhost() {
        return cached("expired", () -> builder().dnsName("localhost").ipAddress("127.0.0.1")
                .notBefore(Instant.now().minus(Duration.ofDays(30))).validityDays(1).issuedByCa().generate());
    }

    private static SelfSignedCertificate cached(String key, Supplier<SelfSignedCertificate> make) {
        // A lock rather than computeIfAbsent: generating runs a process for up to seconds.
        CACHE_LOCK.lock();
        try {
            SelfSignedCertificate c = CACHE.get(key);
            if (c == null) {
                c = make.get();
                CACHE.put(key, c);
            }
            return c;
        } finally {
            CACHE_LOCK.unlock();
        }
    }

    /** A builder for a certificate with chosen names and validity. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's certificate (the leaf). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate chain the server presents: the leaf, then the CA when {@link Builder#issuedByCa()} was used. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** What clients trust: the certificate itself, or the test CA that issued it. */
    public X509Certificate trustAnchor() {
        return trustAnchor;
    }

    /** The server's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The password of {@link #keyStore()} and of its key entry (a copy). */
    public char[] password() {
        return password.clone();
    }

    /** A new PKCS12 key store holding the key and chain under alias {@code server}, protected by {@link #password()}. */
    public KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(SERVER_ALIAS, privateKey, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS12 key store", e);
        }
    }

    /** A new PKCS12 trust store holding {@link #trustAnchor()} as a trusted certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("trust-anchor", trustAnchor);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS12 trust store", e);
        }
    }

    /** An SSLContext for a server presenting this certificate; made once and shared. */
    public SSLContext serverSslContext() {
        contextLock.lock();
        try {
            if (serverContext == null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(), password);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                serverContext = ctx;
            }
            return serverContext;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a server SSLContext", e);
        } finally {
            contextLock.unlock();
        }
    }

    /** An SSLContext for a client that trusts {@link #trustAnchor()} and nothing else; made once and shared. */
    public SSLContext clientSslContext() {
        contextLock.lock();
        try {
            if (clientContext == null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore());
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                clientContext = ctx;
            }
            return clientContext;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a client SSLContext", e);
        } finally {
            contextLock.unlock();
        }
    }

    /** {@link #trustAnchor()} in PEM form ({@code -----BEGIN CERTIFICATE-----}...). */
    public String pem() {
        try {
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(trustAnchor.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** Writes {@link #pem()} to a file, for clients that take a CA bundle path; returns the file. */
    public Path writePem(Path file) {
        try {
            return Files.writeString(file, pem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal().getName() + ", valid "
                + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
                + (chain.size() > 1 ? ", issued by " + trustAnchor.getSubjectX500Principal().getName() : "") + "]";
    }

    /** Chooses the names and validity of a certificate; {@link #generate()} makes it. */
    public static final class Builder {
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private Instant notBefore;
        private int validityDays = 365;
        private boolean issuedByCa;

        private Builder() {
        }

        /** Adds a DNS name to the subject alternative names; the first one is also the common name. */
        public Builder dnsName(String name) {
            if (!name.matches("[A-Za-z0-9*]([A-Za-z0-9.*-]*[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("'" + name + "' is not a DNS name");
            }
            dnsNames.add(name);
            return this;
        }

        /** Adds an IP address (literal, IPv4 or IPv6) to the subject alternative names. */
        public Builder ipAddress(String address) {
            if (!address.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
            }
            try {
                InetAddress parsed = InetAddress.getByName(address); // a literal: parsed, never looked up
                ipAddresses.add(parsed instanceof Inet6Address ? address : parsed.getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address literal", e);
            }
            return this;
        }

        /** When the certificate becomes valid (to the second); default an hour ago, to allow for clock skew. */
        public Builder notBefore(Instant instant) {
            this.notBefore = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** How many days after {@link #notBefore(Instant)} it stays valid; default 365. */
        public Builder validityDays(int days) {
            if (days < 1) {
                throw new IllegalArgumentException("validity " + days + " days is less than one day");
            }
            this.validityDays = days;
            return this;
        }

        /** Has a self-signed test CA ({@code CN=Spool Test CA}) issue the certificate; clients then trust the CA. */
        public Builder issuedByCa() {
            this.issuedByCa = true;
            return this;
        }

        /**
         * Makes the key and certificate by running keytool (about half a second; four runs, three in a row, with a CA).
         *
         * @throws IllegalStateException when keytool is missing or fails
         */
        public SelfSignedCertificate generate() {
            if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
                throw new IllegalStateException("a certificate needs at least one DNS name or IP address");
            }
            Instant start = notBefore != null ? notBefore : Instant.now().minus(Duration.ofHours(1));
            List<String> sans = new ArrayList<>();
            dnsNames.forEach(d -> sans.add("dns:" + d));
            ipAddresses.forEach(i -> sans.add("ip:" + i));
            String san = "SAN=" + String.join(",", sans);
            String cn = "CN=" + (dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0));
            char[] password = randomPassword();
            String pw = new String(password);
            Path dir = null;
            try {
                dir = Files.createTempDirectory("spool-testkit-cert");
                Path store = dir.resolve("server.p12");
                List<String> serverKey = List.of("-genkeypair", "-alias", SERVER_ALIAS, "-keyalg", "EC",
                        "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", cn);
                String startDate = KEYTOOL_DATE.format(start);
                String validity = Integer.toString(validityDays);
                if (!issuedByCa) {
                    Keytool.run(dir, concat(serverKey, List.of("-ext", san, "-startdate", startDate,
                            "-validity", validity), storeArgs(store, pw)));
                    KeyStore ks = load(store, password);
                    X509Certificate cert = (X509Certificate) ks.getCertificate(SERVER_ALIAS);
                    return new SelfSignedCertificate(List.of(cert), cert,
                            (PrivateKey) ks.getKey(SERVER_ALIAS, password), password);
                }
                // The CA key is made in its own store while the server key and request are made, in parallel.
                // The CA must be valid whenever the leaf is, or the chain fails for the wrong reason.
                Path caStore = dir.resolve("ca.p12");
                Instant caStart = start.minus(Duration.ofDays(1));
                String caValidity = Integer.toString(Math.max(validityDays + 2, 3650));
                Keytool caKey = Keytool.start(dir, concat(List.of("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "EC",
                        "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=Spool Test CA",
                        "-ext", "BC:c=ca:true", "-ext", "KU:c=keyCertSign,cRLSign",
                        "-startdate", KEYTOOL_DATE.format(caStart), "-validity", caValidity), storeArgs(caStore, pw)));
                Path csr = dir.resolve("server.csr");
                Path signed = dir.resolve("server.crt");
                try {
                    Keytool.run(dir, concat(serverKey, storeArgs(store, pw)));
                    Keytool.run(dir, concat(List.of("-certreq", "-alias", SERVER_ALIAS, "-file", csr.toString()),
                            storeArgs(store, pw)));
                } catch (RuntimeException e) {
                    caKey.cancel();
                    throw e;
                }
                caKey.await();
                Keytool.run(dir, concat(List.of("-gencert", "-alias", CA_ALIAS, "-infile", csr.toString(),
                        "-outfile", signed.toString(), "-ext", san, "-startdate", startDate, "-validity", validity),
                        storeArgs(caStore, pw)));
                KeyStore ks = load(store, password);
                X509Certificate ca = (X509Certificate) load(caStore, password).getCertificate(CA_ALIAS);
                X509Certificate leaf;
                try (InputStream in = Files.newInputStream(signed)) {
                    leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                }
                return new SelfSignedCertificate(List.of(leaf, ca), ca,
                        (PrivateKey) ks.getKey(SERVER_ALIAS, password), password);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a certificate in a temporary directory", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the certificate keytool made", e);
            } finally {
                deleteTree(dir);
            }
        }

        private static List<String> storeArgs(Path store, String password) {
            return List.of("-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password,
                    "-keypass", password, "-noprompt");
        }

        private static KeyStore load(Path store, char[] password) throws IOException, GeneralSecurityException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            return ks;
        }

        @SafeVarargs
        private static List<String> concat(List<String>... parts) {
            List<String> out = new ArrayList<>();
            for (List<String> p : parts) {
                out.addAll(p);
            }
            return out;
        }

        private static char[] randomPassword() {
            SecureRandom random = new SecureRandom();
            char[] pw = new char[20];
            String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            for (int i = 0; i < pw.length; i++) {
                pw[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            return pw;
        }

        private static void deleteTree(Path dir) {
            if (dir == null) {
                return;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
