package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux server that runs one command in a real pseudo-terminal, so tests see what a person
 * at a terminal sees: colours, the progress bar, the binary-body notice. The command signals a tmux
 * channel when it ends, and the test waits on that channel (no polling, no sleeps), then captures
 * the pane with its escape sequences.
 */
final class Tmux implements AutoCloseable {
    /** Bound on each tmux step; the command in the pane is bounded by {@link Cli#LIMIT}. */
    private static final Duration STEP = Duration.ofSeconds(20);

    /** The server's socket, in the test's temporary folder, so nothing is left behind in /tmp/tmux-UID. */
    private final String socket;
    private final Path dir;
    private final String done = "done-" + UUID.randomUUID();
    private boolean started;

    /** A tmux server whose socket lives in {@code dir}. */
    Tmux(Path dir) {
        this.socket = dir.resolve("tmux.sock").toString();
        this.dir = dir;
    }

    /** Fails with what to install when tmux is missing (.ci/run installs it on CI machines). */
    static void require() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            if (!p.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                fail("tmux -V failed; the terminal tests need tmux");
            }
        } catch (IOException | InterruptedException e) {
            fail("the terminal tests need tmux (Debian: apt-get install tmux; .ci/run installs it): " + e);
        }
    }

    /**
     * Runs {@code spool ARGS} in a new 120x40 pane and returns the pane's text, with escape
     * sequences and wrapped lines joined, once the command has ended.
     */
    String run(String... args) {
        return runPiped(null, args);
    }

    /**
     * Runs {@code spool ARGS | PIPE} in a new 120x40 pane, as {@link #run} does: standard output goes
     * to {@code pipe} (null: to the pane) while standard error stays the terminal, as in
     * {@code spool get URL | jq .}; returns the pane's text once the pipeline has ended (the exit
     * code shown is the last command's).
     */
    String runPiped(String pipe, String... args) {
        StringBuilder cmd = new StringBuilder();
        for (String part : Cli.command(args)) {
            cmd.append(quote(part)).append(' ');
        }
        if (pipe != null) {
            cmd.append("| ").append(pipe);
        }
        // After the command: print its exit code, signal the test, and keep the pane open (waiting on
        // a channel no one signals) until close() kills the server.
        String script = cmd + "; echo \"[exit $?]\"; tmux -S " + quote(socket) + " wait-for -S " + done
                + "; tmux -S " + quote(socket) + " wait-for never-" + done;
        tmux(STEP, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "sh", "-c", script);
        started = true;
        tmux(Cli.LIMIT, "wait-for", done);
        return tmux(STEP, "capture-pane", "-p", "-e", "-J", "-S", "-"); // from the top of the history: long help scrolls
    }

    /**
     * Runs {@code spool ARGS} in a new 120x40 pane as a person would: once the pane has written
     * {@code prompt}, types {@code keys} and Enter, and returns the pane's text once the command has
     * ended. The pane's output is tapped through a FIFO ({@code tmux pipe-pane}) and read as it comes,
     * so the test waits for the prompt's bytes themselves; the command starts only when the tap is in place.
     */
    String runAnswering(String prompt, String keys, String... args) throws IOException {
        Path fifo = dir.resolve("pane-" + UUID.randomUUID() + ".fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        try {
            assertEquals(true, mkfifo.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS) && mkfifo.exitValue() == 0, "mkfifo " + fifo);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
        StringBuilder cmd = new StringBuilder();
        for (String part : Cli.command(args)) {
            cmd.append(quote(part)).append(' ');
        }
        String go = "go-" + done;
        String script = "tmux -S " + quote(socket) + " wait-for " + go + "; " + cmd + "; echo \"[exit $?]\"; tmux -S "
                + quote(socket) + " wait-for -S " + done + "; tmux -S " + quote(socket) + " wait-for never-" + done;
        tmux(STEP, "-u", "-f", "/dev/null", "new-session", "-d", "-s", "answer", "-x", "120", "-y", "40", "sh", "-c", script);
        started = true;
        FutureTask<Boolean> sawPrompt = new FutureTask<>(() -> {
            byte[] want = prompt.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try (InputStream in = new FileInputStream(fifo.toFile())) { // opens once pipe-pane's writer does
                int b;
                while ((b = in.read()) >= 0) {
                    seen.write(b);
                    byte[] now = seen.toByteArray();
                    if (now.length >= want.length
                            && Arrays.equals(now, now.length - want.length, now.length, want, 0, want.length)) {
                        return true;
                    }
                }
            }
            return false;
        });
        Thread reader = new Thread(sawPrompt, "tmux-pane-tap");
        reader.setDaemon(true);
        reader.start();
        tmux(STEP, "pipe-pane", "-t", "answer", "cat > " + quote(fifo.toString()));
        tmux(STEP, "wait-for", "-S", go);
        boolean prompted;
        try {
            prompted = sawPrompt.get(Cli.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no '" + prompt + "' within " + Cli.LIMIT + ": " + tmux(STEP, "capture-pane", "-p", "-t", "answer"), e);
        }
        assertEquals(true, prompted, "the pane ended without '" + prompt + "': " + tmux(STEP, "capture-pane", "-p", "-t", "answer"));
        tmux(STEP, "send-keys", "-t", "answer", "-l", keys);
        tmux(STEP, "send-keys", "-t", "answer", "Enter");
        tmux(Cli.LIMIT, "wait-for", done);
        return tmux(STEP, "capture-pane", "-p", "-e", "-J", "-t", "answer");
    }

    @Override
    public void close() {
        if (started) {
            tmux(STEP, "kill-server");
        }
    }

    private String tmux(Duration limit, String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LANG", "C.UTF-8"); // the progress bar draws with Unicode blocks
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("TMUX");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("tmux " + String.join(" ", args) + " did not finish within " + limit);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "tmux " + String.join(" ", args) + ": " + text);
            return text;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed", e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The text without ANSI escape sequences. */
    static String plain(String screen) {
        return screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    }
}
