package dev.spool.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code curl -o /dev/null} fetching the big body, repeated for the round's duration: the limit for
 * the streaming workload. Each transfer's own {@code time_total} is summed, so curl's process start
 * is not counted against it.
 */
final class CurlContestant implements Contestant {
    /** No round runs more transfers than this, however fast they are. */
    private static final int MAX_TRANSFERS = 1_000;

    private final String curl;
    private final String url;
    private final long bodyBytes;

    CurlContestant(String curl, String url, long bodyBytes) {
        this.curl = curl;
        this.url = url;
        this.bodyBytes = bodyBytes;
    }

    @Override
    public String name() {
        return "curl";
    }

    @Override
    public Role role() {
        return Role.LIMIT;
    }

    @Override
    public void prepare(Duration warmup) throws Exception {
        transfer(); // proves curl is there and the URL answers with the whole body
    }

    @Override
    public RoundStats measure(Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        long[] times = new long[MAX_TRANSFERS];
        int n = 0;
        long bytes = 0;
        long elapsed = 0;
        do {
            double[] t = transfer();
            bytes += (long) t[0];
            // speed_download is bytes over the transfer time, so size / speed gives that time back
            // at curl's own resolution.
            times[n] = Math.round(t[0] / t[1] * 1e9);
            elapsed += times[n];
            n++;
        } while (System.nanoTime() - deadline < 0 && n < MAX_TRANSFERS);
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return new RoundStats(n, bytes, elapsed, -1, percentile(sorted, 50), percentile(sorted, 99), Map.of());
    }

    /** Runs one transfer; returns {size_download, speed_download}. */
    private double[] transfer() throws IOException, InterruptedException {
        Processes.Result r = Processes.run(List.of(curl, "-s", "-o", "/dev/null", "-w",
                "%{http_code} %{size_download} %{speed_download}", url), Duration.ofSeconds(120));
        String[] f = r.output().trim().split("\\s+");
        if (r.exitCode() != 0 || f.length != 3 || !f[0].equals("200")) {
            throw new IOException("curl failed (exit " + r.exitCode() + "): " + r.output().strip());
        }
        double size = Double.parseDouble(f[1]);
        double speed = Double.parseDouble(f[2]);
        if ((long) size != bodyBytes || speed <= 0) {
            throw new IOException("curl read " + f[1] + " bytes at " + f[2] + " B/s, expected " + bodyBytes + " bytes");
        }
        return new double[] {size, speed};
    }

    private static long percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Override
    public void close() {
        // Every transfer's process has exited by the time measure() returns.
    }
}
