package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The graded tests of the DelayMeter exercise (lab 03): the arithmetic of monitorEventLoopDelay, fed with
 * made-up times in nanoseconds. HdrHistogram keeps 3 significant digits, so values are checked within 0.1 %.
 */
@DisplayName("Lab 03: DelayMeter")
class DelayMeterGradedTest {

    private static final long MS = 1_000_000L;

    /** 0.1 % of the expected value: what 3 significant digits promise. */
    private static Offset<Long> precise(long expected) {
        return within(Math.max(1, expected / 1000));
    }

    @Tag("task:10")
    @DisplayName("Each tick records the interval since the previous tick; the first tick only starts the clock")
    @Test
    void ticksRecordIntervals() {
        DelayMeter meter = new DelayMeter();
        meter.tick(1_000 * MS);
        assertThat(meter.count()).as("count() after the first tick(1000 ms)").isZero();
        meter.tick(1_010 * MS);
        meter.tick(1_020 * MS);
        meter.tick(1_330 * MS); // a callback held the loop: the timer ran 300 ms late
        meter.tick(1_341 * MS);
        assertThat(meter.count()).as("count() after ticks at 1000, 1010, 1020, 1330, 1341 ms").isEqualTo(4);
        assertThat(meter.min()).as("min() in ns (intervals 10, 10, 310, 11 ms)").isCloseTo(10 * MS, precise(10 * MS));
        assertThat(meter.max()).as("max() in ns (intervals 10, 10, 310, 11 ms)").isCloseTo(310 * MS, precise(310 * MS));
    }

    @Tag("task:10")
    @DisplayName("start(now) sets the reference point: the next tick records the interval from there")
    @Test
    void startSetsTheReferencePoint() {
        DelayMeter meter = new DelayMeter();
        meter.start(500 * MS);
        meter.tick(512 * MS);
        assertThat(meter.count()).as("count() after start(500 ms), tick(512 ms)").isEqualTo(1);
        assertThat(meter.max()).as("max() after start(500 ms), tick(512 ms)").isCloseTo(12 * MS, precise(12 * MS));
        meter.start(2_000 * MS); // re-enabled after a pause: the pause is not an interval
        meter.tick(2_010 * MS);
        assertThat(meter.max()).as("max() after start(2000 ms), tick(2010 ms): the gap 512..2000 is not recorded")
                .isCloseTo(12 * MS, precise(12 * MS));
        assertThat(meter.count()).as("count()").isEqualTo(2);
    }

    @Tag("task:10")
    @DisplayName("An interval that is not positive (the clock did not move) is not recorded")
    @Test
    void nonPositiveIntervalsAreSkipped() {
        DelayMeter meter = new DelayMeter();
        meter.tick(100 * MS);
        meter.tick(100 * MS);
        meter.tick(99 * MS);
        assertThat(meter.count()).as("count() after ticks at 100, 100, 99 ms").isZero();
        meter.tick(109 * MS);
        assertThat(meter.count()).as("count() after one more tick at 109 ms").isEqualTo(1);
        assertThat(meter.min()).as("min(): the interval from the last tick (99 ms) to 109 ms").isCloseTo(10 * MS, precise(10 * MS));
    }

    @Tag("task:10")
    @DisplayName("An empty meter answers 0 for min, max, mean and percentiles")
    @Test
    void anEmptyMeterAnswersZero() {
        DelayMeter meter = new DelayMeter();
        assertThat(meter.count()).as("count()").isZero();
        assertThat(meter.min()).as("min() of an empty meter").isZero();
        assertThat(meter.max()).as("max() of an empty meter").isZero();
        assertThat(meter.mean()).as("mean() of an empty meter").isZero();
        assertThat(meter.percentile(99)).as("percentile(99) of an empty meter").isZero();
    }

