package dev.spool.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one run produced, from which the table, the JSON, the chart and the markdown page are
 * all rendered, so they cannot disagree.
 *
 * @param generatedAt when the run finished (ISO-8601, UTC)
 * @param mode "full" or "quick"
 * @param settings rounds, durations, threads and the rest, as given
 * @param machine the machine and JVM
 * @param versions library and tool versions, by name
 * @param requestHeads the request head each client sent, by client, or why it could not be captured
 * @param workloads the workloads in the order they ran
 */
public record RunReport(String generatedAt, String mode, Map<String, Object> settings, Machine machine,
                        Map<String, String> versions, Map<String, String> requestHeads,
                        List<WorkloadResult> workloads) {

    /** The concurrent workload's thread count ({@code --threads}; 16 when not given). */
    public int threads() {
        Object v = settings.get("threads");
        return v instanceof Integer ? (Integer) v : 16;
    }

    /** The result of a workload by its short name, or null when it did not run. */
    public WorkloadResult workload(String id) {
        for (WorkloadResult w : workloads) {
            if (w.workload().id().equals(id)) {
                return w;
            }
        }
        return null;
    }
}
