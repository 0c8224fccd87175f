package dev.spool.bench;

import dev.spool.bench.clients.ClientKind;
import dev.spool.bench.clients.ClientSettings;
import dev.spool.bench.clients.Trust;
import dev.spool.bench.report.ChartWriter;
import dev.spool.bench.report.JsonReport;
import dev.spool.bench.report.Machine;
import dev.spool.bench.report.MarkdownPage;
import dev.spool.bench.report.RunReport;
import dev.spool.bench.report.TextReport;
import dev.spool.bench.report.JmhResults;
import dev.spool.bench.report.WorkloadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The side-by-side benchmark's entry point: runs the selected workloads on the selected clients against
 * the nginx that bench/run.sh started, then prints the table and writes results.json, chart.png and
 * docs/benchmarks.md.
 */
public final class BenchMain {
    private static final String JMH_NOTE = String.join("\n",
            "`./bench/jmh.sh` runs the JMH microbenchmarks of Spool's hot paths: `ResponseParserBench` (a",
            "typical nginx response head, fed and parsed to its end), `RequestEncoderBench` (a GET head with",
            "Spool's default headers) and `PoolBench` (lease and release of an idle connection on one origin,",
            "uncontended, from 16 threads, and beside 255 other leased connections). Results go to",
            "`bench/results/jmh.json`; its last results:",
            "");

    private BenchMain() {
    }

    /** Runs the benchmark; see {@link Options#USAGE}. */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        String loadAtStart = Machine.loadAverage();
        PrintStream log = System.err;
        Trust trust = o.ca == null ? null : Trust.fromPem(o.ca);
        ClientSettings settings = new ClientSettings(o.poolSize, trust, o.timeout);

        Map<String, String> heads = HeaderProbe.capture(o.clients, settings);
        if (o.probeOnly) {
            heads.forEach((k, v) -> System.out.println("== " + k + "\n" + v + "\n"));
            return;
        }

        Plan plan = new Plan(o, trust);
        Harness harness = new Harness(o, log);
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload w : o.workloads) {
            results.add(harness.run(w, plan.lineup(w)));
        }

        RunReport report = new RunReport(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), o.mode(),
                settings(o), Machine.current(loadAtStart), versions(o), heads, results);
        TextReport.print(report, System.out);
        Path json = o.out.resolve("results.json");
        JsonReport.write(report, json);
        Path chart = o.out.resolve("chart.png");
        // A runtime without java.desktop (the device kit's jlink'd JRE) cannot draw: the figures are
        // all in results.json and the page anyway.
        boolean canDraw = ModuleLayer.boot().findModule("java.desktop").isPresent();
        boolean drawn = canDraw && ChartWriter.write(report, chart);
        System.out.println();
        System.out.println("wrote " + json + (drawn ? ", " + chart
                : canDraw ? " (no figures to chart)" : " (no chart: this Java runtime has no java.desktop)"));
        if (o.docs != null) {
            MarkdownPage.write(report, o.docs, JMH_NOTE + "\n" + JmhResults.markdown(o.out.resolve("jmh.json")));
            System.out.println("wrote " + o.docs);
        }
    }

    private static Map<String, Object> settings(Options o) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rounds", o.rounds);
        s.put("durationMillis", o.duration.toMillis());
        s.put("warmupMillis", o.warmup.toMillis());
        s.put("threads", o.threads);
        s.put("poolSize", o.poolSize);
        s.put("origins", o.origins);
        s.put("timeoutMillis", o.timeout.toMillis());
        s.put("maxRequestsPerRound", o.maxRequests);
        s.put("seedMaxRequestsPerRound", o.seedMaxRequests);
        List<String> clients = new ArrayList<>();
        for (ClientKind k : o.clients) {
            clients.add(k.id());
        }
        s.put("clients", clients);
        List<String> workloads = new ArrayList<>();
        for (Workload w : o.workloads) {
            workloads.add(w.id());
        }
        s.put("workloads", workloads);
        s.put("http", o.http);
        s.put("https", o.https);
        s.put("h2", o.h2);
        return s;
    }

    /** The pinned library versions (from the POM, through versions.properties), the JDK and the tools. */
    private static Map<String, String> versions(Options o) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BenchMain.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String k : new String[] {"spool", "okhttp", "apache", "jetty"}) {
            v.put(k, p.getProperty(k, "unknown"));
        }
        v.put("jdk", String.valueOf(Runtime.version()));
        // The first words of each tool's banner: name, version and build, without the feature lists.
        if (o.nginx != null) {
            v.put("nginx", firstWords(Processes.version(List.of(o.nginx, "-v")).replace("nginx version: ", ""), 1));
        }
        if (o.wrk != null) {
            v.put("wrk", firstWords(Processes.version(List.of(o.wrk, "-v")), 3));
        }
        if (o.h2load != null) {
            v.put("h2load", firstWords(Processes.version(List.of(o.h2load, "--version")), 2));
        }
        if (o.curl != null) {
            v.put("curl", firstWords(Processes.version(List.of(o.curl, "--version")), 5));
        }
        return v;
    }

    private static String firstWords(String s, int n) {
        String[] words = s.trim().split("\\s+");
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(n, words.length)));
    }
}
