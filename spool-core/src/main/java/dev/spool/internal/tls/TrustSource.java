package dev.spool.internal.tls;

import dev.spool.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which certificates a TLS configuration trusts, in words for log lines and for the message of a failed
 * verification. The order, first match wins: what the session or request set in code ({@code verify(false)},
 * {@code caBundle}, {@code caDirectory}); the JVM's {@code javax.net.ssl.trustStore}; the environment's CA
 * variables (with {@code trustEnv}); the JDK's own trust store.
 *
 * @param kind where the trust comes from
 * @param description what is trusted, as a phrase: "the JVM's trust store /etc/app/trust.p12 (javax.net.ssl.trustStore)"
 */
public record TrustSource(Kind kind, String description) {
    /** Where a configuration's trust comes from, in the order they are looked at. */
    public enum Kind {
        /** {@code verify(false)}: nothing is checked. */
        NONE,
        /** A CA bundle or directory set in code on the session or request. */
        EXPLICIT,
        /** The JVM's {@code javax.net.ssl.trustStore} system property. */
        JVM_TRUST_STORE,
        /** A CA bundle or directory named by an environment variable, read because of {@code trustEnv}. */
        ENVIRONMENT,
        /** The JDK's own trust store ({@code jssecacerts} when present, else {@code cacerts}). */
        JDK_DEFAULT
    }

    /** What a configuration trusts, given the JVM's stores. */
    public static TrustSource of(TlsConfig config, JvmStores jvm) {
        if (!config.verify()) {
            return new TrustSource(Kind.NONE, "nothing (verification is off: verify(false))");
        }
        if (!config.usesDefaultTrust()) {
            List<String> parts = new ArrayList<>();
            if (config.caBundle() != null) {
                parts.add("the CA bundle " + config.caBundle());
            }
            if (config.caDirectory() != null) {
                parts.add("the CA directory " + config.caDirectory());
            }
            String what = String.join(" and ", parts);
            return config.caSource() != null
                    ? new TrustSource(Kind.ENVIRONMENT, what + " from the environment (" + config.caSource() + ")")
                    : new TrustSource(Kind.EXPLICIT, what + " given in code");
        }
        if (jvm.hasTrustStore()) {
            return new TrustSource(Kind.JVM_TRUST_STORE, "the JVM's trust store " + jvm.trustStore()
                    + " (-D" + JvmStores.TRUST_STORE + ")");
        }
        return new TrustSource(Kind.JDK_DEFAULT, "the JDK's default trust store (" + jdkDefaultStore() + ")");
    }

    /** The file JSSE reads when no trust store property is set: {@code jssecacerts} if it exists, else {@code cacerts}. */
    static Path jdkDefaultStore() {
        Path security = Path.of(System.getProperty("java.home"), "lib", "security");
        Path jsse = security.resolve("jssecacerts");
        return Files.isRegularFile(jsse) ? jsse : security.resolve("cacerts");
    }

    /**
     * The sentence appended to a failed certificate verification: what was trusted and how to fix it.
     * Every source offers the two fixes in code; the JVM's and the environment's name their own too.
     */
    public String verificationHint() {
        String fix = "trust the server's CA with caBundle(Path) on the Session builder (or the request),"
                + " or turn verification off with verify(false)";
        switch (kind) {
            case JVM_TRUST_STORE:
                fix += ", or add the CA to that trust store";
                break;
            case ENVIRONMENT:
                fix += ", or fix the variable, or ignore the environment with trustEnv(false)";
                break;
            default:
                break;
        }
        return "certificate verified against " + description + "; to fix: " + fix;
    }
}
