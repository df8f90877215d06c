package cachetocluster.latency;

import cachetocluster.tour.SizeParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two pictures of lab 01, drawn with XChart into a PNG or SVG file.
 *
 * <p>Both size axes are logarithmic because the memory hierarchy is: each cache level is a plateau
 * that holds over a range of working sets, and the ranges grow by orders of magnitude (tens of KiB
 * for L1, a few MiB for L2, tens of MiB for L3, then RAM). On a linear axis L1 and L2 would share
 * the first pixel. The latency axis is logarithmic too: an L1 hit is about 1 ns and a RAM miss about
 * 100, and a step from 1 to 4 ns matters as much as one from 25 to 100.
 *
 * <p>The memory mountain (CS:APP 6.6.1) is drawn from above, as a heat map: each cell is the read
 * throughput of one (working set, stride) pair. Read it along both axes. Down a column (smaller
 * working sets) the throughput climbs in <em>ridges</em>, one per cache level a working set fits
 * in: that is temporal locality. Along a row (larger strides) it falls down a <em>slope</em> until
 * the stride reaches a cache line (8 words), after which every load is a new line: that is spatial
 * locality. The flat ridge of stride 1 even in RAM is the prefetcher at work.
 */
public final class LatencyCharts {

    static {
        // Charts are drawn on servers and in CI with no display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A vertical line on the size axis, e.g. {@code "L1d 48 KiB (system)"} at 49152. */
    public record Marker(String label, long bytes) {
        public Marker {
            if (label == null || label.isBlank() || bytes <= 0) {
                throw new IllegalArgumentException("a marker needs a label and a positive size, got "
                        + label + " at " + bytes + " B");
            }
        }
    }

    static final int WIDTH = 1100;
    static final int HEIGHT = 650;
    /** The plot inside the chart, roughly: XChart lays it out only when it paints. */
    private static final double PLOT_WIDTH = WIDTH - 100;
    private static final double PLOT_HEIGHT = HEIGHT - 170;
    private static final int MIN_DOUBLINGS = 3;
    static final String MAIN_SERIES = "Java";
    static final Color SYSTEM_COLOR = new Color(0x55, 0x55, 0x55);
    static final Color MEASURED_COLOR = new Color(0xd6, 0x27, 0x28);
    private static final BasicStroke SYSTEM_STROKE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f);
    private static final BasicStroke MEASURED_STROKE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);
    private static final Color[] SERIES_COLORS = {
        new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd),
        new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf)};

    private LatencyCharts() {}

    /**
     * Draws ns per dependent load against the working set, with the cache sizes the system reports
     * and the cliffs the run measured as vertical lines, and writes it as PNG or SVG (by the file's
     * extension). Creates the parent directories.
     *
     * @param points         the main ("Java") curve, in any order
     * @param systemCaches   the cache sizes the system reports (dashed, grey); may be empty
     * @param measuredCliffs the cliffs found in the measurement (dotted, red); may be empty
     * @param otherSeries    more curves by name, e.g. "C (native)"; may be empty
     * @return {@code file}
     * @throws IllegalArgumentException if the extension is not .png or .svg, or a curve is empty
     */
    public static Path writeLatencyCurve(List<ChasePoint> points, List<Marker> systemCaches,
            List<Marker> measuredCliffs, Map<String, List<ChasePoint>> otherSeries, Path file) {
        Format format = Format.of(file);
        Map<String, List<ChasePoint>> curves = new LinkedHashMap<>();
        curves.put(MAIN_SERIES, points);
        otherSeries.forEach((name, curve) -> {
            if (curves.putIfAbsent(name, curve) != null) {
                throw new IllegalArgumentException("the series name \"" + name + "\" is used twice");
            }
        });
        curves.forEach((name, curve) -> {
            if (curve.isEmpty()) {
                throw new IllegalArgumentException("the series \"" + name + "\" has no points");
            }
        });
        List<MarkerLines.Line> lines = new ArrayList<>();
        systemCaches.forEach(m -> lines.add(new MarkerLines.Line(m.label(), m.bytes(), SYSTEM_COLOR, SYSTEM_STROKE)));
        measuredCliffs.forEach(m -> lines.add(new MarkerLines.Line(m.label(), m.bytes(), MEASURED_COLOR, MEASURED_STROKE)));
        MarkerLines markers = new MarkerLines(lines, LatencyCharts::log2);

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency of one dependent load vs working set")
                .xAxisTitle("working set (log scale)")
                .yAxisTitle("ns per load (log scale)").build();
        styleCommon(chart.getStyler());
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(5);
        // Both axes are log2 of the value on a linear axis, labelled with the value itself. XChart
        // 3.8.8 cannot label a logarithmic axis its own way (with a tick formatter set, the ticks are
        // laid out linearly), and its log ticks sit at powers of ten, which are not cache sizes.
        styler.setxAxisTickLabelsFormattingFunction(exponent -> sizeLabel(Math.round(Math.pow(2, exponent))));
        styler.setyAxisTickLabelsFormattingFunction(exponent -> nsLabel(Math.pow(2, exponent)));

        double lowestExponent = Double.MAX_VALUE;
        double highestExponent = -Double.MAX_VALUE;
        double lowestNsExponent = Double.MAX_VALUE;
        double highestNsExponent = -Double.MAX_VALUE;
        for (List<ChasePoint> curve : curves.values()) {
            for (ChasePoint p : curve) {
                lowestExponent = Math.min(lowestExponent, log2(p.workingSetBytes()));
                highestExponent = Math.max(highestExponent, log2(p.workingSetBytes()));
                lowestNsExponent = Math.min(lowestNsExponent, log2(p.nsPerLoad()));
                highestNsExponent = Math.max(highestNsExponent, log2(p.nsPerLoad()));
            }
        }
        for (MarkerLines.Line line : lines) {
            lowestExponent = Math.min(lowestExponent, log2(line.bytes()));
            highestExponent = Math.max(highestExponent, log2(line.bytes()));
        }
        double[] sizeAxis = wholePowers(lowestExponent, highestExponent);
        double axisLeft = sizeAxis[0];
        double axisRight = sizeAxis[1];
        // Room above the slowest point for the marker labels, which sit in rows at the top of the plot
        // (the plot's size is estimated: XChart knows it only when it paints).
        int rows = markers.rowsNeeded(axisLeft, axisRight, PLOT_WIDTH);
        double reserved = Math.min(0.6, (rows * MarkerLines.ROW_HEIGHT + 10) / PLOT_HEIGHT);
        double[] nsAxis = wholePowers(lowestNsExponent, highestNsExponent
                + Math.max(highestNsExponent - Math.floor(lowestNsExponent), 1) * reserved / (1 - reserved));
        double axisBottom = nsAxis[0];
        double axisTop = nsAxis[1];
        styler.setXAxisMin(axisLeft);
        styler.setXAxisMax(axisRight);
        styler.setYAxisMin(axisBottom);
        styler.setYAxisMax(axisTop);
        // XChart picks the tick step from a spacing hint in pixels; on a short axis the default
        // would tick halves and tenths of a power. Ask for at least one power per tick.
        styler.setXAxisTickMarkSpacingHint(
                tickSpacing(styler.getXAxisTickMarkSpacingHint(), PLOT_WIDTH, axisRight - axisLeft));
        styler.setYAxisTickMarkSpacingHint(
                tickSpacing(styler.getYAxisTickMarkSpacingHint(), PLOT_HEIGHT, axisTop - axisBottom));

        // XChart puts the ticks on the data when the values, in the order the series were added, are
        // evenly spaced (a sweep of 2^12.5, 2^13, ... would get ticks at half powers). This invisible
        // first series, from the top right corner to the bottom left, breaks that order so the ticks
        // fall on whole powers of two.
        XYSeries frame = chart.addSeries(" ", new double[] {axisRight, axisLeft}, new double[] {axisTop, axisBottom});
        frame.setShowInLegend(false);
        frame.setLineStyle(SeriesLines.NONE);
        frame.setMarker(SeriesMarkers.NONE);

        int colour = 0;
        for (var curve : curves.entrySet()) {
            List<ChasePoint> sorted = curve.getValue().stream()
                    .sorted(Comparator.comparingLong(ChasePoint::workingSetBytes)).toList();
            XYSeries series = chart.addSeries(curve.getKey(),
                    sorted.stream().mapToDouble(p -> log2(p.workingSetBytes())).toArray(),
                    sorted.stream().mapToDouble(p -> log2(p.nsPerLoad())).toArray());
            Color c = SERIES_COLORS[colour++ % SERIES_COLORS.length];
            series.setLineColor(c);
            series.setMarkerColor(c);
            series.setLineWidth(2f);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        // Legend entries for the two kinds of vertical line: one-point series draw nothing but a key.
        if (!systemCaches.isEmpty()) {
            legendOnly(chart, "cache size the system reports", SYSTEM_COLOR, SYSTEM_STROKE, axisLeft, axisBottom);
        }
        if (!measuredCliffs.isEmpty()) {
            legendOnly(chart, "cliff measured on this machine", MEASURED_COLOR, MEASURED_STROKE, axisLeft, axisBottom);
        }
        chart.addAnnotation(markers);
        String description = "Series: " + String.join(", ", curves.keySet()) + "."
                + (systemCaches.isEmpty() ? "" : " Cache sizes the system reports: "
                        + String.join(", ", systemCaches.stream().map(Marker::label).toList()) + ".")
                + (measuredCliffs.isEmpty() ? "" : " Cliffs measured on this machine: "
                        + String.join(", ", measuredCliffs.stream().map(Marker::label).toList()) + ".");
        return write(chart, description, format, file);
    }

    /**
     * Draws the memory mountain as a heat map: stride across, working set up, GB/s as colour and as
     * the number in each cell. Cells may come in any order; a missing cell stays blank.
     *
     * @return {@code file}
     * @throws IllegalArgumentException if the extension is not .png or .svg, there are no cells, or
     *                                  two cells share a working set and stride
     */
    public static Path writeMountain(List<MountainCell> cells, Path file) {
        Format format = Format.of(file);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("the mountain has no cells");
        }
        List<Integer> strides = List.copyOf(new TreeSet<>(cells.stream().map(MountainCell::strideWords).toList()));
        List<Long> sizes = List.copyOf(new TreeSet<>(cells.stream().map(MountainCell::workingSetBytes).toList()));
        Set<List<Long>> seen = new HashSet<>();
        List<Number[]> heat = new ArrayList<>();
        // In one order whatever the input's: XChart paints the cells in the order given, and where
        // neighbours' anti-aliased edges overlap the later one wins.
        for (MountainCell cell : cells.stream().sorted(Comparator.comparingLong(MountainCell::workingSetBytes)
                .thenComparingInt(MountainCell::strideWords)).toList()) {
            if (!Double.isFinite(cell.gigabytesPerSecond()) || cell.gigabytesPerSecond() < 0) {
                throw new IllegalArgumentException("a throughput must be a finite number >= 0, got " + cell);
            }
            if (!seen.add(List.of(cell.workingSetBytes(), (long) cell.strideWords()))) {
                throw new IllegalArgumentException("two cells for " + sizeLabel(cell.workingSetBytes())
                        + " at stride " + cell.strideWords());
            }
            heat.add(new Number[] {
                strides.indexOf(cell.strideWords()), sizes.indexOf(cell.workingSetBytes()), cell.gigabytesPerSecond()});
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Memory mountain: read throughput (GB/s)")
                .xAxisTitle("stride (words x 8 B; 8 words = one 64-byte line)")
                .yAxisTitle("working set").build();
        styleCommon(chart.getStyler());
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0.0");
        // Light enough at every step for black numbers to stay readable on it.
        styler.setRangeColors(new Color[] {
            new Color(0xf7, 0xfc, 0xf0), new Color(0xcc, 0xeb, 0xc5), new Color(0x7b, 0xcc, 0xc4),
            new Color(0x4e, 0xb3, 0xd3), new Color(0x2b, 0x8c, 0xbe)});
        styler.setPlotGridLinesVisible(false);
        HeatMapSeries series = chart.addSeries("GB/s", strides.stream().map(String::valueOf).toList(),
                sizes.stream().map(LatencyCharts::sizeLabel).toList(), heat);
        // The colour scale runs from 0 to a round number: XChart prints its ends unformatted.
        series.setMin(0);
        series.setMax(roundUp(cells.stream().mapToDouble(MountainCell::gigabytesPerSecond).max().orElseThrow()));
        String description = "Read throughput in GB/s of " + cells.size() + " cells: working sets from "
                + sizeLabel(sizes.getFirst()) + " to " + sizeLabel(sizes.getLast()) + ", strides from "
                + strides.getFirst() + " to " + strides.getLast() + " words.";
        return write(chart, description, format, file);
    }

    /** A size in binary units as a person writes it: "4 KiB", "1.5 MiB", "512 MiB", "1 GiB", "1000 B". */
    public static String sizeLabel(long bytes) {
        return SizeParser.format(bytes); // lab 00's formatter: one way to write sizes in the whole course
    }

    /** A latency tick: whole numbers from 100 up, three significant digits below ("0.25", "1.5", "64"). */
    static String nsLabel(double ns) {
        if (ns >= 100) {
            return Long.toString(Math.round(ns));
        }
        return new BigDecimal(ns).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private enum Format {
        PNG, SVG;

        static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
            return switch (extension) {
                case ".png" -> PNG;
                case ".svg" -> SVG;
                default -> throw new IllegalArgumentException("cannot write a chart as \""
                        + (extension.isEmpty() ? name : extension) + "\" (" + file
                        + "): supported extensions are .png and .svg");
            };
        }
    }

    /**
     * Writes the chart. An SVG also gets a {@code <title>} and {@code <desc>}: XChart draws its own
     * words (title, legend, ticks) as outlines, so without them the file has no text a reader,
     * a search or a screen reader can find.
     */
    private static Path write(Chart<?, ?> chart, String description, Format format, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                switch (format) {
                    case PNG -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                    case SVG -> {
                        var svg = new ByteArrayOutputStream();
                        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                        out.write(withTitle(svg.toString(StandardCharsets.UTF_8), chart.getTitle(), description)
                                .getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart " + file, e);
        }
    }

    private static String withTitle(String svg, String title, String description) {
        int root = svg.indexOf("<svg");
        int afterRoot = svg.indexOf('>', root) + 1;
        if (root < 0 || afterRoot == 0) {
            throw new IllegalStateException("XChart wrote an SVG without an <svg> element");
        }
        return svg.substring(0, afterRoot) + "\n  <title>" + xmlText(title) + "</title>\n  <desc>"
                + xmlText(description) + "</desc>" + svg.substring(afterRoot);
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void styleCommon(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            axes.setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        }
    }

    private static void legendOnly(XYChart chart, String name, Color color, BasicStroke stroke, double x, double y) {
        XYSeries key = chart.addSeries(name, new double[] {x}, new double[] {y});
        key.setLineColor(color);
        key.setLineStyle(stroke);
        key.setMarker(SeriesMarkers.NONE);
    }

    /** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten at or above {@code value}. */
    static double roundUp(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8}) {
            if (step * decade >= value) {
                return step * decade;
            }
        }
        return 10 * decade;
    }

    /**
     * An axis (in exponents of two) from a whole power at or below {@code lowest} to one at or above
     * {@code highest}, widened to at least {@link #MIN_DOUBLINGS} so a flat curve is not blown up.
     */
    private static double[] wholePowers(double lowest, double highest) {
        double low = Math.floor(lowest);
        double high = Math.ceil(highest);
        double lack = MIN_DOUBLINGS - (high - low);
        if (lack > 0) {
            low -= Math.floor(lack / 2);
            high += Math.ceil(lack / 2);
        }
        return new double[] {low, high};
    }

    private static int tickSpacing(int defaultPixels, double plotPixels, double doublings) {
        return (int) Math.max(defaultPixels, 0.92 * plotPixels / doublings);
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }
}