    @Tag("task:11")
    @DisplayName("Mean and percentiles come from the histogram: 99 intervals of 10 ms and one of 300 ms")
    @Test
    void meanAndPercentiles() {
        DelayMeter meter = new DelayMeter();
        long t = 0;
        meter.tick(t);
        for (int i = 0; i < 99; i++) {
            meter.tick(t += 10 * MS);
        }
        meter.tick(t += 300 * MS);
        assertThat(meter.count()).as("count()").isEqualTo(100);
        assertThat(meter.mean()).as("mean() in ns: (99 * 10 + 300) / 100 = 12.9 ms").isCloseTo(12.9 * MS, within(12.9 * MS / 1000));
        assertThat(meter.percentile(50)).as("percentile(50)").isCloseTo(10 * MS, precise(10 * MS));
        assertThat(meter.percentile(99)).as("percentile(99): 99 of 100 values are 10 ms").isCloseTo(10 * MS, precise(10 * MS));
        assertThat(meter.percentile(100)).as("percentile(100)").isCloseTo(300 * MS, precise(300 * MS));
    }

    @Tag("task:11")
    @DisplayName("The percentiles of 1 to 1000 ms are close to p milliseconds")
    @ParameterizedTest(quoteTextArguments = false, name = "percentile({0}) of intervals 1, 2, ... 1000 ms is {1} ms")
    @CsvSource({"50, 500", "90, 900", "99, 990", "99.9, 999", "100, 1000"})
    void percentilesOfAUniformSpread(double percentile, long expectedMs) {
        DelayMeter meter = new DelayMeter();
        long t = 0;
        meter.tick(t);
        for (int ms = 1; ms <= 1000; ms++) {
            meter.tick(t += ms * MS);
        }
        assertThat(meter.percentile(percentile)).as("percentile(%s) in ns", percentile)
                .isCloseTo(expectedMs * MS, precise(expectedMs * MS));
    }

    @Tag("task:11")
    @DisplayName("reset() forgets the values but keeps ticking from the last tick")
    @Test
    void resetForgetsTheValues() {
        DelayMeter meter = new DelayMeter();
        meter.tick(0);
        meter.tick(500 * MS);
        meter.reset();
        assertThat(meter.count()).as("count() after reset()").isZero();
        assertThat(meter.max()).as("max() after reset()").isZero();
        meter.tick(510 * MS);
        assertThat(meter.count()).as("count() after one more tick").isEqualTo(1);
        assertThat(meter.max()).as("max(): the interval 500..510 ms").isCloseTo(10 * MS, precise(10 * MS));
    }

    @Tag("task:12")
    @DisplayName("A callback that runs longer than the threshold blocks the loop; one that runs exactly as long does not")
    @ParameterizedTest(quoteTextArguments = false, name = "threshold 100 ms, callback of {0} ns: blocked = {1}")
    @CsvSource({"99999999, false", "100000000, false", "100000001, true", "300000000, true", "0, false"})
    void theBlockedRule(long nanos, boolean blocked) {
        DelayMeter meter = new DelayMeter(100 * MS);
        assertThat(meter.callbackFinished(nanos)).as("callbackFinished(%d) with a threshold of 100 ms", nanos).isEqualTo(blocked);
        assertThat(meter.blockedCount()).as("blockedCount() afterwards").isEqualTo(blocked ? 1 : 0);
    }

    @Tag("task:12")
    @DisplayName("Blocked callbacks are counted, and reset() clears the count; the default threshold is 100 ms")
    @Test
    void blockedCallbacksAreCounted() {
        DelayMeter meter = new DelayMeter(5 * MS);
        meter.callbackFinished(6 * MS);
        meter.callbackFinished(1 * MS);
        meter.callbackFinished(50 * MS);
        assertThat(meter.blockedCount()).as("blockedCount() after callbacks of 6, 1 and 50 ms, threshold 5 ms").isEqualTo(2);
        assertThat(meter.blockedThresholdNanos()).as("blockedThresholdNanos()").isEqualTo(5 * MS);
        meter.reset();
        assertThat(meter.blockedCount()).as("blockedCount() after reset()").isZero();
        assertThat(new DelayMeter().blockedThresholdNanos()).as("new DelayMeter().blockedThresholdNanos()").isEqualTo(100 * MS);
    }
}
