package dev.spool.tls;

import dev.spool.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A client certificate for servers that ask for one (mutual TLS): a PEM certificate chain with its
 * PEM private key (unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}), in two files or one, as
 * requests' {@code cert=(cert, key)} takes them; or a PKCS#12 file with its password. Files are read
 * when the first connection needs them; {@link #toString()} never shows the password.
 *
 * @param certificate the PEM certificate chain (leaf first), or null for PKCS#12
 * @param key the PEM private key, or null for PKCS#12 (a PEM file that also holds the key is given twice)
 * @param keyStore the PKCS#12 file, or null for PEM
 * @param password the PKCS#12 password (may be empty), or null for PEM
 */
public record ClientCertificate(Path certificate, Path key, Path keyStore, String password) {
    /** Checks that exactly one form is given and normalizes the paths. */
    public ClientCertificate {
        boolean pem = certificate != null || key != null;
        boolean p12 = keyStore != null;
        if (pem == p12) {
            throw new InvalidRequestException("a client certificate is either PEM (certificate and key) or PKCS#12 (file and password)");
        }
        if (pem && (certificate == null || key == null)) {
            throw new InvalidRequestException("a PEM client certificate needs both the certificate and the key file");
        }
        if (p12 && password == null) {
            throw new InvalidRequestException("a PKCS#12 client certificate needs its password (empty if it has none)");
        }
        if (pem && password != null) {
            throw new InvalidRequestException("encrypted PEM keys are not supported; give an unencrypted PKCS#8 key or use PKCS#12");
        }
        certificate = normalize(certificate);
        key = normalize(key);
        keyStore = normalize(keyStore);
    }

    /**
     * A PEM certificate chain and its unencrypted PKCS#8 PEM key.
     *
     * @throws InvalidRequestException when a file does not exist or cannot be read
     */
    public static ClientCertificate pem(Path certificate, Path key) {
        return new ClientCertificate(readable(certificate, "client certificate"), readable(key, "client key"), null, null);
    }

    /** A PEM file holding both the certificate chain and the unencrypted PKCS#8 key. */
    public static ClientCertificate pem(Path certificateAndKey) {
        return pem(certificateAndKey, certificateAndKey);
    }

    /**
     * A PKCS#12 file ({@code .p12}, {@code .pfx}) holding the key and certificate chain.
     *
     * @param password its password; empty when it has none
     */
    public static ClientCertificate pkcs12(Path file, String password) {
        return new ClientCertificate(null, null, readable(file, "PKCS#12 client certificate"),
                Objects.requireNonNull(password, "password"));
    }

    private static Path readable(Path p, String what) {
        Objects.requireNonNull(p, what);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new InvalidRequestException(what + " " + p + " does not exist or cannot be read");
        }
        return p;
    }

    private static Path normalize(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** The files, never the password. */
    @Override
    public String toString() {
        return keyStore != null ? "ClientCertificate[pkcs12=" + keyStore + "]"
                : "ClientCertificate[certificate=" + certificate + ", key=" + key + "]";
    }
}
