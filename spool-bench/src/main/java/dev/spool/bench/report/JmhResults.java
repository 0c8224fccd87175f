package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Renders the last {@code bench/jmh.sh} results (JMH's JSON) as a markdown table for the benchmark page. */
public final class JmhResults {
    private JmhResults() {
    }

    /** The table, or a line saying there are no results yet (or that the file could not be read). */
    public static String markdown(Path json) {
        if (!Files.isRegularFile(json)) {
            return "No results yet: run `./bench/jmh.sh`.\n";
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            return "Could not read " + json + ": " + e.getMessage() + "\n";
        }
        Table t = new Table("benchmark", "threads", "score", "error (99.9%)", "unit", "bytes allocated/op");
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode m = b.path("primaryMetric");
            JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm");
            t.row(name, b.path("threads").asText(), number(m.path("score").asDouble()),
                    number(m.path("scoreError").asDouble()), m.path("scoreUnit").asText(),
                    alloc.isMissingNode() ? "n/a" : number(alloc.path("score").asDouble()));
        }
        return t.isEmpty() ? "No results in " + json + ".\n" : t.toMarkdown();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v < 100 ? "%,.1f" : "%,.0f", v);
    }
}
