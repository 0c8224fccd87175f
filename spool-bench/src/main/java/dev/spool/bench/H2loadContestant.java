package dev.spool.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code h2load} (nghttp2) against the same HTTPS URL, as the limit beside the clients of the HTTP/2
 * workloads, as wrk is for HTTP/1.1: what this nginx on this machine serves to a C load generator
 * keeping the same number of streams open. One h2load thread; as few connections as the server's
 * stream limit allows. Runs in the rounds like the clients, so machine drift hits it alike.
 */
final class H2loadContestant implements Contestant {
    private static final Pattern FINISHED = Pattern.compile("finished in ([\\d.]+)(us|ms|s)");
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: \\d+ total, \\d+ started, \\d+ done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
    private static final Pattern PROTOCOL = Pattern.compile("Application protocol: (\\S+)");

    private final String h2load;
    private final int connections;
    private final int streamsPerConnection;
    private final String url;
    private final long bodyBytes;

    /**
     * @param streams requests in flight in all
     * @param serverStreamLimit the server's SETTINGS_MAX_CONCURRENT_STREAMS: more streams than that
     *     are spread over more connections, as a client's pool would
     */
    H2loadContestant(String h2load, int streams, int serverStreamLimit, String url, long bodyBytes) {
        this.h2load = h2load;
        this.connections = (streams + serverStreamLimit - 1) / serverStreamLimit;
        this.streamsPerConnection = streams / connections;
        this.url = url;
        this.bodyBytes = bodyBytes;
    }

    @Override
    public String name() {
        return "h2load -c" + connections + " -m" + streamsPerConnection;
    }

    @Override
    public Role role() {
        return Role.LIMIT;
    }

    @Override
    public void prepare(Duration warmup) throws Exception {
        // One short run proves h2load is there, speaks h2 and its output parses.
        measure(Duration.ofSeconds(1));
    }

    @Override
    public RoundStats measure(Duration duration) throws Exception {
        // h2load's -D takes whole seconds; a shorter round (--quick) runs for one second.
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        List<String> cmd = List.of(h2load, "-t1", "-c" + connections, "-m" + streamsPerConnection,
                "-D", Long.toString(seconds), "-H", "Accept-Encoding: gzip, deflate", url);
        return parse(Processes.run(cmd, Duration.ofSeconds(seconds + 30)));
    }

    private RoundStats parse(Processes.Result r) throws IOException {
        String out = r.output();
        Matcher finished = FINISHED.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (r.exitCode() != 0 || !finished.find() || !requests.find()) {
            throw new IOException("h2load failed (exit " + r.exitCode() + "): " + out.strip());
        }
        Matcher protocol = PROTOCOL.matcher(out);
        if (!protocol.find() || !protocol.group(1).equals("h2")) {
            throw new IOException("h2load did not negotiate h2 with " + url + ": " + out.strip());
        }
        long ok = Long.parseLong(requests.group(1));
        long bad = Long.parseLong(requests.group(2)) + Long.parseLong(requests.group(3)) + Long.parseLong(requests.group(4));
        if (bad > 0) {
            throw new IOException("h2load had " + bad + " failed, errored or timed-out requests: " + requests.group());
        }
        Matcher status = STATUS.matcher(out);
        if (status.find() && Long.parseLong(status.group(1)) != ok) {
            throw new IOException("h2load got answers other than 2xx from " + url + ": " + status.group());
        }
        if (ok == 0) {
            throw new IOException("h2load completed no request: " + out.strip());
        }
        double v = Double.parseDouble(finished.group(1));
        long elapsed = Math.round(v * (finished.group(2).equals("s") ? 1e9 : finished.group(2).equals("ms") ? 1e6 : 1e3));
        // h2load reports no latency percentiles, only min, max, mean and deviation.
        return new RoundStats(ok, ok * bodyBytes, elapsed, -1, -1, -1, Map.of());
    }

    @Override
    public void close() {
        // Each round's h2load process has exited by the time measure() returns.
    }
}
