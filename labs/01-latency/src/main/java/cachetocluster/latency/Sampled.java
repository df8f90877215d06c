package cachetocluster.latency;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latency distribution of one repeated operation (a read, a round trip): how many samples,
 * and the median and the 99th percentile. A system call's cost is not one number: most calls are
 * quick, a few wait for something (a lock, a disk queue, the scheduler), so we always show the tail.
 */
public record Sampled(long count, double p50Ns, double p99Ns, double maxNs) {

    /** An operation that may throw, timed once per call. */
    @FunctionalInterface
    public interface Operation {
        void run() throws Exception;
    }

    /**
     * Runs {@code op} {@code warmUp} times untimed, then times it until {@code maxCount} samples or
     * {@code budgetNanos} have passed, whichever comes first (at least one sample).
     */
    public static Sampled of(Operation op, int warmUp, int maxCount, long budgetNanos) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            op.run();
        }
        // 3 significant digits over 1 ns .. 100 s: plenty for anything from a syscall to an fsync.
        Histogram histogram = new Histogram(1, TimeUnit.SECONDS.toNanos(100), 3);
        long deadline = System.nanoTime() + budgetNanos;
        for (int i = 0; i < maxCount; i++) {
            long start = System.nanoTime();
            op.run();
            long end = System.nanoTime();
            histogram.recordValue(Math.max(1, end - start));
            if (end > deadline) {
                break;
            }
        }
        return from(histogram);
    }

    public static Sampled from(Histogram histogram) {
        return new Sampled(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
