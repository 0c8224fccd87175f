package dev.spool.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws the comparison as a PNG bar chart with XChart: requests per second, one-shot beside session, per target. */
final class ComparisonChart {
    private ComparisonChart() {
    }

    /** Writes the chart of these rows (one-shot then session, per target) to {@code file}. */
    static void write(List<Demo.Row> rows, String subject, Path file) throws IOException {
        // No window is ever opened: drawing to an image needs no display (and CI machines have none).
        System.setProperty("java.awt.headless", "true");
        List<String> targets = new ArrayList<>();
        List<Double> oneShot = new ArrayList<>();
        List<Double> session = new ArrayList<>();
        StringBuilder speedups = new StringBuilder();
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Demo.Row one = rows.get(i);
            Demo.Row ses = rows.get(i + 1);
            targets.add(one.target());
            oneShot.add(one.perSecond());
            session.add(ses.perSecond());
            speedups.append(speedups.length() == 0 ? "" : ", ").append(one.target()).append(' ')
                    .append(String.format(Locale.ROOT, "%.1fx", one.millis() / ses.millis()));
        }
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title("spool compare: " + rows.get(0).requests() + " GETs to " + subject + " (session speed-up: " + speedups + ")")
                .xAxisTitle("")
                .yAxisTitle("requests per second")
                .build();
        chart.getStyler().setSeriesColors(new Color[] {new Color(0xB0B0B0), new Color(0x2E7D32)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setDecimalPattern("#,###");
        chart.addSeries("one-shot calls (new connection each)", targets, oneShot);
        chart.addSeries("one session (connections reused)", targets, session);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out)) {
                throw new IOException("the JDK has no PNG writer"); // every JDK has one; named in case
            }
        }
    }
}
