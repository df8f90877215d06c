package cachetocluster.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latency table of the report: min, mean, p50, p90, p95, p99, p99.9 and max of a histogram of microseconds,
 * in milliseconds. Why these: the mean hides the tail (one 1 s stall among 999 fast replies moves the mean by
 * 1 ms and the p99.9 to a second), and the tail is what many users meet, because a page makes many requests.
 *
 * <p>A percentile here is HdrHistogram's {@code getValueAtPercentile}: the smallest recorded value such that at
 * least that share of all values is less than or equal to it (loadtest uses a strict "greater than" on 1 ms
 * buckets, so its figures can be up to a millisecond off ours).
 */
public final class PercentileTable {

    private PercentileTable() {}

    /** The figures of one histogram, in milliseconds; all zero when nothing was recorded. */
    public record Summary(long count, double min, double mean, double p50, double p90, double p95, double p99,
                          double p999, double max) {

        public static final List<String> LABELS = List.of("min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max");

        /** The figures in {@link #LABELS} order. */
        public double[] values() {
            return new double[] {min, mean, p50, p90, p95, p99, p999, max};
        }
    }

    /** One point of the percentile spectrum: {@code percentile} of the values are at most {@code millis}. */
    public record Point(double percentile, double millis) {}

    /** The summary of a histogram of microseconds. */
    public static Summary summarize(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Summary(micros.getTotalCount(),
                ms(micros.getMinValue()), micros.getMean() / 1000.0,
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    /**
     * The whole distribution, as wrk2 and HdrHistogram print it: points that get denser towards 100%
     * ({@code ticksPerHalfDistance} points per halving of the distance to 100%), ending at the max.
     */
    public static List<Point> spectrum(Histogram micros, int ticksPerHalfDistance) {
        List<Point> points = new ArrayList<>();
        if (micros.getTotalCount() == 0) return points;
        for (HistogramIterationValue v : micros.percentiles(ticksPerHalfDistance)) {
            points.add(new Point(v.getPercentileLevelIteratedTo(), ms(v.getValueIteratedTo())));
        }
        return points;
    }

    /**
     * The table as text: a header line and one line per labelled summary, e.g.
     * <pre>
     *   latency (ms)          min     mean      p50      p90      p95      p99    p99.9      max
     *   response time        0.21     0.45     0.40     0.62     0.70     1.10     4.20     9.81
     * </pre>
     */
    public static List<String> render(List<String> labels, List<Summary> summaries) {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-18s", "latency (ms)"));
        for (String label : Summary.LABELS) header.append(String.format(Locale.ROOT, " %8s", label));
        lines.add(header.toString());
        for (int i = 0; i < labels.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-18s", labels.get(i)));
            for (double v : summaries.get(i).values()) row.append(String.format(Locale.ROOT, " %8s", millis(v)));
            lines.add(row.toString());
        }
        return lines;
    }

    /** A latency in ms with about three significant digits: 0.0123, 0.412, 4.12, 41.2, 412, 4120. */
    public static String millis(double ms) {
        if (ms == 0) return "0";
        if (ms < 0.1) return String.format(Locale.ROOT, "%.4f", ms);
        if (ms < 1) return String.format(Locale.ROOT, "%.3f", ms);
        if (ms < 10) return String.format(Locale.ROOT, "%.2f", ms);
        if (ms < 100) return String.format(Locale.ROOT, "%.1f", ms);
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
