package dev.spool.bench.report;

import dev.spool.bench.Role;
import dev.spool.bench.Workload;
import dev.spool.bench.clients.ClientKind;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * Draws chart.png with XChart: one bar panel per headline figure (the rate workloads, allocation, and
 * the descriptors of the origins workload), each client in the same colour in every panel.
 */
public final class ChartWriter {
    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 400;
    private static final int COLUMNS = 3;
    /** One colour per contestant, the same in every panel, so a reader can follow a client across. */
    private static final Map<String, Color> COLOURS = Map.of(
            "spool", new Color(0xE0, 0x6C, 0x00),
            "okhttp", new Color(0x2E, 0x8B, 0x57),
            "apache", new Color(0x8E, 0x44, 0xAD),
            "jdk", new Color(0x1F, 0x6F, 0xB5),
            "jetty", new Color(0xC0, 0x39, 0x2B));
    private static final Color LIMIT_COLOUR = new Color(0x80, 0x80, 0x80);

    private ChartWriter() {
    }

    /** Writes the chart; returns false (and writes nothing) when no workload produced a figure. */
    public static boolean write(RunReport report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<CategoryChart> panels = new ArrayList<>();
        rate(panels, report.workload("seq"), "Sequential 1 KiB", "req/s");
        rate(panels, report.workload("c16"), report.threads() + " threads 1 KiB", "req/s");
        rate(panels, report.workload("https"), "HTTPS sequential 1 KiB", "req/s");
        rate(panels, report.workload("stream"), "100 MiB streamed", "MiB/s");
        rate(panels, report.workload("seq1m"), "Sequential 1 MiB", "MiB/s");
        WorkloadResult seq = report.workload("seq");
        if (seq != null) {
            add(panels, seq, "Allocation per request (sequential)", "bytes/request", false,
                    ContestantResult::allocation);
        }
        WorkloadResult origins = report.workload("origins");
        if (origins != null) {
            add(panels, origins, "Most open fds, origins workload", "file descriptors", false,
                    c -> {
                        Long v = c.summary().extraMax().get("fdMax");
                        return v == null ? Double.NaN : v;
                    });
        }
        if (panels.isEmpty()) {
            return false;
        }
        // XChart fills every cell of the grid: the columns must divide the panels (5 panels: 5 x 1).
        int columns = Math.min(COLUMNS, panels.size());
        while (panels.size() % columns != 0) {
            columns--;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(panels, panels.size() / columns, columns, file.toString(),
                BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    private static void rate(List<CategoryChart> panels, WorkloadResult w, String title, String unit) {
        if (w != null) {
            Workload.Unit u = w.workload().unit();
            add(panels, w, title, unit, true, c -> c.rate(u));
        }
    }

    private static void add(List<CategoryChart> panels, WorkloadResult w, String title, String unit,
                            boolean withLimit, ToDoubleFunction<ContestantResult> value) {
        List<ContestantResult> shown = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ContestantResult c : w.contestants()) {
            if ((c.role() == Role.LIMIT || c.role() == Role.FLOOR) && !withLimit) {
                continue;
            }
            if (!c.ok()) {
                failed.add(c.name());
            } else if (!Double.isNaN(value.applyAsDouble(c))) {
                shown.add(c);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(failed.isEmpty() ? title : title + " (did not run: " + String.join(", ", failed) + ")")
                .yAxisTitle(unit).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(0);
        // XChart names only every other category once they are closer than its tick spacing hint
        // (74 px by default): six bars in a panel are, and half the clients went unnamed.
        chart.getStyler().setXAxisTickMarkSpacingHint(40);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setDecimalPattern("#,###");
        // One series per contestant, each with a value only in its own category and drawn overlapped:
        // a bar per client under its own name, in the client's colour, with no legend to read.
        chart.getStyler().setOverlapped(true);
        List<String> categories = new ArrayList<>();
        for (ContestantResult c : shown) {
            categories.add(shortName(c));
        }
        for (int i = 0; i < shown.size(); i++) {
            ContestantResult c = shown.get(i);
            List<Double> values = new ArrayList<>();
            for (int j = 0; j < shown.size(); j++) {
                values.add(j == i ? value.applyAsDouble(c) : null);
            }
            CategorySeries s = chart.addSeries(categories.get(i), categories, values);
            s.setFillColor(c.role() == Role.LIMIT ? LIMIT_COLOUR : COLOURS.getOrDefault(c.name(), LIMIT_COLOUR));
        }
        panels.add(chart);
    }

    /** The client's name without its version (the page's tables carry the versions). */
    private static String shortName(ContestantResult c) {
        for (ClientKind k : ClientKind.values()) {
            if (k.id().equals(c.name())) {
                return k.title().replace(" HttpClient", "");
            }
        }
        return c.name();
    }
}
