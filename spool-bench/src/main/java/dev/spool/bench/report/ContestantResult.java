package dev.spool.bench.report;

import dev.spool.bench.Role;
import dev.spool.bench.RoundStats;
import dev.spool.bench.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What became of one contestant in one workload: its rounds, or the one line saying why it could
 * not run (the table shows that line instead of figures; the other contestants go on).
 */
public final class ContestantResult {
    private final String name;
    private final Role role;
    private final List<RoundStats> rounds = new ArrayList<>();
    private String failure;

    /** A contestant about to run. */
    public ContestantResult(String name, Role role) {
        this.name = name;
        this.role = role;
    }

    /** The name in the table. */
    public String name() {
        return name;
    }

    /** Which ratios it enters. */
    public Role role() {
        return role;
    }

    /** Records a measured round. */
    public void add(RoundStats stats) {
        rounds.add(stats);
    }

    /** Marks the contestant failed; figures from earlier rounds are kept in the JSON but not shown. */
    public void fail(String phase, String message) {
        failure = "failed in " + phase + ": " + message;
    }

    /** Whether it ran every round it was asked to. */
    public boolean ok() {
        return failure == null && !rounds.isEmpty();
    }

    /** Why it did not run, or null. */
    public String failure() {
        return failure;
    }

    /** The measured rounds. */
    public List<RoundStats> rounds() {
        return List.copyOf(rounds);
    }

    /** The headline rate in the workload's unit (median over rounds), or NaN when it did not run. */
    public double rate(Workload.Unit unit) {
        if (!ok()) {
            return Double.NaN;
        }
        Summary s = summary();
        return unit == Workload.Unit.MIB ? s.mibPerSecond() : s.requestsPerSecond();
    }

    /** Median allocation per request, or NaN when not measured or not run. */
    public double allocation() {
        if (!ok()) {
            return Double.NaN;
        }
        Double a = summary().allocatedPerRequest();
        return a == null ? Double.NaN : a;
    }

    /** The medians over rounds; only meaningful when {@link #ok()}. */
    public Summary summary() {
        double rps = median(RoundStats::requestsPerSecond);
        double mib = median(RoundStats::mibPerSecond);
        double alloc = median(RoundStats::allocatedPerRequest);
        double p50 = median(r -> r.p50Nanos() < 0 ? Double.NaN : r.p50Nanos() / 1e3);
        double p99 = median(r -> r.p99Nanos() < 0 ? Double.NaN : r.p99Nanos() / 1e3);
        Map<String, Long> extra = new TreeMap<>();
        for (RoundStats r : rounds) {
            r.extra().forEach((k, v) -> extra.merge(k, v, Math::max));
        }
        double user = median(RoundStats::clientUserMicrosPerRequest);
        double system = median(RoundStats::clientSystemMicrosPerRequest);
        double server = median(RoundStats::serverCpuMicrosPerRequest);
        return new Summary(rps, mib, nullIfNaN(alloc), nullIfNaN(p50), nullIfNaN(p99), extra,
                nullIfNaN(user), nullIfNaN(system), nullIfNaN(server));
    }

    /**
     * Median client CPU per request (user and system of each round summed), in microseconds, or NaN
     * when not measured or not run.
     */
    public double clientCpu() {
        return ok() ? median(RoundStats::clientCpuMicrosPerRequest) : Double.NaN;
    }

    /** The lowest and highest round in the workload's unit. */
    public double[] spread(Workload.Unit unit) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RoundStats r : rounds) {
            double v = unit == Workload.Unit.MIB ? r.mibPerSecond() : r.requestsPerSecond();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max};
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private double median(ToDoubleFunction<RoundStats> f) {
        double[] v = rounds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
