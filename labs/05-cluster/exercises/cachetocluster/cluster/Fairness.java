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
 * <p>The distribution demo (./workbook run 5 distribution --mine) prints its table with YOUR numbers.
 *
 * <p>Read the lab sheet, labs/05-cluster/README.md, section "Exercises". Grade with ./workbook grade 5.
 */
public final class Fairness {

    private final long[] counts;

    private Fairness(long[] counts) {
        // TODO task 7: no counts at all, or a negative one: IllegalArgumentException (say which).
        this.counts = counts;
    }

    /** From the count of each worker (at least one worker; no negative counts). Given. */
    public static Fairness of(long... counts) {
        return new Fairness(counts.clone());
    }

    /** From the count of each worker, e.g. {@code map.values()}. Given. */
    public static Fairness of(Collection<? extends Number> counts) {
        return new Fairness(counts.stream().mapToLong(Number::longValue).toArray());
    }

    /** Given. */
    public int workers() {
        return counts.length;
    }

    public long total() {
        // TODO task 7: Arrays.stream(counts) has sum(), max(), min().
        throw new UnsupportedOperationException("TODO: Fairness.total, lab 05 task 7 (labs/05-cluster/README.md)");
    }

    public long max() {
        throw new UnsupportedOperationException("TODO: Fairness.max, lab 05 task 7 (labs/05-cluster/README.md)");
    }

    public long min() {
        throw new UnsupportedOperationException("TODO: Fairness.min, lab 05 task 7 (labs/05-cluster/README.md)");
    }

    public double mean() {
        // TODO task 7: careful, a long divided by an int is a long: 200 / 3 == 66.
        throw new UnsupportedOperationException("TODO: Fairness.mean, lab 05 task 7 (labs/05-cluster/README.md)");
    }

    /** max / min; +Infinity if the idlest worker got none and another got some; NaN if nobody got any. */
    public double maxMinRatio() {
        // TODO task 7: decide the two special cases BEFORE dividing (0.0 / 0 is NaN and 5.0 / 0 is Infinity in Java,
        //              but say it on purpose: a reader should not have to know IEEE 754 by heart).
        throw new UnsupportedOperationException("TODO: Fairness.maxMinRatio, lab 05 task 7 (labs/05-cluster/README.md)");
    }

    /** Population standard deviation over the mean; 0 when all are equal; NaN if nobody got any. */
    public double coefficientOfVariation() {
        // TODO task 8: sqrt(sum((x - mean)^2) / n) / mean; divide by n, not n - 1 (these workers are all there are).
        throw new UnsupportedOperationException("TODO: Fairness.coefficientOfVariation, lab 05 task 8 (labs/05-cluster/README.md)");
    }

    /** Jain's index, {@code (sum x)^2 / (n * sum x^2)}: 1 when all are equal, 1/n when one did all; NaN if none. */
    public double jainIndex() {
        // TODO task 8: sum the squares in double: (long) 3_000_000_000 squared overflows a long.
        throw new UnsupportedOperationException("TODO: Fairness.jainIndex, lab 05 task 8 (labs/05-cluster/README.md)");
    }

    /** Worker {@code index}'s fraction of the total (in the order the counts were given); NaN if the total is 0. */
    public double share(int index) {
        throw new UnsupportedOperationException("TODO: Fairness.share, lab 05 task 7 (labs/05-cluster/README.md)");
    }

    /** One line: {@code 3 workers, 600 connections: max/min 1.10, cv 0.041, Jain 0.998}. Given. */
    public String summary() {
        return String.format(Locale.ROOT, "%d workers, %d connections: max/min %.2f, cv %.3f, Jain %.3f",
                workers(), total(), maxMinRatio(), coefficientOfVariation(), jainIndex());
    }

    @Override
    public String toString() {
        return "Fairness" + Arrays.toString(counts);
    }
}
