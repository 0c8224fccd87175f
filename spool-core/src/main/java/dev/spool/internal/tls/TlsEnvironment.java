package dev.spool.internal.tls;

import dev.spool.InvalidRequestException;
import dev.spool.tls.TlsConfig;
import java.io.File;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the environment's CA settings to a session's TLS configuration when it trusts the
 * environment: a bundle from {@code REQUESTS_CA_BUNDLE}, {@code CURL_CA_BUNDLE} (requests reads these
 * two, in this order) or {@code SSL_CERT_FILE} (OpenSSL's), and a directory from {@code SSL_CERT_DIR}
 * (OpenSSL's; of its {@code :}-separated list, the first directory that exists). They replace the JDK's
 * trust store only when verification is on, no CA bundle or directory was given explicitly, and the JVM
 * was not started with {@code -Djavax.net.ssl.trustStore} (Java's own convention comes first).
 */
public final class TlsEnvironment {
    private static final System.Logger LOG = System.getLogger("dev.spool.tls");
    /** The bundle variables, most specific first. */
    static final String[] FILE_VARIABLES = {"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"};
    static final String DIR_VARIABLE = "SSL_CERT_DIR";

    private TlsEnvironment() {
    }

    /**
     * A session's TLS configuration: the builder's, with the environment's CA settings applied when
     * {@code trustEnv} is on. When the environment names CA certificates that the session will not use,
     * logs at DEBUG which ones and why (the trust source itself is logged at the first handshake).
     *
     * @throws InvalidRequestException when a variable that is used names a file or directory that does not exist
     */
    public static TlsConfig forSession(TlsConfig base, boolean trustEnv, Map<String, String> env, JvmStores jvm) {
        TlsConfig out = trustEnv ? apply(base, env, jvm) : base;
        if (out.caSource() == null && LOG.isLoggable(Level.DEBUG)) {
            List<String> unused = new ArrayList<>();
            for (String name : variables()) {
                String v = env.get(name);
                if (v != null && !v.isBlank()) {
                    unused.add(name);
                }
            }
            if (!unused.isEmpty()) {
                String why = !base.verify() ? "verification is off"
                        : !base.usesDefaultTrust() ? "a CA set in code wins"
                        : jvm.hasTrustStore() ? "-D" + JvmStores.TRUST_STORE + " wins"
                        : "trustEnv is off";
                LOG.log(Level.DEBUG, "TLS trust: " + String.join(", ", unused) + " not used (" + why + ")");
            }
        }
        return out;
    }

    private static List<String> variables() {
        List<String> all = new ArrayList<>(List.of(FILE_VARIABLES));
        all.add(DIR_VARIABLE);
        return all;
    }

    /**
     * The configuration with the environment's CA settings applied, unless it verifies against CA
     * settings of its own, does not verify, or the JVM names a trust store.
     *
     * @throws InvalidRequestException when a variable names a file or directory that does not exist, naming the variable
     */
    public static TlsConfig apply(TlsConfig base, Map<String, String> env, JvmStores jvm) {
        if (!base.verify() || !base.usesDefaultTrust() || jvm.hasTrustStore()) {
            return base;
        }
        Path bundle = null;
        Path directory = null;
        List<String> from = new ArrayList<>();
        for (String name : FILE_VARIABLES) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            Path p = path(name, value.trim());
            if (Files.isDirectory(p)) {
                directory = p; // requests lets REQUESTS_CA_BUNDLE name a directory too
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                bundle = p;
            } else {
                throw missing(name, value);
            }
            from.add(name);
            break;
        }
        String dirs = env.get(DIR_VARIABLE);
        if (dirs != null && !dirs.isBlank() && directory == null) {
            for (String d : dirs.split(File.pathSeparator)) {
                if (!d.isBlank() && Files.isDirectory(path(DIR_VARIABLE, d.trim()))) {
                    directory = path(DIR_VARIABLE, d.trim());
                    break;
                }
            }
            if (directory == null) {
                throw missing(DIR_VARIABLE, dirs);
            }
            from.add(DIR_VARIABLE);
        }
        if (from.isEmpty()) {
            return base;
        }
        return new TlsConfig(true, bundle, directory, base.clientCertificate(), String.join(", ", from));
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
