package dev.spool.bench.report;

import dev.spool.bench.Role;
import dev.spool.bench.Workload;
import dev.spool.bench.clients.ClientKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the report's tables from a {@link RunReport}: the summary in the shape, the targets
 * as ratios, and one detail table per workload. Terminal and markdown render the same tables.
 */
final class Tables {
    /** The targets: workload, figure, comparison, bound. */
    private record Target(String workload, String what, boolean allocation, boolean againstLimit, double bound) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("seq", "sequential vs best peer", false, false, 1.15),
            new Target("seq", "sequential vs wrk -c1", false, true, 0.9),
            new Target("c16", "16 threads vs best peer", false, false, 1.15),
            new Target("seq", "allocation vs lowest peer (sequential)", true, false, 0.5),
            new Target("https", "HTTPS sequential vs best peer", false, false, 1.1),
            new Target("stream", "100 MiB streamed vs best peer", false, false, 1.0),
            new Target("stream", "100 MiB streamed vs curl", false, true, 0.9));

    private final RunReport report;

    Tables(RunReport report) {
        this.report = report;
    }

    /** The client's display name with its version, e.g. {@code OkHttp 5.5.1}. */
    String title(String contestant) {
        for (ClientKind k : ClientKind.values()) {
            if (k.id().equals(contestant)) {
                String v = report.versions().get(k.id());
                return v == null ? k.title() : k.title() + " " + v;
            }
        }
        return contestant;
    }

    /** One row per rate workload, one column per client, then the limit: the table. */
    Table summary() {
        List<String> clients = clientNames();
        List<String> header = new ArrayList<>();
        header.add("workload");
        for (String c : clients) {
            header.add(title(c));
        }
        header.add("limit");
        Table t = new Table(header.toArray(new String[0]));
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("seq", "sequential 1 KiB, req/s");
        rows.put("c16", report.threads() + " threads 1 KiB, req/s");
        rows.put("alloc", "allocation, bytes/request (sequential)");
        rows.put("https", "HTTPS sequential 1 KiB, req/s");
        rows.put("stream", "100 MiB streamed, MiB/s");
        rows.put("seq1m", "sequential 1 MiB, MiB/s");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            boolean alloc = e.getKey().equals("alloc");
            WorkloadResult w = report.workload(alloc ? "seq" : e.getKey());
            if (w == null) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            cells.add(e.getValue());
            for (String c : clients) {
                ContestantResult r = w.get(c);
                if (r == null) {
                    cells.add("-");
                } else if (!r.ok()) {
                    cells.add("failed");
                } else {
                    cells.add(Format.number(alloc ? r.allocation() : r.rate(w.workload().unit())));
                }
            }
            ContestantResult limit = w.limit();
            if (alloc) {
                cells.add("the 1 KiB body: 1,024");
            } else {
                cells.add(limit == null ? "-" : limit.name() + ": " + Format.number(limit.rate(w.workload().unit())));
            }
            t.row(cells.toArray(new String[0]));
        }
        return t;
    }

    /** The targets as ratios of this run, with whether each is met. */
    Table targets() {
        Table t = new Table("target", "needed", "measured", "met");
        for (Target g : TARGETS) {
            WorkloadResult w = report.workload(g.workload());
            if (w == null) {
                continue;
            }
            ContestantResult spool = w.get(ClientKind.SPOOL.id());
            double ratio = Double.NaN;
            String why = null;
            if (spool == null) {
                why = "Spool not selected";
            } else if (!spool.ok()) {
                why = "Spool did not run";
            } else if (g.allocation()) {
                ContestantResult lean = w.leanestPeer();
                ratio = lean == null ? Double.NaN : spool.allocation() / lean.allocation();
                why = lean == null ? "no peer ran" : null;
            } else {
                ContestantResult other = g.againstLimit() ? w.limit() : w.bestPeer();
                ratio = other == null ? Double.NaN
                        : spool.rate(w.workload().unit()) / other.rate(w.workload().unit());
                why = other == null ? (g.againstLimit() ? "no limit ran" : "no peer ran") : null;
            }
            String needed = (g.allocation() ? "<= " : ">= ") + Format.ratio(g.bound());
            String met = why != null ? "n/a" : (g.allocation() ? ratio <= g.bound() : ratio >= g.bound()) ? "yes" : "no";
            t.row(g.what(), needed, why != null ? "n/a (" + why + ")" : Format.ratio(ratio), met);
        }
        return t;
    }

    /** Every contestant of a rate workload with its figures and ratios. */
    Table detail(WorkloadResult w) {
        Workload.Unit unit = w.workload().unit();
        Table t = new Table("client", unit.label(), "vs best peer", "vs limit", "bytes/req", "p50", "p99",
                "client user/req", "client sys/req", "client CPU/req", "nginx CPU/req", "rounds min-max");
        ContestantResult best = w.bestPeer();
        ContestantResult limit = w.limit();
        for (ContestantResult r : w.contestants()) {
            String name = r.role() == Role.LIMIT || r.role() == Role.FLOOR ? r.name() : title(r.name());
            if (!r.ok()) {
                t.row(name, r.failure());
                continue;
            }
            Summary s = r.summary();
            double rate = r.rate(unit);
            double[] spread = r.spread(unit);
            t.row(name, Format.number(rate),
                    r.role() == Role.LIMIT || best == null ? "" : Format.ratio(rate / best.rate(unit)),
                    r.role() == Role.LIMIT || limit == null ? "" : Format.ratio(rate / limit.rate(unit)),
                    Format.bytes(s.allocatedPerRequest()), Format.latency(s.p50Micros()), Format.latency(s.p99Micros()),
                    Format.latency(s.clientUserMicros()), Format.latency(s.clientSystemMicros()),
                    Format.latency(nullIfNaN(r.clientCpu())), Format.latency(s.serverCpuMicros()),
                    Format.number(spread[0]) + " - " + Format.number(spread[1]));
        }
        return t;
    }

    /** The seed comparison: each Spool mode, and a session's gain over one-shot calls per scheme. */
    Table seed(WorkloadResult w) {
        Table t = new Table("mode", "req/s", "session vs one-shot", "vs requests one-shot", "bytes/req", "p50", "p99",
                "rounds min-max");
        for (ContestantResult r : w.contestants()) {
            if (!r.ok()) {
                t.row(r.name(), r.failure());
                continue;
            }
            Summary s = r.summary();
            String gain = "";
            if (r.name().contains("session")) {
                ContestantResult one = w.get(r.name().replace("session", "one-shot"));
                if (one != null && one.ok()) {
                    gain = Format.ratio(r.rate(Workload.Unit.REQUESTS) / one.rate(Workload.Unit.REQUESTS));
                }
            }
            // Spool's one-shot calls against requests' one-shot calls of the same scheme.
            String vsRequests = "";
            if (r.name().startsWith("spool one-shot")) {
                ContestantResult py = w.get(r.name().replace("spool", "python requests"));
                if (py != null && py.ok()) {
                    vsRequests = Format.ratio(r.rate(Workload.Unit.REQUESTS) / py.rate(Workload.Unit.REQUESTS));
                }
            }
            double[] spread = r.spread(Workload.Unit.REQUESTS);
            t.row(r.name(), Format.number(r.rate(Workload.Unit.REQUESTS)), gain, vsRequests,
                    Format.bytes(s.allocatedPerRequest()),
                    Format.latency(s.p50Micros()), Format.latency(s.p99Micros()),
                    Format.number(spread[0]) + " - " + Format.number(spread[1]));
        }
        return t;
    }

    /** The origins workload: descriptors before, at most during, after, and after close. */
    Table origins(WorkloadResult w) {
        Table t = new Table("client", "origins/round", "req/s", "fds before", "fds max", "fds after",
                "fds after close", "connections opened", "bytes/req", "p50", "p99");
        for (ContestantResult r : w.contestants()) {
            String name = title(r.name());
            if (!r.ok()) {
                t.row(name, r.failure());
                continue;
            }
            Summary s = r.summary();
            Map<String, Long> x = s.extraMax();
            t.row(name, count(x, "origins"), Format.number(r.rate(Workload.Unit.REQUESTS)), count(x, "fdBefore"),
                    count(x, "fdMax"), count(x, "fdAfter"), count(x, "fdAfterClose"),
                    x.containsKey("connectionsOpened") ? count(x, "connectionsOpened") : "not reported",
                    Format.bytes(s.allocatedPerRequest()), Format.latency(s.p50Micros()), Format.latency(s.p99Micros()));
        }
        return t;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String count(Map<String, Long> x, String key) {
        Long v = x.get(key);
        return v == null ? "n/a" : String.format("%,d", v);
    }

    /** A workload's title, with the run's thread count for the concurrent one ({@code --threads}). */
    String title(Workload w) {
        return w == Workload.C16 ? w.title().replace("16 threads", report.threads() + " threads") : w.title();
    }

    /** The clients that appear in any workload, in line-up order. */
    private List<String> clientNames() {
        List<String> out = new ArrayList<>();
        for (WorkloadResult w : report.workloads()) {
            for (ContestantResult r : w.contestants()) {
                if (r.role() != Role.LIMIT && isClient(r.name()) && !out.contains(r.name())) {
                    out.add(r.name());
                }
            }
        }
        return out;
    }

    private static boolean isClient(String name) {
        for (ClientKind k : ClientKind.values()) {
            if (k.id().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
