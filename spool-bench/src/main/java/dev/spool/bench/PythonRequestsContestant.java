package dev.spool.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Python's requests beside Spool in the seed comparison: {@code requests.get(url)} per call, the
 * one-shot form whose throwaway session opens a new connection each time, looped in one {@code python3}
 * process for the round's duration. Over HTTPS it trusts what {@code REQUESTS_CA_BUNDLE} names, as
 * Spool's unconfigured one-shot calls do (bench/run.sh sets it for the harness, whose children inherit
 * it). The interpreter's start is not counted: the loop times itself.
 */
final class PythonRequestsContestant implements Contestant {
    /** The loop: prints {@code requests bytes elapsed_ns p50_ns p99_ns user_cpu_ns system_cpu_ns}. */
    private static final String SCRIPT = String.join("\n",
            "import resource, sys, time, requests",
            "url, seconds, cap, size = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])",
            "times, total = [], 0",
            "cpu = resource.getrusage(resource.RUSAGE_SELF)",
            "start = time.perf_counter_ns()",
            "deadline = start + int(seconds * 1e9)",
            "while True:",
            "    t0 = time.perf_counter_ns()",
            "    r = requests.get(url)",
            "    if r.status_code != 200 or len(r.content) != size:",
            "        sys.exit('requests got HTTP %d with %d bytes from %s' % (r.status_code, len(r.content), url))",
            "    total += len(r.content)",
            "    t1 = time.perf_counter_ns()",
            "    times.append(t1 - t0)",
            "    if t1 >= deadline or len(times) >= cap:",
            "        break",
            "elapsed = time.perf_counter_ns() - start",
            "cpu2 = resource.getrusage(resource.RUSAGE_SELF)",
            "times.sort()",
            "pick = lambda q: times[max(0, min(len(times) - 1, -(-len(times) * q // 100) - 1))]",
            "print(len(times), total, elapsed, pick(50), pick(99),",
            "      int((cpu2.ru_utime - cpu.ru_utime) * 1e9), int((cpu2.ru_stime - cpu.ru_stime) * 1e9))");

    private final String python;
    private final String name;
    private final String url;
    private final long maxRequests;
    private final long bodyBytes;

    PythonRequestsContestant(String python, String mode, String url, long maxRequests, long bodyBytes) {
        this.python = python;
        this.name = "python requests " + mode;
        this.url = url;
        this.maxRequests = maxRequests;
        this.bodyBytes = bodyBytes;
    }

    /** Whether {@code python} runs and imports requests; null when it does, else why not. */
    static String unavailable(String python) {
        try {
            Processes.Result r = Processes.run(List.of(python, "-c", "import requests"), Duration.ofSeconds(30));
            return r.exitCode() == 0 ? null : python + " cannot import requests: " + r.output().strip();
        } catch (IOException e) {
            return python + " cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Role role() {
        return Role.PEER;
    }

    @Override
    public void prepare(Duration warmup) throws Exception {
        loop(warmup); // proves the interpreter, requests and the URL; warms the server alike
    }

    @Override
    public RoundStats measure(Duration duration) throws Exception {
        return loop(duration);
    }

    private RoundStats loop(Duration duration) throws IOException, InterruptedException {
        Processes.Result r = Processes.run(List.of(python, "-c", SCRIPT, url, Double.toString(duration.toMillis() / 1000.0),
                Long.toString(maxRequests), Long.toString(bodyBytes)), duration.plusSeconds(60));
        String[] f = r.output().trim().split("\\s+");
        if (r.exitCode() != 0 || f.length != 7) {
            throw new IOException("python requests failed (exit " + r.exitCode() + "): " + r.output().strip());
        }
        // The loop's own CPU (getrusage), without the interpreter's start; the harness may replace it
        // with what it measures around the whole process.
        return new RoundStats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), -1,
                Long.parseLong(f[3]), Long.parseLong(f[4]), Map.of())
                .withCpu(Long.parseLong(f[5]), Long.parseLong(f[6]), -1);
    }

    @Override
    public void close() {
        // Each round's process has exited by the time measure() returns.
    }
}
