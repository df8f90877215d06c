package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the LatencyRecorder exercise (lab 06). Task 4: two clocks per reply; task 5: the closed model,
 * clocks that disagree, late sends; task 6: a stall (coordinated omission) and merging the loops' recorders.
 * Times are plain numbers handed in: nothing waits.
 */
@DisplayName("Lab 06: LatencyRecorder")
class LatencyRecorderGradedTest {

    private static final long MS = 1_000_000;

    @Tag("task:4")
    @DisplayName("Service time counts from the actual send, response time from when the request was due (µs)")
    @Test
    void twoClocks() {
        LatencyRecorder r = new LatencyRecorder();
        long micros = r.record(0, 300 * MS, 302 * MS); // due at 0, sent 300 ms late, answered 2 ms after the send
        assertThat(micros).as("record(due 0, sent 300 ms, done 302 ms) returns the response time in µs").isEqualTo(302_000);
        assertThat(r.serviceTime().getTotalCount()).as("serviceTime() count after one record").isEqualTo(1);
        assertThat(r.responseTime().getTotalCount()).as("responseTime() count after one record").isEqualTo(1);
        assertThat(r.serviceTime().getMaxValue()).as("serviceTime() max (µs): done - sent").isBetween(1_999L, 2_001L);
        assertThat(r.responseTime().getMaxValue()).as("responseTime() max (µs): done - due").isBetween(301_800L, 302_200L);
        assertThat(r.count()).as("count()").isEqualTo(1);
    }

    @Tag("task:4")
    @DisplayName("Values are recorded in microseconds: 1.5 ms is 1500, 40 µs is 40")
    @Test
    void microseconds() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(0, 0, 1_500_000);
        r.record(0, 0, 40_000);
        assertThat(r.serviceTime().getMaxValue()).as("serviceTime() max after 1.5 ms and 40 µs").isBetween(1_499L, 1_501L);
        assertThat(r.serviceTime().getMinValue()).as("serviceTime() min after 1.5 ms and 40 µs").isEqualTo(40);
        assertThat(r.count()).as("count()").isEqualTo(2);
    }

    @Tag("task:5")
    @DisplayName("Closed model (due = sent): both histograms agree; a send before its due time never makes a negative queue")
    @Test
    void closedModelAndEarlySends() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(10 * MS, 10 * MS, 15 * MS);
        long early = r.record(20 * MS, 19 * MS, 25 * MS); // a clock said "sent 1 ms before it was due": on time
        assertThat(early).as("record(due 20 ms, sent 19 ms, done 25 ms): response µs, queue counted as 0").isEqualTo(6_000);
        assertThat(r.responseTime().getMaxValue()).as("responseTime() max vs serviceTime() max").isEqualTo(r.serviceTime().getMaxValue());
        assertThat(r.responseTime().getMinValue()).as("responseTime() min vs serviceTime() min").isEqualTo(r.serviceTime().getMinValue());
        assertThat(r.late()).as("late() with no request sent after its due time").isZero();
        assertThat(r.maxQueueNanos()).as("maxQueueNanos() with no queue").isZero();
        assertThat(new LatencyRecorder().record(0, 5 * MS, 4 * MS)).as("record(due 0, sent 5 ms, done 4 ms): a reply 'before' its send has service 0").isEqualTo(5_000);
    }

    @Tag("task:5")
    @DisplayName("A send more than LATE_NANOS (1 ms) after its due time counts as late; the longest queue is kept")
    @Test
    void lateSends() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(0, LatencyRecorder.LATE_NANOS, 5 * MS);          // exactly 1 ms late: not late
        r.record(0, LatencyRecorder.LATE_NANOS + 1, 5 * MS);      // 1 ms + 1 ns: late
        r.record(0, 40 * MS, 41 * MS);                            // 40 ms late
        r.record(50 * MS, 60 * MS, 61 * MS);                      // 10 ms late
        assertThat(r.late()).as("late() after sends 1 ms, 1 ms + 1 ns, 40 ms and 10 ms after their due times").isEqualTo(3);
        assertThat(r.maxQueueNanos()).as("maxQueueNanos()").isEqualTo(40 * MS);
    }

    @Tag("task:6")
    @DisplayName("A 1 s stall at 100/s on one connection: the response-time p99 sees it, the service-time p99 does not")
    @Test
    void stall() {
        LatencyRecorder r = new LatencyRecorder();
        // 10 s at 100/s on one connection; the server stops for 1 s at t = 5 s: the request on the wire waits 1 s,
        // the 100 due during the stall go out when it ends, one after the other.
        long free = 0;
        for (int i = 0; i < 1000; i++) {
            long due = i * 10 * MS;
            long sent = Math.max(due, free);
            long done = sent + (i == 500 ? 1000 * MS : MS);
            r.record(due, sent, done);
            free = done;
        }
        assertThat(r.count()).as("count()").isEqualTo(1000);
        assertThat(r.serviceTime().getValueAtPercentile(99) / 1000.0).as("service-time p99 (ms)").isLessThan(2.0);
        assertThat(r.serviceTime().getMaxValue() / 1000.0).as("service-time max (ms)").isGreaterThan(999.0);
        assertThat(r.responseTime().getValueAtPercentile(99) / 1000.0).as("response-time p99 (ms)").isGreaterThan(900.0);
        assertThat(r.responseTime().getValueAtPercentile(90) / 1000.0).as("response-time p90 (ms): 100 of 1000 waited").isGreaterThan(5.0);
        assertThat(r.late()).as("late(): the 99 due during the stall, and the ones after it while the queue drains").isBetween(100L, 120L);
    }

    @Tag("task:6")
    @DisplayName("Each event loop has its own recorder; add() merges them: counts, late sends and the longest queue")
    @Test
    void addMergesAnotherRecorder() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(0, 0, MS);
        a.record(0, 2 * MS, 3 * MS);
        b.record(0, 5 * MS, 6 * MS);
        a.add(b);
        assertThat(a.count()).as("count() after add").isEqualTo(3);
        assertThat(a.responseTime().getTotalCount()).as("responseTime() count after add").isEqualTo(3);
        assertThat(a.responseTime().getMaxValue()).as("responseTime() max after add (µs)").isBetween(5_995L, 6_005L);
        assertThat(a.late()).as("late() after add").isEqualTo(2);
        assertThat(a.maxQueueNanos()).as("maxQueueNanos() after add").isEqualTo(5 * MS);
        assertThat(b.count()).as("the other recorder is left as it was").isEqualTo(1);
    }
}
