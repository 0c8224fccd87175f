package dev.spool.internal.tls;

import dev.spool.InvalidRequestException;
import dev.spool.tls.TlsConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Applies the environment's CA settings to a session's TLS configuration when it trusts the
 * environment: a bundle from {@code REQUESTS_CA_BUNDLE}, {@code CURL_CA_BUNDLE} (requests reads these
 * two, in this order) or {@code SSL_CERT_FILE} (OpenSSL's), and a directory from {@code SSL_CERT_DIR}
 * (OpenSSL's; of its {@code :}-separated list, the first directory that exists). They replace the JDK's
 * trust store only when verification is on and no CA bundle or directory was given explicitly.
 */
public final class TlsEnvironment {
    /** The bundle variables, most specific first. */
    static final String[] FILE_VARIABLES = {"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"};
    static final String DIR_VARIABLE = "SSL_CERT_DIR";

    private TlsEnvironment() {
    }

    /**
     * The configuration with the environment's CA settings applied.
     *
     * @throws InvalidRequestException when a variable names a file or directory that does not exist, naming the variable
     */
    public static TlsConfig apply(TlsConfig base, Map<String, String> env) {
        if (!base.verify() || !base.usesDefaultTrust()) {
            return base;
        }
        TlsConfig out = base;
        for (String name : FILE_VARIABLES) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            Path p = path(name, value.trim());
            if (Files.isDirectory(p)) {
                out = out.withCaDirectory(p); // requests lets REQUESTS_CA_BUNDLE name a directory too
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                out = out.withCaBundle(p);
            } else {
                throw missing(name, value);
            }
            break;
        }
        String dirs = env.get(DIR_VARIABLE);
        if (dirs != null && !dirs.isBlank() && out.caDirectory() == null) {
            Path found = null;
            for (String d : dirs.split(File.pathSeparator)) {
                if (!d.isBlank() && Files.isDirectory(path(DIR_VARIABLE, d.trim()))) {
                    found = path(DIR_VARIABLE, d.trim());
                    break;
                }
            }
            if (found == null) {
                throw missing(DIR_VARIABLE, dirs);
            }
            out = out.withCaDirectory(found);
        }
        return out;
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("environment variable " + name + " is not a path: " + e.getMessage(), e);
        }
    }

    private static InvalidRequestException missing(String name, String value) {
        return new InvalidRequestException("environment variable " + name + " names " + value
                + ", which does not exist or cannot be read (fix it, or turn trustEnv off to ignore the environment)");
    }
}
