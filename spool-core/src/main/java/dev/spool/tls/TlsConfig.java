package dev.spool.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How HTTPS connections are verified: against the JDK's trust store (the default), against a PEM CA
 * bundle, or not at all. Part of the pool key, so a connection made under one configuration is never
 * reused under another.
 *
 * @param verify whether to verify the server's certificate chain and host name
 * @param caBundle a PEM file of trusted CA certificates replacing the JDK's trust store, or null
 */
public record TlsConfig(boolean verify, Path caBundle) {
    /** Verification on, against the JDK's trust store. */
    public static final TlsConfig DEFAULT = new TlsConfig(true, null);
    /** Verification off: any certificate is accepted (a WARNING is logged per origin on first use). */
    public static final TlsConfig INSECURE = new TlsConfig(false, null);

    /** Validates the bundle path. */
    public TlsConfig {
        if (caBundle != null) {
            caBundle = caBundle.toAbsolutePath().normalize();
        }
    }

    /** Verification on, trusting the CA certificates of a PEM file instead of the JDK's trust store. */
    public static TlsConfig caBundle(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        if (!Files.isReadable(pemFile)) {
            throw new dev.spool.InvalidRequestException("CA bundle " + pemFile + " does not exist or cannot be read");
        }
        return new TlsConfig(true, pemFile);
    }
}
