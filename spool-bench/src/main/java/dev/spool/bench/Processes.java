package dev.spool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (wrk, curl, nginx -v) to completion and returns what it printed. */
final class Processes {
    /** Tools running now; a harness stopped early (bench/run.sh got INT or TERM) ends them too. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "bench-stop-tools"));
    }

    private Processes() {
    }

    /** What a tool printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs a command; it is killed if it outlives {@code timeout}, so a wedged tool cannot stall a run.
     */
    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        RUNNING.add(p);
        try {
            return await(p, command, timeout);
        } finally {
            RUNNING.remove(p);
        }
    }

    private static Result await(Process p, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        p.getOutputStream().close();
        // Read on this thread while waiting: the tools print little, so the pipe never fills.
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = readWithin(in, p, timeout);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static byte[] readWithin(InputStream in, Process p, Duration timeout) throws IOException {
        Thread killer = new Thread(() -> {
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-process-timeout");
        killer.setDaemon(true);
        killer.start();
        return in.readAllBytes();
    }

    /** The first line of a tool's version output, or a note that it could not be run. */
    static String version(List<String> command) {
        try {
            Result r = run(command, Duration.ofSeconds(10));
            for (String line : r.output().split("\n")) {
                if (!line.isBlank()) {
                    return line.trim();
                }
            }
            return "unknown (no output)";
        } catch (IOException e) {
            return "not found (" + command.get(0) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}
