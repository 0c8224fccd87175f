package dev.spool.bench.report;

import java.io.PrintStream;

/** Prints the run's tables to the terminal, the same tables the markdown page shows. */
public final class TextReport {
    private TextReport() {
    }

    /** Prints the summary, the targets and every workload's detail table. */
    public static void print(RunReport report, PrintStream out) {
        Tables t = new Tables(report);
        out.println();
        out.println("Spool bench, " + report.mode() + " run: " + MarkdownPage.method(report) + ". Figures are medians over rounds.");
        out.println("Load average (1 min) " + report.machine().load() + ", on " + report.machine().cpus() + " cores.");
        out.println();
        out.print(t.summary().toText());
        Table targets = t.targets();
        if (!targets.isEmpty()) {
            out.println();
            out.println("Targets of issue 3 (ratios in this run):");
            out.print(targets.toText());
        }
        Table targets15 = Issue15Targets.table(report);
        if (!targets15.isEmpty()) {
            out.println();
            out.println("Issue 15's 2-core targets (ratios in this run; rounds min-max pairs round i with round i):");
            out.print(targets15.toText());
        }
        for (WorkloadResult w : report.workloads()) {
            out.println();
            out.println(w.workload().id() + ": " + w.workload().title());
            for (String note : w.notes()) {
                out.println("  note: " + note);
            }
            Table d = MarkdownPage.detailFor(t, w);
            if (!d.isEmpty()) {
                out.print(d.toText());
            }
        }
    }
}
