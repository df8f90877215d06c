package cachetocluster.eventloop;

import org.HdrHistogram.Histogram;

/**
 * Lab 03 exercise: the arithmetic behind Node's perf_hooks.monitorEventLoopDelay(), and the blocked-loop rule.
 *
 * <p>How Node measures loop delay: a repeating timer asks to run every `resolution` ms (10 by default), and each
 * time it runs it records how long it has been since it last ran. On an idle loop that is about 10 ms. When a
 * callback holds the loop for 300 ms, the timer cannot run, and the next interval it records is about 300 ms.
 * The intervals go into an HdrHistogram, which keeps every value within 3 significant digits in fixed memory.
 * DelayMonitor owns the timer and the clock and calls this class with the times: here you only do arithmetic on
 * nanoseconds, which is what makes it testable.
 *
 * <p>The second rule: a single callback that runs longer than the threshold (not equal to it) blocked the loop.
 *
 * <p>Read the lab sheet, labs/03-event-loop/README.md, section "Tasks". Grade with ./workbook grade 3;
 * stuck? ./workbook hint 3.
 */
public final class DelayMeter {

    public static final long DEFAULT_BLOCKED_THRESHOLD_NANOS = 100_000_000L;

    /**
     * Given: a histogram from 1 ns that grows as needed, with 3 significant digits, like Node's. Its methods:
     * recordValue(long), getTotalCount(), getMinValue(), getMaxValue(), getMean(), getValueAtPercentile(double),
     * reset().
     */
    private final Histogram histogram = new Histogram(3);
    private final long blockedThresholdNanos;

    public DelayMeter() {
        this(DEFAULT_BLOCKED_THRESHOLD_NANOS);
    }

    public DelayMeter(long blockedThresholdNanos) {
        this.blockedThresholdNanos = blockedThresholdNanos;
    }

    /** The timer was (re)started at nowNanos: the next tick records the interval from here. */
    public void start(long nowNanos) {
        // TODO task 10: remember nowNanos as the previous tick.
        throw new UnsupportedOperationException("TODO: DelayMeter.start, lab 03 task 10 (labs/03-event-loop/README.md)");
    }

    /**
     * The timer ran at nowNanos: record the interval since the previous tick (or since start). The first tick
     * without a start only sets the reference point; an interval that is not positive is not recorded.
     */
    public void tick(long nowNanos) {
        // TODO task 10
        throw new UnsupportedOperationException("TODO: DelayMeter.tick, lab 03 task 10 (labs/03-event-loop/README.md)");
    }

    /** How many intervals were recorded. */
    public long count() {
        // TODO task 10
        throw new UnsupportedOperationException("TODO: DelayMeter.count, lab 03 task 10 (labs/03-event-loop/README.md)");
    }

    /** The shortest interval in ns, 0 when nothing was recorded. */
    public long min() {
        // TODO task 10
        throw new UnsupportedOperationException("TODO: DelayMeter.min, lab 03 task 10 (labs/03-event-loop/README.md)");
    }

    /** The longest interval in ns, 0 when nothing was recorded. */
    public long max() {
        // TODO task 10
        throw new UnsupportedOperationException("TODO: DelayMeter.max, lab 03 task 10 (labs/03-event-loop/README.md)");
    }

    /** The mean interval in ns, 0 when nothing was recorded. */
    public double mean() {
        // TODO task 11
        throw new UnsupportedOperationException("TODO: DelayMeter.mean, lab 03 task 11 (labs/03-event-loop/README.md)");
    }

    /** The interval at percentile (0 to 100) in ns, 0 when nothing was recorded. */
    public long percentile(double percentile) {
        // TODO task 11
        throw new UnsupportedOperationException("TODO: DelayMeter.percentile, lab 03 task 11 (labs/03-event-loop/README.md)");
    }

    /** Node's histogram.reset(): forget the values and the blocked count; keep ticking from the last tick. */
    public void reset() {
        // TODO task 11 (and task 12: the blocked count)
        throw new UnsupportedOperationException("TODO: DelayMeter.reset, lab 03 task 11 (labs/03-event-loop/README.md)");
    }

    /** A callback ran for durationNanos: return true, and count it, if it ran longer than the threshold. */
    public boolean callbackFinished(long durationNanos) {
        // TODO task 12
        throw new UnsupportedOperationException("TODO: DelayMeter.callbackFinished, lab 03 task 12 (labs/03-event-loop/README.md)");
    }

    /** How many callbacks blocked the loop since creation or reset(). */
    public long blockedCount() {
        // TODO task 12
        throw new UnsupportedOperationException("TODO: DelayMeter.blockedCount, lab 03 task 12 (labs/03-event-loop/README.md)");
    }

    public long blockedThresholdNanos() {
        return blockedThresholdNanos;
    }
}
