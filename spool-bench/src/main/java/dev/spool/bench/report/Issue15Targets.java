package dev.spool.bench.report;

import dev.spool.bench.RoundStats;
import dev.spool.bench.Workload;
import dev.spool.bench.clients.ClientKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The 2-core criteria of issue 15 as ratios of one run: client CPU per request at 16 threads against
 * Apache HttpClient's, and the 100 MiB stream against the best peer and curl. Each ratio is the one of
 * the medians, with the spread of the ratios of the rounds: rounds are interleaved, so round i of two
 * contestants ran under the same neighbours, and the spread says how far one run's verdict can be trusted.
 * Rows "for scale" put the plain-socket floor against the same peer: no target, the reach of any client.
 */
final class Issue15Targets {
    private Issue15Targets() {
    }

    /** The table: target, needed, measured, the per-round ratios' range, met. */
    static Table table(RunReport report) {
        Table t = new Table("target", "needed", "measured", "rounds min-max", "met");
        WorkloadResult c16 = report.workload("c16");
        if (c16 != null) {
            ContestantResult spool = c16.get(ClientKind.SPOOL.id());
            ContestantResult apache = c16.get(ClientKind.APACHE.id());
            row(t, report.threads() + " threads: client CPU/request vs Apache", false, 0.7, spool, apache,
                    ContestantResult::clientCpu, RoundStats::clientCpuMicrosPerRequest,
                    apache == null ? "Apache not selected" : null);
            ContestantResult floor = c16.floor();
            if (floor != null && apache != null) {
                scale(t, "for scale: the plain-socket floor's CPU/request vs Apache", floor, apache,
                        ContestantResult::clientCpu, RoundStats::clientCpuMicrosPerRequest);
            }
        }
        WorkloadResult stream = report.workload("stream");
        if (stream != null) {
            ContestantResult spool = stream.get(ClientKind.SPOOL.id());
            ContestantResult best = stream.bestPeer();
            ContestantResult curl = stream.limit();
            row(t, "100 MiB streamed vs best peer" + (best == null ? "" : " (" + title(best.name()) + ")"), true, 1.15,
                    spool, best, c -> c.rate(Workload.Unit.MIB), RoundStats::mibPerSecond,
                    best == null ? "no peer ran" : null);
            row(t, "100 MiB streamed vs curl", true, 1.0, spool, curl, c -> c.rate(Workload.Unit.MIB),
                    RoundStats::mibPerSecond, curl == null ? "curl did not run" : null);
            ContestantResult floor = stream.floor();
            if (floor != null && best != null) {
                scale(t, "for scale: the plain-socket floor's 100 MiB vs the best peer", floor, best,
                        c -> c.rate(Workload.Unit.MIB), RoundStats::mibPerSecond);
            }
        }
        return t;
    }

    /**
     * A row that is no target: how the floor (what any blocking Java client at best reaches) compares
     * with the same peer, so a reader sees how much of a target a client can reach at all.
     */
    private static void scale(Table t, String what, ContestantResult floor, ContestantResult other,
                              ToDoubleFunction<ContestantResult> figure, ToDoubleFunction<RoundStats> roundFigure) {
        double ratio = figure.applyAsDouble(floor) / figure.applyAsDouble(other);
        double[] range = roundRatios(floor.rounds(), other.rounds(), roundFigure);
        t.row(what, "", Double.isNaN(ratio) ? "n/a" : Format.ratio(ratio),
                range == null ? "" : Format.ratio(range[0]) + " - " + Format.ratio(range[1]), "");
    }

    private static String title(String id) {
        for (ClientKind k : ClientKind.values()) {
            if (k.id().equals(id)) {
                return k.title();
            }
        }
        return id;
    }

    private static void row(Table t, String what, boolean atLeast, double bound, ContestantResult spool,
                            ContestantResult other, ToDoubleFunction<ContestantResult> figure,
                            ToDoubleFunction<RoundStats> roundFigure, String missing) {
        String needed = (atLeast ? ">= " : "<= ") + Format.ratio(bound);
        String why = spool == null ? "Spool not selected" : !spool.ok() ? "Spool did not run" : missing;
        if (why == null && !other.ok()) {
            why = other.name() + " did not run";
        }
        double ratio = why == null ? figure.applyAsDouble(spool) / figure.applyAsDouble(other) : Double.NaN;
        if (why == null && Double.isNaN(ratio)) {
            why = "not measured";
        }
        if (why != null) {
            t.row(what, needed, "n/a (" + why + ")", "", "n/a");
            return;
        }
        double[] range = roundRatios(spool.rounds(), other.rounds(), roundFigure);
        String spread = range == null ? "" : Format.ratio(range[0]) + " - " + Format.ratio(range[1]);
        boolean met = atLeast ? ratio >= bound : ratio <= bound;
        t.row(what, needed, Format.ratio(ratio), spread, met ? "yes" : "no");
    }

    /** The lowest and highest ratio of round i to round i, or null when no round pair has both figures. */
    private static double[] roundRatios(List<RoundStats> a, List<RoundStats> b, ToDoubleFunction<RoundStats> f) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            double r = f.applyAsDouble(a.get(i)) / f.applyAsDouble(b.get(i));
            if (!Double.isNaN(r) && !Double.isInfinite(r)) {
                ratios.add(r);
            }
        }
        if (ratios.isEmpty()) {
            return null;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double r : ratios) {
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return new double[] {min, max};
    }
}
