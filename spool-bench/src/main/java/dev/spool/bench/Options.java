package dev.spool.bench;

import dev.spool.bench.clients.ClientKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The harness's command line, with the defaults of a full run and the presets of {@code --quick}. */
final class Options {
    /** Body files nginx serves, named by their size; bench/run.sh generates them. */
    static final String PATH_1K = "/1k.bin";
    static final String PATH_1M = "/1m.bin";
    static final String PATH_100M = "/100m.bin";
    static final long SIZE_1K = 1024;
    static final long SIZE_1M = 1024 * 1024;
    static final long SIZE_100M = 100L * 1024 * 1024;

    String http;
    String https;
    /** HTTPS base URL of the same server's HTTP/2 listener (the h2 workloads). */
    String h2;
    Path ca;
    String originsHost = "127.0.0.1";
    int originsBasePort;
    int origins = 1000;
    List<ClientKind> clients = List.of(ClientKind.values());
    List<Workload> workloads = Workload.defaults();
    int rounds = 5;
    Duration duration = Duration.ofSeconds(3);
    Duration warmup = Duration.ofSeconds(5);
    int threads = 16;
    int poolSize = 16;
    /** Requests per round at most for the one-thread 1 KiB loops; far above what a round reaches. */
    long maxRequests = 5_000_000;
    /** Requests per round at most in the seed comparison, whose one-shot mode opens a connection each. */
    long seedMaxRequests = 5_000;
    Duration timeout = Duration.ofSeconds(30);
    boolean quick;
    String wrk;
    String h2load;
    String curl;
    String nginx;
    /** The Python interpreter whose requests joins the seed comparison ("none" leaves it out). */
    String python = "python3";
    Path out = Path.of("bench/results");
    Path docs;
    /** The server's main process (nginx's master), whose CPU per request the report shows; 0 when not given. */
    long serverPid;
    boolean probeOnly;

    static final String USAGE = String.join("\n",
            "usage: BenchMain --http http://127.0.0.1:PORT [options]   (bench/run.sh passes these)",
            "  --https URL          HTTPS base URL of the same server",
            "  --h2 URL             HTTPS base URL of the same server's HTTP/2 listener (h2c16, h2c256)",
            "  --ca FILE            PEM certificate the clients trust for --https",
            "  --origins-port N     first of the consecutive ports serving the origins workload",
            "  --origins N          how many origins (default 1000)",
            "  --clients LIST       spool,okhttp,apache,jdk,jetty (default all, in that order)",
            "  --workloads LIST     seq,c16,stream,https,seed,origins (default); also seq1m, h2c16, h2c256",
            "  --rounds N           measured rounds per contestant (default 5)",
            "  --duration D         one measured round, e.g. 3s or 500ms (default 3s)",
            "  --warmup D           warm-up per contestant and workload (default 5s)",
            "  --threads N          threads of the concurrent workload (default 16)",
            "  --quick              2 rounds of 500 ms after a 500 ms warm-up: a smoke test",
            "  --wrk PATH --curl PATH --h2load PATH --nginx PATH   tools for the limits and the version list",
            "  --python PATH        python3 with requests for the seed comparison (default python3; none to skip)",
            "  --out DIR            where results.json and chart.png go (default bench/results)",
            "  --docs FILE          the markdown summary to regenerate (e.g. docs/benchmarks.md)",
            "  --server-pid PID     nginx's master process, to report server CPU per request",
            "  --probe-headers      only print the request head each client sends, then exit");

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> a = new ArrayList<>(Arrays.asList(args));
        // --quick sets presets first, so explicit options given with it still win.
        if (a.contains("--quick")) {
            o.quick = true;
            o.rounds = 2;
            o.duration = Duration.ofMillis(500);
            o.warmup = Duration.ofMillis(500);
            o.seedMaxRequests = 500;
        }
        for (int i = 0; i < a.size(); i++) {
            String k = a.get(i);
            switch (k) {
                case "--quick":
                    break;
                case "--probe-headers":
                    o.probeOnly = true;
                    break;
                case "-h":
                case "--help":
                    throw new IllegalArgumentException("");
                default:
                    if (i + 1 >= a.size()) {
                        throw new IllegalArgumentException("missing value after " + k);
                    }
                    o.set(k, a.get(++i));
            }
        }
        if (o.http == null) {
            throw new IllegalArgumentException("--http is required");
        }
        if (o.rounds < 1 || o.threads < 1 || o.poolSize < 1 || o.origins < 1) {
            throw new IllegalArgumentException("--rounds, --threads and --origins must be at least 1");
        }
        return o;
    }

    private void set(String key, String v) {
        switch (key) {
            case "--http":
                http = stripSlash(v);
                break;
            case "--https":
                https = stripSlash(v);
                break;
            case "--h2":
                h2 = stripSlash(v);
                break;
            case "--ca":
                ca = Path.of(v);
                break;
            case "--python":
                python = v;
                break;
            case "--origins-host":
                originsHost = v;
                break;
            case "--origins-port":
                originsBasePort = Integer.parseInt(v);
                break;
            case "--origins":
                origins = Integer.parseInt(v);
                break;
            case "--clients":
                clients = ClientKind.parseList(v);
                break;
            case "--workloads":
                workloads = Workload.parseList(v);
                break;
            case "--rounds":
                rounds = Integer.parseInt(v);
                break;
            case "--duration":
                duration = duration(v);
                break;
            case "--warmup":
                warmup = duration(v);
                break;
            case "--threads":
                threads = Integer.parseInt(v);
                poolSize = Math.max(16, threads);
                break;
            case "--wrk":
                wrk = v;
                break;
            case "--h2load":
                h2load = v;
                break;
            case "--curl":
                curl = v;
                break;
            case "--nginx":
                nginx = v;
                break;
            case "--out":
                out = Path.of(v);
                break;
            case "--docs":
                docs = Path.of(v);
                break;
            case "--server-pid":
                serverPid = Long.parseLong(v);
                break;
            default:
                throw new IllegalArgumentException("unknown option " + key);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Parses {@code 3s}, {@code 500ms}, {@code 1m} or a bare number of seconds. */
    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        }
        if (s.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }

    /** "full" or "quick", for the report. */
    String mode() {
        return quick ? "quick" : "full";
    }
}
