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
    /**
     * Options for the keytool JVM. {@code -Duser.timezone=UTC} because {@code -startdate} is read in
     * the default time zone and we pass UTC. The rest halve the CPU time of a short run (no C2
     * compiler, a simple collector), which matters when tests run on a busy machine.
     */
    private static final List<String> JVM_OPTIONS = List.of("-J-Duser.timezone=UTC",
            "-J-XX:+IgnoreUnrecognizedVMOptions", "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC");

    private final Process process;
    private final List<String> args;
    private final Path log;

    private Keytool(Process process, List<String> args, Path log) {
        this.process = process;
        this.args = args;
        this.log = log;
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
     * Runs keytool with these arguments in {@code dir} and waits for it.
     *
     * @throws IllegalStateException with keytool's output when it fails
     */
    static void run(Path dir, List<String> args) {
        start(dir, args).await();
    }

    /** Starts keytool without waiting, so independent runs can overlap; call {@link #await()}. */
    static Keytool start(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(args);
        Path log = dir.resolve("keytool-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close(); // nothing to answer: a prompt reads EOF and fails instead of hanging
            return new Keytool(p, args, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool " + command.get(0), e);
        }
    }

    /** Stops this run, when another has failed and its result is no longer wanted. */
    void cancel() {
        process.destroyForcibly();
    }

    /**
     * Waits for this run to end.
     *
     * @throws IllegalStateException with keytool's output when it failed or did not finish in time
     */
    void await() {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish in " + TIMEOUT_SECONDS + " s: " + args);
            }
            if (process.exitValue() != 0) {
                String output = Files.readString(log, Charset.defaultCharset());
                throw new IllegalStateException("keytool failed with exit code " + process.exitValue() + ": "
                        + String.join(" ", args) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keytool's output " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for keytool", e);
        }
    }
}
