package cachetocluster.eventloop;

import org.HdrHistogram.Histogram;

/**
 * The arithmetic of {@link DelayMonitor}, apart from any clock or loop: it is given times and durations in
 * nanoseconds, so a test can say exactly what happened.
 *
 * <p>How Node measures loop delay ({@code perf_hooks.monitorEventLoopDelay({resolution})}, src/histogram.cc):
 * a repeating timer asks to run every {@code resolution} ms, and each time it runs it records the time since
 * it last ran. An idle loop records ≈ resolution (10 ms by default); a loop that a callback blocked for 300 ms
 * records one interval of ≈ 300 ms, because the timer could not run any earlier. The histogram thus holds the
 * <em>intervals</em>, not the lateness: Node's {@code min} on an idle loop is about 10,100,000 ns. We record
 * the same quantity, so the two can be read side by side.
 *
 * <p>The values go to an HdrHistogram with 3 significant digits, like Node's: each value is kept within 0.1 %,
 * which is what makes percentiles over millions of values cheap (fixed memory, O(1) record).
 *
 * <p>The blocked-loop rule is separate: a single callback that ran <em>longer than</em> the threshold (100 ms
 * by default) blocked the loop, and everything queued behind it waited that long.
 *
 * <p>This is a lab 03 exercise: {@code exercises/cachetocluster/eventloop/DelayMeter.java} is the learner's copy;
 * {@code DelayMeterGradedTest} grades it.
 */
public final class DelayMeter {

    public static final long DEFAULT_BLOCKED_THRESHOLD_NANOS = 100_000_000L;

    /** Auto-resizing from 1 ns, 3 significant digits: Node's ELD histogram has the same shape. */
    private final Histogram histogram = new Histogram(3);
    private final long blockedThresholdNanos;
    private boolean started;
    private long previousTick;
    private long blockedCount;

    public DelayMeter() {
        this(DEFAULT_BLOCKED_THRESHOLD_NANOS);
    }

    public DelayMeter(long blockedThresholdNanos) {
        if (blockedThresholdNanos < 0) {
            throw new IllegalArgumentException("the threshold cannot be negative: " + blockedThresholdNanos);
        }
        this.blockedThresholdNanos = blockedThresholdNanos;
    }

    /** The timer was (re)started at {@code nowNanos}: the next tick records the interval from here. */
    public void start(long nowNanos) {
        previousTick = nowNanos;
        started = true;
    }

    /**
     * The timer ran at {@code nowNanos}: record the interval since the previous tick (or since {@link #start}).
     * The very first tick without a start only sets the reference point. A non-positive interval (a clock that
     * did not move) is not recorded, as in Node.
     */
    public void tick(long nowNanos) {
        if (started) {
            long interval = nowNanos - previousTick;
            if (interval > 0) {
                histogram.recordValue(interval);
            }
        }
        start(nowNanos);
    }

    /** A callback ran for {@code durationNanos}: returns true, and counts it, if it blocked the loop. */
    public boolean callbackFinished(long durationNanos) {
        if (durationNanos > blockedThresholdNanos) {
            blockedCount++;
            return true;
        }
        return false;
    }

    public long blockedThresholdNanos() {
        return blockedThresholdNanos;
    }

    /** How many callbacks blocked the loop since creation or {@link #reset()}. */
    public long blockedCount() {
        return blockedCount;
    }

    /** How many intervals were recorded. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The shortest interval in ns (within 0.1 %), 0 when nothing was recorded. */
    public long min() {
        return count() == 0 ? 0 : histogram.getMinValue();
    }

    /** The longest interval in ns (within 0.1 %), 0 when nothing was recorded. */
    public long max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    /** The mean interval in ns, 0 when nothing was recorded. */
    public double mean() {
        return count() == 0 ? 0 : histogram.getMean();
    }

    /** The interval at {@code percentile} (0 to 100) in ns, 0 when nothing was recorded. */
    public long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("a percentile is between 0 and 100: " + percentile);
        }
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** Node's {@code histogram.reset()}: forget the values and the blocked count; keep ticking from the last tick. */
    public void reset() {
        histogram.reset();
        blockedCount = 0;
    }
}
