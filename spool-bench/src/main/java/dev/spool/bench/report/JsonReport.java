package dev.spool.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.bench.RoundStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes results.json: settings, machine, versions and, per workload and contestant, the medians and
 * every round's raw counts, so anyone can recompute the figures or compare runs.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Writes the report to {@code file}. */
    public static void write(RunReport report, Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generatedAt", report.generatedAt());
        root.put("mode", report.mode());
        root.set("settings", MAPPER.valueToTree(report.settings()));
        root.set("machine", MAPPER.valueToTree(report.machine()));
        root.set("versions", MAPPER.valueToTree(report.versions()));
        root.set("requestHeads", MAPPER.valueToTree(report.requestHeads()));
        ArrayNode workloads = root.putArray("workloads");
        for (WorkloadResult w : report.workloads()) {
            ObjectNode wn = workloads.addObject();
            wn.put("id", w.workload().id());
            wn.put("title", w.workload().title());
            wn.put("unit", w.workload().unit().label());
            wn.set("notes", MAPPER.valueToTree(w.notes()));
            ArrayNode cs = wn.putArray("contestants");
            for (ContestantResult c : w.contestants()) {
                ObjectNode cn = cs.addObject();
                cn.put("name", c.name());
                cn.put("role", c.role().name().toLowerCase(Locale.ROOT));
                cn.put("ok", c.ok());
                if (c.failure() != null) {
                    cn.put("failure", c.failure());
                }
                if (!c.rounds().isEmpty()) {
                    Summary s = c.summary();
                    ObjectNode m = cn.putObject("median");
                    m.put("requestsPerSecond", s.requestsPerSecond());
                    m.put("mibPerSecond", s.mibPerSecond());
                    putNullable(m, "allocatedBytesPerRequest", s.allocatedPerRequest());
                    putNullable(m, "p50Micros", s.p50Micros());
                    putNullable(m, "p99Micros", s.p99Micros());
                    putNullable(m, "clientUserCpuMicrosPerRequest", s.clientUserMicros());
                    putNullable(m, "clientSystemCpuMicrosPerRequest", s.clientSystemMicros());
                    putNullable(m, "clientCpuMicrosPerRequest",
                            Double.isNaN(c.clientCpu()) ? null : c.clientCpu());
                    putNullable(m, "serverCpuMicrosPerRequest", s.serverCpuMicros());
                    if (!s.extraMax().isEmpty()) {
                        m.set("extraMaxOverRounds", MAPPER.valueToTree(s.extraMax()));
                    }
                }
                ArrayNode rounds = cn.putArray("rounds");
                for (RoundStats r : c.rounds()) {
                    ObjectNode rn = rounds.addObject();
                    rn.put("requests", r.requests());
                    rn.put("bodyBytes", r.bytes());
                    rn.put("elapsedNanos", r.elapsedNanos());
                    rn.put("allocatedBytes", r.allocatedBytes());
                    rn.put("p50Nanos", r.p50Nanos());
                    rn.put("p99Nanos", r.p99Nanos());
                    rn.put("clientUserCpuNanos", r.clientUserNanos());
                    rn.put("clientSystemCpuNanos", r.clientSystemNanos());
                    rn.put("serverCpuNanos", r.serverCpuNanos());
                    for (Map.Entry<String, Long> e : new TreeMap<>(r.extra()).entrySet()) {
                        rn.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), root);
    }

    private static void putNullable(ObjectNode n, String key, Double v) {
        if (v == null) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
