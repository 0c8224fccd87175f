package dev.spool.bench;

import dev.spool.Response;
import dev.spool.Spool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What TLS resumption buys a one-shot HTTPS call (issue 15): {@code Spool.get(url)} against servers
 * that allow resumption and servers that refuse it, with Python requests' {@code requests.get(url)}
 * against the same servers, all interleaved round by round in one run so that machine drift hits
 * every figure alike. Run by {@code bench/oneshot-tls.sh}, which starts the nginx servers and sets
 * {@code REQUESTS_CA_BUNDLE} for both clients.
 *
 * <p>Arguments: {@code --rounds N --duration D --warmup D --python PATH --server-pid PID} and then the
 * servers as {@code name=url} pairs. Prints one table: per server, Spool's median one-shot rate, how
 * many of its handshakes resumed, and the CPU each call cost the client (the calling thread's, where
 * the handshake runs; GC and JIT threads not counted) and nginx (master and workers); the same for
 * requests (its process's own CPU over the loop). On a shared machine the rates drift with the
 * neighbours' load; CPU per call drifts much less, so it is the figure to compare across servers.
 */
public final class OneShotTlsMain {
    private static final long MAX_PER_ROUND = 20_000;
    /** Calls each server gets before measuring, however long they take, so that the JIT has compiled the path. */
    private static final long WARMUP_CALLS = 2_000;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private OneShotTlsMain() {
    }

    /** One server's results over the rounds. */
    private static final class Row {
        final String name;
        final String url;
        final List<Double> spool = new ArrayList<>();
        final List<Double> python = new ArrayList<>();
        long calls;
        long resumed;
        long spoolClientCpu;
        long spoolServerCpu;
        long pyCalls;
        long pyClientCpu;
        long pyServerCpu;
        String protocol = "?";

        Row(String name, String url) {
            this.name = name;
            this.url = url;
        }
    }

    /** Runs the comparison and prints its table. */
    public static void main(String[] args) throws Exception {
        int rounds = 5;
        Duration duration = Duration.ofSeconds(2);
        Duration warmup = Duration.ofSeconds(2);
        String python = "python3";
        long serverPid = 0;
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Options.duration(args[++i]);
                case "--warmup" -> warmup = Options.duration(args[++i]);
                case "--python" -> python = args[++i];
                case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
                default -> {
                    String[] kv = args[i].split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException("expected name=url, got " + args[i]);
                    }
                    rows.put(kv[0], new Row(kv[0], kv[1]));
                }
            }
        }
        String noPython = "none".equals(python) ? "left out" : PythonRequestsContestant.unavailable(python);
        List<PythonRequestsContestant> py = new ArrayList<>();
        for (Row r : rows.values()) {
            for (long n = 0; n < WARMUP_CALLS; ) {
                n += Math.round(spool(r, warmup, false) * warmup.toNanos() / 1e9);
            }
            if (noPython == null) {
                PythonRequestsContestant c = new PythonRequestsContestant(python, r.name, r.url, MAX_PER_ROUND, Options.SIZE_1K);
                c.prepare(warmup);
                py.add(c);
            }
        }
        CpuTime cpu = new CpuTime(serverPid);
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + "/" + rounds + ":");
            int k = 0;
            for (Row r : rows.values()) {
                long client0 = THREADS.getCurrentThreadCpuTime();
                long server0 = cpu.server();
                double rate = spool(r, duration, true);
                r.spoolClientCpu += THREADS.getCurrentThreadCpuTime() - client0;
                r.spoolServerCpu += cpu.server() - server0;
                line.append(String.format(Locale.ROOT, " %s spool %.0f", r.name, rate));
                if (noPython == null) {
                    server0 = cpu.server();
                    RoundStats s = py.get(k++).measure(duration);
                    r.pyServerCpu += cpu.server() - server0; // the interpreter's start asks nothing of nginx
                    r.pyClientCpu += s.clientUserNanos() + s.clientSystemNanos(); // the loop's own getrusage
                    r.pyCalls += s.requests();
                    double pyRate = s.requests() * 1e9 / s.elapsedNanos();
                    r.python.add(pyRate);
                    line.append(String.format(Locale.ROOT, " requests %.0f;", pyRate));
                }
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.println("server          TLS      | spool one-shot: req/s  resumed     client CPU/call  nginx CPU/call"
                + " | requests one-shot: req/s  client CPU/call  nginx CPU/call");
        for (Row r : rows.values()) {
            String p = r.python.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f", median(r.python));
            System.out.printf(Locale.ROOT, "%-15s %-8s | %21.0f  %-10s %15s %15s | %24s %16s %15s%n", r.name, r.protocol,
                    median(r.spool), r.resumed + "/" + r.calls, micros(r.spoolClientCpu, r.calls),
                    micros(r.spoolServerCpu, r.calls), p, micros(r.pyClientCpu, r.pyCalls), micros(r.pyServerCpu, r.pyCalls));
        }
        if (noPython != null) {
            System.out.println("(Python requests not run: " + noPython + ")");
        }
    }

    /** One-shot calls for {@code d}; returns calls per second, counting resumed handshakes when {@code record}. */
    private static double spool(Row r, Duration d, boolean record) {
        long end = System.nanoTime() + d.toNanos();
        long start = System.nanoTime();
        long n = 0;
        long resumed = 0;
        do {
            try (Response resp = Spool.get(r.url)) {
                if (resp.status() != 200 || resp.bytes().length != Options.SIZE_1K) {
                    throw new IllegalStateException("spool got HTTP " + resp.status() + " from " + r.url);
                }
                if (resp.connection().tlsResumed()) {
                    resumed++;
                }
                r.protocol = resp.connection().tlsVersion();
            }
            n++;
        } while (System.nanoTime() - end < 0 && n < MAX_PER_ROUND);
        double rate = n * 1e9 / (System.nanoTime() - start);
        if (record) {
            r.spool.add(rate);
            r.calls += n;
            r.resumed += resumed;
        }
        return rate;
    }

    private static String micros(long nanos, long calls) {
        return calls == 0 || nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f µs", nanos / 1e3 / calls);
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
