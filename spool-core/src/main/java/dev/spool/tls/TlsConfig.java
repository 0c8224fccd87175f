package dev.spool.tls;

import dev.spool.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How HTTPS connections are verified and how the client proves who it is: against the JVM's trust
 * store (the default: {@code javax.net.ssl.trustStore} when set, else the JDK's own), against PEM CA
 * certificates (a bundle file, a directory of them, or both), or not at all; and optionally with a
 * client certificate (by default none, or the JVM's {@code javax.net.ssl.keyStore} when set). Part of
 * the pool key, so a connection made under one configuration is never reused under another.
 *
 * @param verify whether to verify the server's certificate chain and host name
 * @param caBundle a PEM file of trusted CA certificates replacing the JDK's trust store, or null
 * @param caDirectory a directory whose PEM files hold trusted CA certificates (every file that holds
 *     one, as OpenSSL's {@code CApath} or {@code /etc/ssl/certs}), replacing the JDK's trust store, or null
 * @param clientCertificate the certificate and key to present when the server asks for one, or null
 * @param caSource where {@code caBundle} and {@code caDirectory} were read from when the session took them
 *     from the environment (the variable names, such as {@code REQUESTS_CA_BUNDLE}), or null when they were
 *     given in code; named in log lines and in the message of a failed certificate verification
 */
public record TlsConfig(boolean verify, Path caBundle, Path caDirectory, ClientCertificate clientCertificate,
                        String caSource) {
    /** Verification on, against the JDK's trust store. */
    public static final TlsConfig DEFAULT = new TlsConfig(true, null);
    /** Verification off: any certificate is accepted (a WARNING is logged per origin on first use). */
    public static final TlsConfig INSECURE = new TlsConfig(false, null);

    /**
     * Normalizes the paths (so equal settings make equal pool keys).
     *
     * @throws IllegalArgumentException when {@code caSource} is given without a CA bundle or directory, or is blank
     */
    public TlsConfig {
        if (caSource != null && (caSource.isBlank() || (caBundle == null && caDirectory == null))) {
            throw new IllegalArgumentException("caSource '" + caSource + "' names where a CA bundle or directory came from,"
                    + " but " + (caSource.isBlank() ? "is blank" : "there is none"));
        }
        if (caBundle != null) {
            caBundle = caBundle.toAbsolutePath().normalize();
        }
        if (caDirectory != null) {
            caDirectory = caDirectory.toAbsolutePath().normalize();
        }
    }

    // equals and hashCode written out (the record's own, bootstrapped through method handles on first
    // use, cost the first request of a JVM tens of milliseconds): every component, as a record compares them.

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsConfig t && verify == t.verify && Objects.equals(caBundle, t.caBundle)
                && Objects.equals(caDirectory, t.caDirectory) && Objects.equals(clientCertificate, t.clientCertificate)
                && Objects.equals(caSource, t.caSource);
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(verify);
        h = 31 * h + Objects.hashCode(caBundle);
        h = 31 * h + Objects.hashCode(caDirectory);
        h = 31 * h + Objects.hashCode(clientCertificate);
        return 31 * h + Objects.hashCode(caSource);
    }

    /** Settings given in code: verification, CA bundle and directory, client certificate (each but the first may be null). */
    public TlsConfig(boolean verify, Path caBundle, Path caDirectory, ClientCertificate clientCertificate) {
        this(verify, caBundle, caDirectory, clientCertificate, null);
    }

    /** Verification on or off, with an optional CA bundle, no CA directory and no client certificate. */
    public TlsConfig(boolean verify, Path caBundle) {
        this(verify, caBundle, null, null, null);
    }

    /** Verification on, trusting the CA certificates of a PEM file instead of the JDK's trust store. */
    public static TlsConfig caBundle(Path pemFile) {
        return DEFAULT.withCaBundle(pemFile);
    }

    /** Verification on, trusting the CA certificates in the PEM files of a directory instead of the JDK's trust store. */
    public static TlsConfig caDirectory(Path directory) {
        return DEFAULT.withCaDirectory(directory);
    }

    /** This configuration with verification on or off (the CA and client certificate settings kept). */
    public TlsConfig withVerify(boolean on) {
        return new TlsConfig(on, caBundle, caDirectory, clientCertificate, caSource);
    }

    /**
     * This configuration trusting the CA certificates of a PEM file (verification turned on), given in
     * code: a CA directory taken from the environment is dropped.
     *
     * @throws InvalidRequestException when the file does not exist or cannot be read
     */
    public TlsConfig withCaBundle(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        if (!Files.isRegularFile(pemFile) || !Files.isReadable(pemFile)) {
            throw new InvalidRequestException("CA bundle " + pemFile + " does not exist or cannot be read"
                    + (Files.isDirectory(pemFile) ? " as a file (it is a directory: use caDirectory)" : ""));
        }
        return new TlsConfig(true, pemFile, caSource == null ? caDirectory : null, clientCertificate, null);
    }

    /**
     * This configuration trusting the CA certificates of a directory's PEM files (verification turned on),
     * given in code: a CA bundle taken from the environment is dropped.
     *
     * @throws InvalidRequestException when the directory does not exist or cannot be read
     */
    public TlsConfig withCaDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
            throw new InvalidRequestException("CA directory " + directory + " does not exist or cannot be read");
        }
        return new TlsConfig(true, caSource == null ? caBundle : null, directory, clientCertificate, null);
    }

    /** This configuration presenting a client certificate (or none, with null) when the server asks. */
    public TlsConfig withClientCertificate(ClientCertificate certificate) {
        return new TlsConfig(verify, caBundle, caDirectory, certificate, caSource);
    }

    /** Whether the JVM's trust store is used (no CA bundle or directory given). */
    public boolean usesDefaultTrust() {
        return caBundle == null && caDirectory == null;
    }
}
