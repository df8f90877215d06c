package cachetocluster.child.startup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and percentiles of a handful of samples, by nearest rank (no interpolation between two forks). */
final class Stats {

    private Stats() {}

    static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The smallest sample that at least {@code p} percent of the samples do not exceed. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static List<Double> sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
