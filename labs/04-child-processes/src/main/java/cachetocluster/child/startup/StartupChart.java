package cachetocluster.child.startup;

import cachetocluster.child.startup.StartupStudy.Report;
import cachetocluster.child.startup.StartupStudy.Result;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The ladder as a PNG: one stacked bar per configuration, cut into the phases of fork-to-first-message (medians), so
 * the picture says not only which configuration is fastest but where it saves: the default CDS archive in "jvm", the
 * AOT cache mostly in "channel" and "message" (the classes of junixsocket and Jackson, loaded and linked ahead of
 * time). The baselines have no channel: their bar is the whole start of a JVM.
 */
public final class StartupChart {

    static {
        // Drawn on servers and in CI with no display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color[] PHASE_COLORS = {
        new Color(0x8c, 0x8c, 0x8c), new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28),
        new Color(0x94, 0x67, 0xbd), new Color(0x2c, 0xa0, 0x2c)};
    private static final Color BASELINE_COLOR = new Color(0xff, 0x7f, 0x0e);

    private StartupChart() {}

    /** Writes the chart to {@code file} (PNG), creating its directory. */
    public static Path write(Report report, Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("the chart is a PNG; the file name must end in .png: " + file);
        }
        CategoryChart chart = new CategoryChartBuilder().width(1280).height(760)
                .title("Fork to first message, by JVM configuration (median of " + report.runs() + " forks each)")
                .xAxisTitle("").yAxisTitle("ms").build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setAntiAlias(true);
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        chart.getStyler().setOverlapped(false);

        List<String> labels = report.results().stream().map(r -> r.rung().label()).toList();
        List<String> phases = FirstMessage.Phases.NAMES;
        for (int p = 0; p < phases.size(); p++) {
            List<Double> values = new ArrayList<>();
            for (Result r : report.results()) {
                values.add(r.rung().baseline() ? 0.0 : r.phaseMedians().get(phases.get(p)));
            }
            chart.addSeries(phases.get(p), labels, values).setFillColor(PHASE_COLORS[p]);
        }
        List<Double> whole = report.results().stream().map(r -> r.rung().baseline() ? r.median() : 0.0).toList();
        chart.addSeries("a JVM alone, to its first line (no channel)", labels, whole).setFillColor(BASELINE_COLOR);

        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
