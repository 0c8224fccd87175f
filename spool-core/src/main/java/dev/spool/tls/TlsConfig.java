package dev.spool.tls;

import dev.spool.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How HTTPS connections are verified and how the client proves who it is: against the JDK's trust
 * store (the default), against PEM CA certificates (a bundle file, a directory of them, or both), or
 * not at all; and optionally with a client certificate. Part of the pool key, so a connection made
 * under one configuration is never reused under another.
 *
 * @param verify whether to verify the server's certificate chain and host name
 * @param caBundle a PEM file of trusted CA certificates replacing the JDK's trust store, or null
 * @param caDirectory a directory whose PEM files hold trusted CA certificates (every file that holds
 *     one, as OpenSSL's {@code CApath} or {@code /etc/ssl/certs}), replacing the JDK's trust store, or null
 * @param clientCertificate the certificate and key to present when the server asks for one, or null
 */
public record TlsConfig(boolean verify, Path caBundle, Path caDirectory, ClientCertificate clientCertificate) {
    /** Verification on, against the JDK's trust store. */
    public static final TlsConfig DEFAULT = new TlsConfig(true, null);
    /** Verification off: any certificate is accepted (a WARNING is logged per origin on first use). */
    public static final TlsConfig INSECURE = new TlsConfig(false, null);

    /** Normalizes the paths (so equal settings make equal pool keys). */
    public TlsConfig {
        if (caBundle != null) {
            caBundle = caBundle.toAbsolutePath().normalize();
        }
        if (caDirectory != null) {
            caDirectory = caDirectory.toAbsolutePath().normalize();
        }
    }

    /** Verification on or off, with an optional CA bundle, no CA directory and no client certificate. */
    public TlsConfig(boolean verify, Path caBundle) {
        this(verify, caBundle, null, null);
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
        return new TlsConfig(on, caBundle, caDirectory, clientCertificate);
    }

    /**
     * This configuration trusting the CA certificates of a PEM file (verification turned on).
     *
     * @throws InvalidRequestException when the file does not exist or cannot be read
     */
    public TlsConfig withCaBundle(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        if (!Files.isRegularFile(pemFile) || !Files.isReadable(pemFile)) {
            throw new InvalidRequestException("CA bundle " + pemFile + " does not exist or cannot be read"
                    + (Files.isDirectory(pemFile) ? " as a file (it is a directory: use caDirectory)" : ""));
        }
        return new TlsConfig(true, pemFile, caDirectory, clientCertificate);
    }

    /**
     * This configuration trusting the CA certificates of a directory's PEM files (verification turned on).
     *
     * @throws InvalidRequestException when the directory does not exist or cannot be read
     */
    public TlsConfig withCaDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
            throw new InvalidRequestException("CA directory " + directory + " does not exist or cannot be read");
        }
        return new TlsConfig(true, caBundle, directory, clientCertificate);
    }

    /** This configuration presenting a client certificate (or none, with null) when the server asks. */
    public TlsConfig withClientCertificate(ClientCertificate certificate) {
        return new TlsConfig(verify, caBundle, caDirectory, certificate);
    }

    /** Whether the JDK's own trust store is used (no CA bundle or directory given). */
    public boolean usesDefaultTrust() {
        return caBundle == null && caDirectory == null;
    }
}
