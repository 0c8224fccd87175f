package dev.spool.cli;

import dev.spool.PoolStats;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.tls.TlsConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The demo: the question Spool answers, reproduced. N GETs as one-shot calls (a new connection
 * each, like {@code requests.get}) against N GETs through one session (one kept-alive connection),
 * over HTTP and HTTPS against embedded local servers, or against a URL the user gives; then, on the
 * local servers, HTTP/2's form of reuse ({@link Http2Demo}): many requests at once on one connection.
 */
public final class Demo {
    /** How many requests each mode sends by default. */
    public static final int DEFAULT_REQUESTS = 200;
    /** How many of the library's DEBUG lines to show per mode. */
    static final int LOG_LINES = 4;

    private final PrintStream out;
    private final String title;
    private final LogCapture log = new LogCapture();

    /** A demo that prints to {@code out}, titled "Spool demo". */
    public Demo(PrintStream out) {
        this(out, "Spool demo");
    }

    /**
     * A comparison that prints to {@code out} under {@code title}: the command that runs it
     * ({@code spool compare}, {@code spool demo}).
     */
    public Demo(PrintStream out, String title) {
        this.out = out;
        this.title = title;
    }

    /** One measured mode: what was sent and what it cost. */
    record Row(String target, String mode, int requests, long poolConnections, String serverConnections,
               double millis, List<String> firstLogLines, java.util.Map<dev.spool.OpenReason, Long> openReasons) {
        double perSecond() {
            return requests / (millis / 1000.0);
        }
    }

    /**
     * Runs the comparison against local HTTP and HTTPS servers (when {@code url} is null) or against
     * {@code url}, and prints the log lines and the table.
     *
     * @return the measured rows, one-shot then session per target
     */
    public List<Row> run(String url, int requests) throws Exception {
        return run(url, requests, null);
    }

    /**
     * Runs the comparison as {@link #run(String, int)} does, verifying a given URL's HTTPS with
     * {@code tls} (null for the JDK's trust store).
     *
     * @return the measured rows, one-shot then session per target
     */
    public List<Row> run(String url, int requests, TlsConfig tls) throws Exception {
        if (requests < 1) {
            throw new IllegalArgumentException("the number of requests must be at least 1, got " + requests);
        }
        List<Row> rows = new ArrayList<>();
        log.install();
        try {
            if (url != null) {
                out.println(title + ": " + requests + " GETs to " + url + ", one-shot calls vs one session");
                out.println();
                rows.add(oneShot(url, requests, null, tls));
                rows.add(session(url, requests, null, tls));
            } else {
                out.println(title + ": " + requests + " GETs as one-shot calls (like requests.get) vs one Session,");
                out.println("against local servers started for this run (HTTPS with a self-signed certificate made now).");
                out.println();
                try (MockServer http = MockServer.start(); MockServer https = MockServer.startTls()) {
                    byte[] body = new byte[1024];
                    java.util.Arrays.fill(body, (byte) 'x');
                    http.dispatcher(r -> new MockResponse().body(body).header("Content-Type", "text/plain"));
                    https.dispatcher(r -> new MockResponse().body(body).header("Content-Type", "text/plain"));
                    Path pem = Files.createTempFile("spool-demo-ca", ".pem");
                    try {
                        https.certificate().writePem(pem);
                        TlsConfig local = TlsConfig.caBundle(pem);
                        rows.add(oneShot(http.url("/demo"), requests, http, null));
                        rows.add(session(http.url("/demo"), requests, http, null));
                        rows.add(oneShot(https.url("/demo"), requests, https, local));
                        rows.add(session(https.url("/demo"), requests, https, local));
                    } finally {
                        Files.deleteIfExists(pem);
                    }
                }
            }
        } finally {
            log.uninstall();
        }
        print(rows);
        if (url == null) {
            new Http2Demo(out).run(); // HTTP/2's form of reuse: many requests at once on one connection
        }
        return rows;
    }

    private Row oneShot(String url, int n, MockServer server, TlsConfig tls) {
        warmUp(url, tls);
        int before = server == null ? 0 : server.connectionCount();
        log.start();
        long opened = 0;
        java.util.Map<dev.spool.OpenReason, Long> reasons = new java.util.EnumMap<>(dev.spool.OpenReason.class);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Response r = oneShotGet(url, tls)) {
                r.raiseForStatus();
                opened++; // each one-shot call has its own throwaway session and pool: one connection each
                if (r.connection() != null && r.connection().openReason() != null) {
                    reasons.merge(r.connection().openReason(), 1L, Long::sum);
                }
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Row(label(url), "one-shot", n, opened, serverCount(server, before), ms, log.stop(), reasons);
    }

