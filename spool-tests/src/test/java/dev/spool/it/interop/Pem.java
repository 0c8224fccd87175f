package dev.spool.it.interop;

import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes a test certificate and its private key as PEM files, the form nginx, Apache and Node read. */
final class Pem {
    private Pem() {
    }

    /** Writes the certificate to {@code certFile} and its key (PKCS#8) to {@code keyFile}. */
    static void write(SelfSignedCertificate cert, Path certFile, Path keyFile) throws IOException {
        cert.writePem(certFile);
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }
}
