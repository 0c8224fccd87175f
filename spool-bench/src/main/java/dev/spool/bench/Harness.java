package dev.spool.bench;

import dev.spool.bench.report.ContestantResult;
import dev.spool.bench.report.WorkloadResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a workload's line-up: every contestant is prepared and warmed up, then measured round by round
 * in turn (A B C D E, A B C D E, ...) so that drift of a shared machine hits them alike. A contestant
 * that fails is dropped from later rounds with its reason recorded; the others go on.
 */
final class Harness {
    private final Options o;
    private final PrintStream log;
    private final CpuTime cpu;

    Harness(Options o, PrintStream log) {
        this.o = o;
        this.log = log;
        this.cpu = CpuTime.available() ? new CpuTime(o.serverPid) : null;
    }

    WorkloadResult run(Workload w, Plan.Lineup lineup) {
        List<Contestant> cs = lineup.contestants();
        List<ContestantResult> results = new ArrayList<>();
        for (Contestant c : cs) {
            results.add(new ContestantResult(c.name(), c.role()));
        }
        log.printf("%n== %s: %s%n", w.id(), w.title());
        for (String note : lineup.notes()) {
            log.println("   note: " + note);
        }
        try {
            for (int i = 0; i < cs.size(); i++) {
                Contestant c = cs.get(i);
                log.printf("   warming up %s (%s)%n", c.name(), seconds(o.warmup.toMillis()));
                try {
                    c.prepare(o.warmup);
                } catch (Throwable t) {
                    fail(c, results.get(i), "setup", t);
                }
            }
            for (int round = 1; round <= o.rounds; round++) {
                StringBuilder line = new StringBuilder(String.format("   round %d/%d:", round, o.rounds));
                for (int i = 0; i < cs.size(); i++) {
                    ContestantResult r = results.get(i);
                    if (r.failure() != null) {
                        continue;
                    }
                    Contestant c = cs.get(i);
                    // Start each measurement from a collected heap, so no client pays for the
                    // garbage of the one measured before it.
                    System.gc();
                    try {
                        long user0 = cpu == null ? -1 : cpu.clientUser();
                        long system0 = cpu == null ? -1 : cpu.clientSystem();
                        long server0 = cpu == null ? -1 : cpu.server();
                        RoundStats s = c.measure(o.duration);
                        if (cpu != null) {
                            s = s.withCpu(delta(user0, cpu.clientUser()), delta(system0, cpu.clientSystem()),
                                    delta(server0, cpu.server()));
                        }
                        r.add(s);
                        line.append(' ').append(c.name()).append(' ').append(rate(w, s)).append(';');
                    } catch (Throwable t) {
                        fail(c, r, "round " + round, t);
                        line.append(' ').append(c.name()).append(" FAILED;");
                    }
                }
                log.println(line);
            }
        } finally {
            for (Contestant c : cs) {
                c.close();
            }
        }
        return new WorkloadResult(w, results, lineup.notes());
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private void fail(Contestant c, ContestantResult r, String phase, Throwable t) {
        // A round failure already carries the described cause as its message.
        r.fail(phase, t instanceof LoadRunner.RoundFailure ? t.getMessage() : Failures.describe(t));
        log.printf("   %s skipped from here on: %s%n", c.name(), r.failure());
        c.close();
    }

    private static String rate(Workload w, RoundStats s) {
        return w.unit() == Workload.Unit.MIB
                ? String.format(Locale.ROOT, "%.0f MiB/s", s.mibPerSecond())
                : String.format(Locale.ROOT, "%.0f req/s", s.requestsPerSecond());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
