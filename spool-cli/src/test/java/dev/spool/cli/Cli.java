package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code spool} command as a real process ({@code java -cp <this module's test class path>
 * dev.spool.cli.Main ...}), the way a user runs it, and collects its exit code and output.
 */
final class Cli {
    /** How long one command may take before the test fails (the command itself is bounded far lower). */
    static final Duration LIMIT = Duration.ofSeconds(60);

    /**
     * JVM flags that make a short-lived command start fast on a small machine: C1 only (a command
     * that lives a second gains nothing from C2), the serial collector, no window system.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Djava.awt.headless=true");

    private Cli() {
    }

    /** What a run produced. */
    record Result(int exit, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr;
        }
    }

    /** The command line that runs {@code spool ARGS} in a fresh JVM. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(Main.class.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * This module's class path as the test runs with it: surefire names it in
     * {@code surefire.test.class.path} (its booter jar may stand in for it in {@code java.class.path}).
     */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    /** Runs {@code spool ARGS} with empty standard input. */
    static Result run(String... args) {
        return run(new byte[0], null, args);
    }

    /** Runs {@code spool ARGS} in {@code dir} (null: this JVM's), feeding {@code stdin}. */
    static Result run(byte[] stdin, File dir, String... args) {
        return run(stdin, dir, Map.of(), args);
    }

    /** Runs {@code spool ARGS} with these environment variables added (proxies, say). */
    static Result run(Map<String, String> env, String... args) {
        return run(new byte[0], null, env, args);
    }

    /**
     * The proxy variables the library reads (requests' names, lower and upper case): removed from every
     * run, so a proxy set on the machine running the tests cannot carry the loopback requests elsewhere.
     */
    static final List<String> PROXY_VARIABLES = List.of("http_proxy", "https_proxy", "all_proxy", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD");

    private static Result run(byte[] stdin, File dir, Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        if (dir != null) {
            pb.directory(dir);
        }
        pb.environment().remove("NO_COLOR");
        PROXY_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One thread per pipe: the common pool may have a single thread on a small machine, and a
        // full stderr pipe would then block the command while stdout's reader waits for its end.
        FutureTask<byte[]> out = drain(p.getInputStream(), "stdout");
        FutureTask<byte[]> err = drain(p.getErrorStream(), "stderr");
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command may exit without reading its input; what it printed tells why
        }
        try {
            if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("spool " + String.join(" ", args) + " did not finish within " + LIMIT);
            }
            return new Result(p.exitValue(), out.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS),
                    new String(err.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("running spool " + String.join(" ", args) + " failed", e);
        }
    }

    private static FutureTask<byte[]> drain(InputStream in, String name) {
        FutureTask<byte[]> task = new FutureTask<>(() -> readAll(in));
        Thread t = new Thread(task, "cli-" + name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            in.transferTo(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }
}
