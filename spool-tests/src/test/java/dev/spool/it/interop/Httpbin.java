package dev.spool.it.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real httpbin (Debian's {@code python3-httpbin}) served by gunicorn on 127.0.0.1 for the interop
 * tests. Gunicorn's default sync worker closes the connection after every response, so it runs the
 * threaded worker with keep-alive, which keeps connections open as a production deployment does
 * (and reads chunked request bodies).
 */
public final class Httpbin implements AutoCloseable {
    /** Where gunicorn is looked for, after the {@code spool.interop.gunicorn} system property. */
    static final List<String> GUNICORN = List.of("/usr/bin/gunicorn", "gunicorn");
    /** How long gunicorn may take to import Flask and httpbin and answer. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** gunicorn's keep-alive: how long it keeps an idle connection (its default is 2 s). */
    static final int KEEP_ALIVE_SECONDS = 30;

    private final ExternalServer server;

    private Httpbin(ExternalServer server) {
        this.server = server;
    }

    /** What is missing to run httpbin here ("" for nothing), worked out once: the check imports Flask. */
    private static volatile String missing;

    /** What is missing to run httpbin here, or null when nothing is. */
    static String missing() {
        String m = missing;
        if (m == null) {
            m = findMissing();
            missing = m == null ? "" : m;
        }
        return m == null || m.isEmpty() ? null : m;
    }

    private static String findMissing() {
        Path gunicorn = Interop.executable("spool.interop.gunicorn", GUNICORN);
        if (gunicorn == null) {
            return "gunicorn (Debian package gunicorn)";
        }
        String python = Interop.interpreter(gunicorn);
        if (python == null) {
            python = "python3";
        }
        if (!Interop.succeeds(List.of(python, "-c", "import httpbin"))) {
            return "the httpbin Python module for " + python + " (Debian package python3-httpbin)";
        }
        return null;
    }

    /** Starts gunicorn with httpbin on a free loopback port; a port lost to a race is retried. */
    static Httpbin start() throws IOException {
        Path gunicorn = Interop.executable("spool.interop.gunicorn", GUNICORN);
        Path dir = Interop.workDir("httpbin");
        for (int attempt = 1; ; attempt++) {
            int port = ExternalServer.freePort();
            List<String> command = List.of(gunicorn.toString(),
                    "--bind", "127.0.0.1:" + port,
                    "--worker-class", "gthread", "--workers", "1", "--threads", "4",
                    "--keep-alive", Integer.toString(KEEP_ALIVE_SECONDS),
                    "--graceful-timeout", "2",
                    "--access-logfile", "-",
                    "httpbin:app");
            try {
                return new Httpbin(ExternalServer.start("httpbin", command, dir, port, "/get", START_TIMEOUT));
            } catch (ExternalServer.StartFailure e) {
                if (!e.portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL of a path on this httpbin. */
    public String url(String path) {
        return origin() + path;
    }

    /** Gunicorn's output, for failure messages. */
    public String logTail() {
        return server.logTail();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "httpbin at " + origin() + " (log " + server.log() + ")";
    }
}
