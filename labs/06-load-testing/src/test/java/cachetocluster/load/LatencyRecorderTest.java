package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The coordinated-omission-aware recorder. */
class LatencyRecorderTest {

    private static final long MS = 1_000_000;

    @Test
    @DisplayName("Service time counts from the send, response time from when the request was due")
    void twoClocks() {
        LatencyRecorder r = new LatencyRecorder();
        long micros = r.record(0, 300 * MS, 302 * MS); // due at 0, sent 300 ms late, answered in 2 ms
        assertThat(micros).isEqualTo(302_000);
        assertThat(r.serviceTime().getMaxValue()).isBetween(1_999L, 2_001L);
        assertThat(r.responseTime().getMaxValue()).isBetween(301_800L, 302_200L);
        assertThat(r.late()).isEqualTo(1);
        assertThat(r.maxQueueNanos()).isEqualTo(300 * MS);
    }

    @Test
    @DisplayName("In the closed model (due = sent) both histograms agree; early sends never make a negative queue")
    void closedModel() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(10 * MS, 10 * MS, 15 * MS);
        r.record(20 * MS, 19 * MS, 25 * MS);
        assertThat(r.responseTime().getTotalCount()).isEqualTo(2);
        assertThat(r.responseTime().getMaxValue()).isEqualTo(r.serviceTime().getMaxValue());
        assertThat(r.late()).isZero();
    }

    @Test
    @DisplayName("A 1 s stall at 100/s: the response-time p99 sees it, the service-time p99 does not")
    void stall() {
        LatencyRecorder r = new LatencyRecorder();
        // 10 s at 100/s on one connection; the server stops for 1 s at t = 5 s: the request on the wire waits
        // 1 s, the 100 due during the stall go out when it ends.
        long t = 0;
        for (int i = 0; i < 1000; i++) {
            long due = i * 10 * MS;
            long sent = Math.max(due, t);
            long done = sent + (i == 500 ? 1000 * MS : MS);
            r.record(due, sent, done);
            t = done;
        }
        assertThat(r.serviceTime().getValueAtPercentile(99) / 1000.0).as("service p99 (ms)").isLessThan(2.0);
        assertThat(r.serviceTime().getMaxValue() / 1000.0).as("service max (ms)").isGreaterThan(999.0);
        assertThat(r.responseTime().getValueAtPercentile(99) / 1000.0).as("response p99 (ms)").isGreaterThan(900.0);
    }

    @Test
    @DisplayName("Loops' recorders add up")
    void add() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(0, 0, MS);
        b.record(0, 5 * MS, 6 * MS);
        a.add(b);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.late()).isEqualTo(1);
        assertThat(a.maxQueueNanos()).isEqualTo(5 * MS);
    }
}
