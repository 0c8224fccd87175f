package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A child JVM for TLS tests that need system properties and an environment of their own: sends one GET per mode to a URL with a session built as
 * the mode says, and prints what happened, so a test can start a JVM with its own system properties
 * and environment. Prints {@code LOG <message>} for each of Spool's log lines, then
 * {@code <mode> OK <body>} or {@code <mode> FAIL <exception class> <message>}.
 *
 * <p>Modes: {@code env} (the default session, trustEnv on), {@code noenv} (trustEnv(false)),
 * {@code ca=<file>} (caBundle(file), trustEnv on).
 */
public final class TrustProbe {
    /** Variables of this process that would change what the child does; the child gets only those a test sets. */
    private static final List<String> SCRUBBED = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "NETRC",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy");

    private TrustProbe() {
    }

    /**
     * Runs the probe in a child JVM (this JVM's {@code java}, the same class path) with these JVM options and
     * environment variables, and returns its output lines; fails unless it exits with status 0 within a minute.
     */
    static List<String> run(String url, List<String> jvmOptions, Map<String, String> env, String... modes)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrustProbe.class.getName());
        cmd.add(url);
        cmd.addAll(List.of(modes));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        SCRUBBED.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes(); // ends when the child exits
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe JVM did not exit: " + new String(out, StandardCharsets.UTF_8));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return List.of(text.split("\\R"));
    }

    /** Arguments: the URL, then the modes. */
    public static void main(String[] args) {
        Logger tls = Logger.getLogger("dev.spool");
        tls.setLevel(Level.ALL);
        tls.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                System.out.println("LOG " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        String url = args[0];
        for (int i = 1; i < args.length; i++) {
            String mode = args[i];
            Session.Builder b = Session.builder();
            if (mode.equals("noenv")) {
                b.trustEnv(false);
            } else if (mode.startsWith("ca=")) {
                b.caBundle(Path.of(mode.substring(3)));
            } else if (!mode.equals("env")) {
                throw new IllegalArgumentException("unknown mode " + mode);
            }
            try (Session s = b.build()) {
                System.out.println(mode + " OK " + s.get(url).text());
            } catch (RuntimeException e) {
                System.out.println(mode + " FAIL " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
    }
}
