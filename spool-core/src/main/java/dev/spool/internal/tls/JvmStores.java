package dev.spool.internal.tls;

import dev.spool.InvalidRequestException;
import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The JVM's own TLS stores, as its {@code javax.net.ssl.*} system properties name them (the ones JSSE
 * reads for its default context): a trust store that takes precedence over the environment's CA
 * variables, and a key store whose key is presented when a session names no client certificate.
 * A value of this record is part of the SSL-context cache key, so a changed property is a new context.
 *
 * @param trustStore {@code javax.net.ssl.trustStore}, or null
 * @param trustStoreType {@code javax.net.ssl.trustStoreType}, or null
 * @param trustStoreProvider {@code javax.net.ssl.trustStoreProvider}, or null
 * @param trustStorePassword {@code javax.net.ssl.trustStorePassword}, or null (never printed)
 * @param keyStore {@code javax.net.ssl.keyStore}, or null
 * @param keyStoreType {@code javax.net.ssl.keyStoreType}, or null
 * @param keyStoreProvider {@code javax.net.ssl.keyStoreProvider}, or null
 * @param keyStorePassword {@code javax.net.ssl.keyStorePassword}, or null (never printed)
 */
public record JvmStores(String trustStore, String trustStoreType, String trustStoreProvider, String trustStorePassword,
                        String keyStore, String keyStoreType, String keyStoreProvider, String keyStorePassword) {
    /** Neither property set: the JDK's own trust store and no client key. */
    public static final JvmStores NONE = new JvmStores(null, null, null, null, null, null, null, null);
    static final String TRUST_STORE = "javax.net.ssl.trustStore";
    static final String KEY_STORE = "javax.net.ssl.keyStore";
    /** JSSE's value for a store that is not a file (a PKCS#11 token). */
    private static final String NOT_A_FILE = "NONE";

    /** The stores the running JVM's system properties name now. */
    public static JvmStores current() {
        return from(System::getProperty);
    }

    /** The stores named by properties looked up with {@code property} (blank values count as unset, as JSSE does). */
    public static JvmStores from(UnaryOperator<String> property) {
        String trust = nonBlank(property.apply(TRUST_STORE));
        String key = nonBlank(property.apply(KEY_STORE));
        if (trust == null && key == null) {
            return NONE;
        }
        return new JvmStores(trust, nonBlank(property.apply(TRUST_STORE + "Type")), nonBlank(property.apply(TRUST_STORE + "Provider")),
                property.apply(TRUST_STORE + "Password"), key, nonBlank(property.apply(KEY_STORE + "Type")),
                nonBlank(property.apply(KEY_STORE + "Provider")), property.apply(KEY_STORE + "Password"));
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Whether {@code javax.net.ssl.trustStore} is set. */
    public boolean hasTrustStore() {
        return trustStore != null;
    }

    /** Whether {@code javax.net.ssl.keyStore} is set. */
    public boolean hasKeyStore() {
        return keyStore != null;
    }

    /**
     * Only what a configuration takes from the JVM: its trust store when it verifies against the default
     * trust, its key store when it names no client certificate. So configurations that do not use a
     * property share one SSL context whatever its value.
     */
    public JvmStores relevantTo(TlsConfig config) {
        boolean trust = config.verify() && config.usesDefaultTrust() && hasTrustStore();
        boolean key = config.clientCertificate() == null && hasKeyStore();
        if (!trust && !key) {
            return NONE;
        }
        return new JvmStores(trust ? trustStore : null, trust ? trustStoreType : null, trust ? trustStoreProvider : null,
                trust ? trustStorePassword : null, key ? keyStore : null, key ? keyStoreType : null,
                key ? keyStoreProvider : null, key ? keyStorePassword : null);
    }

    /**
     * The key managers of {@code javax.net.ssl.keyStore}, read as JSSE reads it for its default context.
     *
     * @throws InvalidRequestException when the store cannot be read, naming the property and file
     */
    KeyManager[] keyManagers() throws GeneralSecurityException {
        Objects.requireNonNull(keyStore, "keyStore");
        char[] password = keyStorePassword == null ? null : keyStorePassword.toCharArray();
        KeyStore ks = keyStoreProvider == null
                ? KeyStore.getInstance(keyStoreType != null ? keyStoreType : KeyStore.getDefaultType())
                : KeyStore.getInstance(keyStoreType != null ? keyStoreType : KeyStore.getDefaultType(), keyStoreProvider);
        try {
            if (keyStore.equals(NOT_A_FILE)) {
                ks.load(null, password);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(keyStore))) {
                    ks.load(in, password);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException("cannot read the JVM's key store " + keyStore + " (-D" + KEY_STORE
                    + "; wrong javax.net.ssl.keyStorePassword or keyStoreType?): " + e.getMessage(), e);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }

    /** The property values without the passwords. */
    @Override
    public String toString() {
        return "JvmStores[trustStore=" + trustStore + ", trustStoreType=" + trustStoreType
                + ", keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + "]";
    }
}
