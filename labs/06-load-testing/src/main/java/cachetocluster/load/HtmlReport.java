package cachetocluster.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code --html FILE}: one self-contained page, readable offline and attachable to a ticket: the summary, latency
 * over time, the percentile spectrum, and the error table. Charts are drawn by XChart as SVG and inlined; there
 * is no script, no stylesheet and no font to fetch. (artillery's {@code report} command made HTML from its JSON
 * until it was removed in 2024; its users still ask for it.)
 *
 * <p>XChart measures text with Java2D, which needs the fonts of the machine. Where there are none (a bare
 * container), the page is written without its charts and says why.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static void write(LoadResult r, List<Thresholds.Check> checks, Path file) throws IOException {
        try {
            Files.writeString(file, html(r, checks));
        } catch (IOException e) {
            throw new IOException("cannot write the --html file '" + file + "': " + JloadCommand.reason(e), e);
        }
    }

    public static String html(LoadResult r, List<Thresholds.Check> checks) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>jload: ")
                .append(esc(r.options().url().toString())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}pre{background:#f6f6f6;padding:1em;overflow-x:auto}")
                .append(".fail{color:#b00;font-weight:bold}.pass{color:#070}.note{color:#666;font-size:.9em}")
                .append("\n</style></head><body>\n");
        h.append("<h1>jload report</h1>\n<pre>");
        for (String line : TextReport.lines(r)) h.append(esc(line)).append('\n');
        h.append("</pre>\n");
        if (!checks.isEmpty()) {
            h.append("<h2>Thresholds</h2>\n<table><tr><th>check</th><th>limit</th><th>actual</th><th>result</th></tr>\n");
            for (Thresholds.Check c : checks) {
                h.append("<tr><td>").append(c.name()).append("</td><td>").append(TextReport.num(c.limit())).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.3f", c.actual())).append("</td><td class=\"")
                        .append(c.passed() ? "pass\">passed" : "fail\">FAILED").append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Latency</h2>\n");
        latencyTable(h, r);
        try {
            h.append("<h2>Latency over time</h2>\n<p class=\"note\">Per second of the run, from when each request was due; a stall shows as a spike.</p>\n");
            h.append(svg(overTime(r)));
            h.append("<h2>Replies and errors per second</h2>\n").append(svg(throughput(r)));
            h.append("<h2>Percentile spectrum</h2>\n<p class=\"note\">How many replies took at most how long: read the 99% column for \"1 in 100 waited this long\".</p>\n");
            h.append(svg(spectrum(r)));
        } catch (IOException | RuntimeException | Error e) {
            h.append("<p class=\"note\">The charts could not be drawn on this machine (Java2D needs fonts: ")
                    .append(esc(String.valueOf(e))).append("). Every figure is in the tables and in --json.</p>\n");
        }
        h.append("<h2>Errors</h2>\n");
        errorTable(h, r);
        h.append("<p class=\"note\">jload ").append(Jload.VERSION).append(", started ").append(esc(r.startedAt().toString())).append("</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void latencyTable(StringBuilder h, LoadResult r) {
        h.append("<table><tr><th>ms</th>");
        for (String label : PercentileTable.Summary.LABELS) h.append("<th>").append(label).append("</th>");
        h.append("</tr>\n");
        latencyRow(h, r.openModel() ? "response time (from due)" : "latency", r.responseTime());
        if (r.openModel()) latencyRow(h, "service time (from send)", r.serviceTime());
        h.append("</table>\n");
    }

    private static void latencyRow(StringBuilder h, String label, PercentileTable.Summary s) {
        h.append("<tr><td>").append(label).append("</td>");
        for (double v : s.values()) h.append("<td>").append(PercentileTable.millis(v)).append("</td>");
        h.append("</tr>\n");
    }

    private static void errorTable(StringBuilder h, LoadResult r) {
        List<ErrorTable.Row> rows = r.errors().rows();
        if (rows.isEmpty()) {
            h.append("<p>None: every request got a reply with a status below 400.</p>\n");
        } else {
            h.append("<table><tr><th>error</th><th>count</th><th>% of sent</th><th>what it means</th><th>first message</th></tr>\n");
            for (ErrorTable.Row e : rows) {
                h.append("<tr><td>").append(esc(e.name())).append("</td><td>").append(TextReport.count(e.count())).append("</td><td>")
                        .append(TextReport.pct(e.percentOf(r.sent()))).append("</td><td>").append(esc(e.description())).append("</td><td>")
                        .append(e.example() == null ? "" : esc(e.example())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<table><tr><th>status</th><th>replies</th></tr>\n");
        for (Map.Entry<Integer, Long> e : r.errors().statuses().entrySet()) {
            h.append("<tr><td>").append(e.getKey()).append(' ').append(esc(ErrorTable.reason(e.getKey()))).append("</td><td>")
                    .append(TextReport.count(e.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static XYChart overTime(LoadResult r) {
        XYChart chart = chart("Latency per second (ms)", "second of the run", "ms");
        List<Timeline.Point> points = withReplies(r.timeline());
        if (points.isEmpty()) return chart;
        series(chart, "p50", points, Timeline.Point::p50);
        series(chart, "p90", points, Timeline.Point::p90);
        series(chart, "p99", points, Timeline.Point::p99);
        series(chart, "max", points, Timeline.Point::max);
        return chart;
    }

    static XYChart throughput(LoadResult r) {
        XYChart chart = chart("Requests per second", "second of the run", "per second");
        List<Timeline.Point> points = r.timeline();
        if (points.isEmpty()) return chart;
        series(chart, "sent", points, p -> p.sent());
        series(chart, "replies", points, p -> p.replies());
        series(chart, "errors", points, p -> p.errors());
        return chart;
    }

    // x is 1 / (1 - p), on a log axis: 90% at 10, 99% at 100, 99.9% at 1000, so the tail gets the room.
    static XYChart spectrum(LoadResult r) {
        XYChart chart = chart("Percentile spectrum (x: 1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9)", "1 / (1 - percentile)", "ms");
        chart.getStyler().setXAxisLogarithmic(true);
        addSpectrum(chart, r.openModel() ? "response time" : "latency", PercentileTable.spectrum(r.latency().responseTime(), 5));
        if (r.openModel()) addSpectrum(chart, "service time", PercentileTable.spectrum(r.latency().serviceTime(), 5));
        return chart;
    }

    private static void addSpectrum(XYChart chart, String name, List<PercentileTable.Point> points) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (PercentileTable.Point p : points) {
            if (p.percentile() >= 100) continue; // 1/(1-1) is infinite: the max is in the table
            x.add(1 / (1 - p.percentile() / 100));
            y.add(p.millis());
        }
        if (!x.isEmpty()) chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    private static List<Timeline.Point> withReplies(List<Timeline.Point> points) {
        return points.stream().filter(p -> p.replies() > 0).toList();
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(960).height(360).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    private static void series(XYChart chart, String name, List<Timeline.Point> points, ToDoubleFunction<Timeline.Point> value) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i).second();
            y[i] = value.applyAsDouble(points.get(i));
        }
        chart.addSeries(name, x, y);
    }

    /** The chart as an inline {@code <svg>} element (the XML prolog and doctype dropped). */
    static String svg(XYChart chart) throws IOException {
        if (chart.getSeriesMap().isEmpty()) return "<p class=\"note\">(no data)</p>\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String svg = bytes.toString(StandardCharsets.UTF_8);
        int start = svg.indexOf("<svg");
        return (start < 0 ? svg : svg.substring(start)) + "\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
