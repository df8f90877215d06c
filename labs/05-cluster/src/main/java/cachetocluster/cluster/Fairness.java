package cachetocluster.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Lab 05 exercise: how evenly were connections spread over the workers? Four numbers, each answering the question
 * a little differently, from the count of connections each worker served.
 *
 * <ul>
 *   <li><b>max/min</b>: the busiest worker's count over the idlest one's. 1 is perfect; Node's docs describe the
 *       shared handle at its worst as "over 70% of all connections in just two processes, out of eight", a ratio
 *       far above 10. Infinite when some worker got nothing (and another got something).</li>
 *   <li><b>coefficient of variation</b>: the standard deviation over the mean (the population one: the workers are
 *       all there is, not a sample of them). 0 is perfect; it does not depend on how many connections there were.</li>
 *   <li><b>Jain's fairness index</b>: {@code (sum x)^2 / (n * sum x^2)}, from 1/n (one worker did everything) to 1
 *       (all equal); read as "the fraction of workers that were used fairly" (Jain, Chiu and Hawe, 1984).</li>
 *   <li><b>shares</b>: each worker's fraction of the total.</li>
 * </ul>
 * With no connections at all nothing can be said: ratio, coefficient and index are NaN.
 *
 * <p>Read the lab sheet, labs/05-cluster/README.md, section "Tasks". Grade with ./workbook grade 5.
 */
public final class Fairness {

    private final long[] counts;

    private Fairness(long[] counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("fairness needs at least one worker");
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("a connection count cannot be negative: " + c);
            }
        }
        this.counts = counts;
    }

    /** From the count of each worker (at least one worker; no negative counts). */
    public static Fairness of(long... counts) {
        return new Fairness(counts.clone());
    }

    /** From the count of each worker, e.g. {@code map.values()}. */
    public static Fairness of(Collection<? extends Number> counts) {
        return new Fairness(counts.stream().mapToLong(Number::longValue).toArray());
    }

    public int workers() {
        return counts.length;
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    public long max() {
        return Arrays.stream(counts).max().orElseThrow();
    }

    public long min() {
        return Arrays.stream(counts).min().orElseThrow();
    }

    public double mean() {
        return (double) total() / counts.length;
    }

    /** max / min; +Infinity if the idlest worker got none and another got some; NaN if nobody got any. */
    public double maxMinRatio() {
        long max = max();
        long min = min();
        if (max == 0) {
            return Double.NaN;
        }
        return min == 0 ? Double.POSITIVE_INFINITY : (double) max / min;
    }

    /** Population standard deviation over the mean; 0 when all are equal; NaN if nobody got any. */
    public double coefficientOfVariation() {
        double mean = mean();
        if (mean == 0) {
            return Double.NaN;
        }
        double squares = 0;
        for (long c : counts) {
            squares += (c - mean) * (c - mean);
        }
        return Math.sqrt(squares / counts.length) / mean;
    }

    /** Jain's index, {@code (sum x)^2 / (n * sum x^2)}: 1 when all are equal, 1/n when one did all; NaN if none. */
    public double jainIndex() {
        double sum = 0;
        double sumOfSquares = 0;
        for (long c : counts) {
            sum += c;
            sumOfSquares += (double) c * c;
        }
        return sumOfSquares == 0 ? Double.NaN : sum * sum / (counts.length * sumOfSquares);
    }

    /** Worker {@code index}'s fraction of the total (in the order the counts were given); NaN if the total is 0. */
    public double share(int index) {
        long total = total();
        return total == 0 ? Double.NaN : (double) counts[index] / total;
    }

    /** One line: {@code 3 workers, 600 connections: max/min 1.10, cv 0.041, Jain 0.998}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d workers, %d connections: max/min %.2f, cv %.3f, Jain %.3f",
                workers(), total(), maxMinRatio(), coefficientOfVariation(), jainIndex());
    }

    @Override
    public String toString() {
        return "Fairness" + Arrays.toString(counts);
    }
}
