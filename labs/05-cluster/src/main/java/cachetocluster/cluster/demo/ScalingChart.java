package cachetocluster.cluster.demo;

import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.demo.Scaling.Row;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Requests per second by worker count, as bars; the title says how many CPUs they shared with the client. */
public final class ScalingChart {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // drawn on servers with no display
        }
    }

    private ScalingChart() {}

    public static Path write(List<Row> rows, SchedulingPolicy policy, int connections, Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("the chart is a PNG; the file name must end in .png: " + file);
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                .title("Requests/s by workers (" + policy.wireName() + ", " + connections + " keep-alive connections; client on the same "
                        + Runtime.getRuntime().availableProcessors() + " CPUs)")
                .xAxisTitle("workers").yAxisTitle("requests/s").build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setLegendVisible(false);
        styler.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        chart.addSeries("requests/s", rows.stream().map(r -> String.valueOf(r.workers())).toList(),
                rows.stream().map(Row::perSecond).toList()).setFillColor(new Color(0x1f, 0x77, 0xb4));
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
