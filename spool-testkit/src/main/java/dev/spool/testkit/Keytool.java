package dev.spool.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code keytool}: the JDK has no public API that signs a certificate, and keytool
 * does it with no dependency.
 */
final class Keytool {
    /** A keytool run takes well under a second; this bound only guards against a hung process. */
    private static final long TIMEOUT_SECONDS = 60;

    private Keytool() {
    }

    /** The keytool of the running JDK. */
    static Path executable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path p = Path.of(System.getProperty("java.home"), "bin", windows ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("SelfSignedCertificate needs the JDK's keytool, but " + p
                    + " is missing; run the tests on a JDK (or a runtime image) that has bin/keytool");
        }
        return p;
    }

    /**
     * Runs keytool with these arguments in {@code dir}.
     *
     * @throws IllegalStateException with keytool's output when it fails
     */
    static void run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.add("-J-Duser.timezone=UTC"); // -startdate is read in the default time zone; we pass UTC
        command.addAll(args);
        Path log = dir.resolve("keytool-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close(); // nothing to answer: a prompt reads EOF and fails instead of hanging
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (p.exitValue() != 0) {
                String output = Files.readString(log, Charset.defaultCharset());
                throw new IllegalStateException("keytool failed with exit code " + p.exitValue() + ": "
                        + String.join(" ", args) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for keytool", e);
        }
    }
}
