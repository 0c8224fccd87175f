package dev.spool.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk} against the same URL, as the limit beside the clients: what this nginx on this machine
 * serves to a C load generator with the same number of connections. Runs in the rounds like the
 * clients, so machine drift hits it alike.
 */
final class WrkContestant implements Contestant {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final String wrk;
    private final int connections;
    private final String url;
    private final long bodyBytes;

    /**
     * @param wrk the wrk executable
     * @param connections {@code -c}; one wrk thread ({@code -t1}) drives them all, as in the issue
     */
    WrkContestant(String wrk, int connections, String url, long bodyBytes) {
        this.wrk = wrk;
        this.connections = connections;
        this.url = url;
        this.bodyBytes = bodyBytes;
    }

    @Override
    public String name() {
        return "wrk -c" + connections;
    }

    @Override
    public Role role() {
        return Role.LIMIT;
    }

    @Override
    public void prepare(Duration warmup) throws Exception {
        // One short run proves wrk is there and its output parses; the server is warm already.
        measure(Duration.ofSeconds(1));
    }

    @Override
    public RoundStats measure(Duration duration) throws Exception {
        // wrk takes whole seconds; a shorter round (--quick) runs for one second.
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        List<String> cmd = new ArrayList<>(List.of(wrk, "-t1", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "--latency", url));
        Processes.Result r = Processes.run(cmd, Duration.ofSeconds(seconds + 30));
        return parse(r);
    }

    private RoundStats parse(Processes.Result r) throws IOException {
        String out = r.output();
        Matcher m = REQUESTS.matcher(out);
        if (r.exitCode() != 0 || !m.find()) {
            throw new IOException("wrk failed (exit " + r.exitCode() + "): " + out.strip());
        }
        long requests = Long.parseLong(m.group(1));
        long elapsed = nanos(m.group(2), m.group(3));
        Matcher bad = NON_2XX.matcher(out);
        if (bad.find()) {
            throw new IOException("wrk got " + bad.group(1) + " non-2xx responses from " + url);
        }
        Matcher errors = SOCKET_ERRORS.matcher(out);
        if (errors.find()) {
            throw new IOException("wrk reported socket errors: " + errors.group());
        }
        long p50 = -1;
        long p99 = -1;
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            long v = nanos(p.group(2), p.group(3));
            if (p.group(1).equals("50")) {
                p50 = v;
            } else {
                p99 = v;
            }
        }
        return new RoundStats(requests, requests * bodyBytes, elapsed, -1, p50, p99, Map.of());
    }

    private static long nanos(String value, String unit) {
        double v = Double.parseDouble(value);
        switch (unit) {
            case "us":
                return Math.round(v * 1e3);
            case "ms":
                return Math.round(v * 1e6);
            case "s":
                return Math.round(v * 1e9);
            case "m":
                return Math.round(v * 60e9);
            default:
                return Math.round(v * 3600e9);
        }
    }

    @Override
    public void close() {
        // Each round's wrk process has exited by the time measure() returns.
    }
}
