package dev.spool.it.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the interop suite needs from the machine: where the server programs are, whether their
 * absence is a skip (a developer's machine) or a failure (CI), and where their files go.
 */
final class Interop {
    private Interop() {
    }

    /**
     * Whether the interop tests must run: on CI ({@code CI=true}, as GitHub Actions, GitLab and
     * {@code .ci/run} set it) a missing server program fails the build instead of skipping.
     */
    static boolean required() {
        String ci = System.getenv("CI");
        return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
    }

    /**
     * Fails when {@code missing} names something absent and {@link #required()}: in CI a missing
     * server program is a broken build, never a silent skip.
     */
    static void failIfRequired(String suite, String missing) {
        if (missing != null && required()) {
            throw new AssertionError(message(suite, missing) + "; with CI=true they must run (.ci/run installs"
                    + " the Debian packages)");
        }
    }

    /**
     * For a test method: runs it when nothing is missing, else disables it with the reason, which
     * the build reports as a skipped test (classes are left enabled, so each test counts as skipped).
     */
    static ConditionEvaluationResult condition(ExtensionContext context, String suite, String missing) {
        if (missing == null || context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled(missing == null ? "server programs found" : "decided per test");
        }
        if (SKIP_NOTED.add(suite)) {
            System.err.println("interop: SKIPPED: " + message(suite, missing));
        }
        return ConditionEvaluationResult.disabled(message(suite, missing));
    }

    private static final java.util.Set<String> SKIP_NOTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String message(String suite, String missing) {
        return "the " + suite + " interop tests need " + missing + " (run .ci/run as root to install it)";
    }

    /** An executable: the system property's path if set, else the first of the candidates found, else null. */
    static Path executable(String property, List<String> candidates) {
        String set = System.getProperty(property);
        if (set != null && !set.isBlank()) {
            Path p = Path.of(set);
            return Files.isExecutable(p) ? p : null;
        }
        String pathEnv = System.getenv().getOrDefault("PATH", "");
        for (String c : candidates) {
            if (c.contains("/")) {
                Path p = Path.of(c);
                if (Files.isExecutable(p)) {
                    return p;
                }
            } else {
                for (String dir : pathEnv.split(":")) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, c))) {
                        return Path.of(dir, c);
                    }
                }
            }
        }
        return null;
    }

    /** The interpreter of a script's {@code #!} line, or null. */
    static String interpreter(Path script) {
        try {
            byte[] head = Files.readAllBytes(script);
            String first = new String(head, 0, Math.min(head.length, 200), StandardCharsets.ISO_8859_1).split("\n", 2)[0];
            if (!first.startsWith("#!")) {
                return null;
            }
            String[] words = first.substring(2).trim().split("\\s+");
            return words.length == 0 ? null : words[0];
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs a short command and tells whether it exited 0 within 30 s. */
    static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A fresh directory for one server's files under the module's {@code target/interop}. */
    static Path workDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("basedir", "."), "target", "interop").toAbsolutePath();
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name.toLowerCase(Locale.ROOT) + "-");
    }
}
