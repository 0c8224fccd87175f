package dev.spool.it.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server program run for the interop tests (gunicorn, nginx): started under a small shell
 * watchdog, waited for until it answers HTTP on its loopback port, and stopped at the end. The
 * watchdog holds the pipe to its stdin and stops the server when that pipe closes, which happens on
 * {@link #close()} and also when the test JVM dies, so no server outlives the test run.
 */
final class ExternalServer implements AutoCloseable {
    /**
     * Runs the command in the background and waits for EOF on stdin, then stops it with SIGTERM and
     * waits for it. (A background job of a non-interactive shell reads /dev/null, not our pipe.)
     */
    private static final String WATCHDOG = "\"$@\" & child=$!\n"
            + "while read -r _; do :; done\n"
            + "kill -TERM \"$child\" 2>/dev/null\n"
            + "wait \"$child\"\n";
    /** How long a server may take to stop after SIGTERM before it is killed. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;

    private ExternalServer(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Thrown when a server did not come up; says whether its port was taken, so a caller can try another. */
    static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean portTaken;

        StartFailure(String message, boolean portTaken) {
            super(message);
            this.portTaken = portTaken;
        }
    }

    /**
     * Starts {@code command} in {@code dir}, its output going to {@code dir/<name>.log}, and waits
     * until {@code GET readyPath} on {@code port} answers 2xx.
     *
     * @throws StartFailure when the program exits or does not answer within {@code timeout}; the
     *     message ends with the end of its log
     */
    static ExternalServer start(String name, List<String> command, Path dir, int port, String readyPath,
                                Duration timeout) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "watchdog"));
        full.addAll(command);
        Process p = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ExternalServer server = new ExternalServer(name, p, log, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(port, readyPath)) {
                return server;
            }
            try {
                // Wait for the next probe, or less if the program exits meanwhile.
                p.onExit().get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new StartFailure(name + ": interrupted while starting", false);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            String tail = server.logTail();
            server.close();
            throw new StartFailure(name + " exited with status " + p.exitValue() + " before answering on port " + port
                    + "; " + log + " ends with:\n" + tail, tail.contains("Address already in use"));
        }
        String tail = server.logTail();
        server.close();
        throw new StartFailure(name + " did not answer GET " + readyPath + " on 127.0.0.1:" + port + " within "
                + timeout.toSeconds() + " s; " + log + " ends with:\n" + tail, tail.contains("Address already in use"));
    }

    /** A port that was free a moment ago on 127.0.0.1 (the server may still lose a race for it; callers retry). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Whether a plain HTTP/1.1 GET gets a 2xx status line; any error means not yet. */
    private static boolean answers(int port, String path) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            String status = new String(head, StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.") && status.charAt(9) == '2';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** The last 30 lines of the server's log, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops the server: closes the watchdog's stdin, waits, and kills whatever is left. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook is running or has run; nothing to remove
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the watchdog is gone already; the kill below covers its children
        }
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("interop: " + name + " did not stop within " + STOP_WAIT.toSeconds() + " s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Normally everything has exited by now; whatever has not is killed (a handle knows its
        // process's start time, so a reused pid is never hit).
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + " on 127.0.0.1:" + port;
    }
}
