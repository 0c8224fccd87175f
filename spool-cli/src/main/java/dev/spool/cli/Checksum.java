package dev.spool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * An expected file digest, {@code ALGORITHM:HEX} ({@code sha256:9f86d0...}), as {@code --checksum}
 * takes it.
 *
 * @param algorithm the name as the user wrote it, lower case ({@code sha256})
 * @param hex the expected digest, lower-case hex
 */
record Checksum(String algorithm, String hex) {
    /** The accepted names and their {@link MessageDigest} names (every JDK must provide these). */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    /** Parses {@code ALGORITHM:HEX}; a usage error names what was wrong. */
    static Checksum parse(String arg) {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw CliException.usage("--checksum expects ALGORITHM:HEX such as sha256:9f86d081..., got '" + arg + "'");
        }
        String algorithm = arg.substring(0, colon).trim().toLowerCase(Locale.ROOT).replace("-", "");
        String hex = arg.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        String javaName = ALGORITHMS.get(algorithm);
        if (javaName == null) {
            throw CliException.usage("--checksum algorithm '" + arg.substring(0, colon) + "' is not one of md5, sha1, sha256, sha384, sha512");
        }
        int expected = digest(javaName).getDigestLength() * 2;
        if (hex.length() != expected || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw CliException.usage("--checksum " + algorithm + " needs " + expected + " hex digits, got '" + hex + "' ("
                    + hex.length() + " characters)");
        }
        return new Checksum(algorithm, hex);
    }

    /** The file's digest in lower-case hex. */
    String of(Path file) throws IOException {
        MessageDigest md = digest(ALGORITHMS.get(algorithm));
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    private static MessageDigest digest(String javaName) {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is required of every JDK", e);
        }
    }
}