    private Row session(String url, int n, MockServer server, TlsConfig tls) {
        warmUp(url, tls);
        int before = server == null ? 0 : server.connectionCount();
        Session.Builder b = Session.builder();
        if (tls != null) {
            b.tls(tls);
        }
        log.start();
        long t0;
        double ms;
        PoolStats stats;
        try (Session s = b.build()) {
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.get(url).raiseForStatus();
            }
            ms = (System.nanoTime() - t0) / 1e6;
            stats = s.poolStats();
        }
        java.util.Map<dev.spool.OpenReason, Long> reasons = new java.util.EnumMap<>(dev.spool.OpenReason.class);
        for (PoolStats.OriginStats o : stats.origins()) {
            o.openedBy().forEach((k, v) -> reasons.merge(k, v, Long::sum));
        }
        return new Row(label(url), "session", n, stats.connectionsOpened(), serverCount(server, before), ms, log.stop(),
                reasons);
    }

    /** A few calls first, so both modes run on warmed-up code (the JIT would otherwise favour the second). */
    private static void warmUp(String url, TlsConfig tls) {
        Session.Builder b = Session.builder();
        if (tls != null) {
            b.tls(tls);
        }
        try (Session s = b.build()) {
            for (int i = 0; i < 50; i++) {
                s.get(url).bytes();
            }
        }
        for (int i = 0; i < 20; i++) {
            oneShotGet(url, tls).bytes();
        }
    }

    /** A one-shot GET (a throwaway session, like requests.get), with these TLS settings when given. */
    private static Response oneShotGet(String url, TlsConfig tls) {
        return tls == null ? Spool.get(url) : Spool.request("GET", url).tls(tls).send();
    }

    private static String serverCount(MockServer server, int before) {
        return server == null ? "n/a" : Integer.toString(server.connectionCount() - before);
    }

    private static String label(String url) {
        return url.startsWith("https") ? "HTTPS" : "HTTP";
    }

    private void print(List<Row> rows) {
        for (Row r : rows) {
            out.println(r.target() + " " + r.mode() + ", first log lines:");
            for (String line : r.firstLogLines()) {
                out.println("  " + line);
            }
        }
        out.println();
        String fmt = "%-6s %-9s %9s %12s %12s %10s %10s %9s%n";
        out.printf(Locale.ROOT, fmt, "", "mode", "requests", "connections", "server saw", "time ms", "req/s", "speed-up");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row one = rows.get(i);
            Row ses = rows.get(i + 1);
            for (Row r : List.of(one, ses)) {
                String speedup = r == ses ? String.format(Locale.ROOT, "%.1fx", one.millis() / ses.millis()) : "";
                out.printf(Locale.ROOT, fmt, r.target(), r.mode(), r.requests(), r.poolConnections(),
                        r.serverConnections(), String.format(Locale.ROOT, "%.0f", r.millis()),
                        String.format(Locale.ROOT, "%.0f", r.perSecond()), speedup);
            }
        }
        out.println();
        out.println("connections: opened by Spool (the session's poolStats(); one per one-shot call);"
                + " server saw: TCP connections the server accepted.");
        out.println();
        out.println("why connections were opened (ConnectionInfo.openReason(), poolStats()):");
        for (Row r : rows) {
            out.println("  " + reasonHistogram(r));
        }
    }

    /** {@code HTTP session: FIRST 1}: a row's connections counted by why they were opened. */
    static String reasonHistogram(Row r) {
        StringBuilder b = new StringBuilder(r.target() + " " + r.mode() + ":");
        if (r.openReasons().isEmpty()) {
            b.append(" none reported");
        }
        r.openReasons().forEach((reason, n) -> b.append(' ').append(reason).append(' ').append(n));
        return b.toString();
    }

    /** Collects the library's DEBUG lines (System.Logger goes to java.util.logging by default). */
    static final class LogCapture extends Handler {
        private final Logger logger = Logger.getLogger("dev.spool");
        private final List<String> lines = new ArrayList<>();
        /** Which loggers' lines are kept (all by default). */
        java.util.function.Predicate<String> loggers = name -> true;
        private Level previous;
        private boolean capturing;

        void install() {
            previous = logger.getLevel();
            logger.setLevel(Level.FINE);
            setLevel(Level.FINE);
            logger.addHandler(this);
        }

        void uninstall() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }

        void start() {
            synchronized (lines) {
                lines.clear();
                capturing = true;
            }
        }

        List<String> stop() {
            synchronized (lines) {
                capturing = false;
                return new ArrayList<>(lines);
            }
        }

        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                if (capturing && lines.size() < LOG_LINES && loggers.test(record.getLoggerName())) {
                    String msg = record.getMessage();
                    if (record.getParameters() != null) {
                        msg = java.text.MessageFormat.format(msg, record.getParameters());
                    }
                    String level = record.getLevel() == Level.FINE ? "DEBUG" : record.getLevel().getName();
                    lines.add(level + " " + record.getLoggerName() + ": " + msg);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
