package cachetocluster.cluster.demo;

import cachetocluster.cluster.demo.Distribution.ModeResult;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The distribution as a PNG: one group of bars per worker, one bar per mode, so an even mode is a row of equal bars
 * and an uneven one a skyline. The legend carries each mode's Jain index.
 */
public final class DistributionChart {

    static {
        // Drawn on servers and in CI with no display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color[] MODE_COLORS = {
        new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c)};

    private DistributionChart() {}

    /** Writes the chart to {@code file} (PNG), creating its directory. */
    public static Path write(List<ModeResult> results, int connections, Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("the chart is a PNG; the file name must end in .png: " + file);
        }
        int workers = results.stream().mapToInt(r -> r.perWorker().size()).max().orElse(0);
        CategoryChart chart = new CategoryChartBuilder().width(1024).height(600)
                .title("Connections per worker, " + connections + " short connections per mode ("
                        + Runtime.getRuntime().availableProcessors() + " CPUs)")
                .xAxisTitle("").yAxisTitle("connections served").build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        chart.getStyler().setOverlapped(false);

        List<String> labels = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
            labels.add("worker " + w);
        }
        for (int i = 0; i < results.size(); i++) {
            ModeResult r = results.get(i);
            List<Long> counts = new ArrayList<>(r.perWorker().values());
            List<Double> values = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                values.add(w < counts.size() ? counts.get(w).doubleValue() : 0.0);
            }
            String name = String.format(Locale.ROOT, "%s (Jain %.3f, max/min %.2f)", r.policy().wireName(),
                    r.fairness().jainIndex(), r.fairness().maxMinRatio());
            chart.addSeries(name, labels, values).setFillColor(MODE_COLORS[i % MODE_COLORS.length]);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
