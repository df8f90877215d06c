package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the OpenSchedule exercise (lab 06). Task 1: when each request is due; task 2: where the run
 * ends (-n and -t); task 3: lanes (one per event loop) and dueBy. A pure class: nothing here waits or opens a socket.
 */
@DisplayName("Lab 06: OpenSchedule")
class OpenScheduleGradedTest {

    private static final long MS = 1_000_000;

    @Tag("task:1")
    @DisplayName("At 200/s request i is due i × 5 ms after the start, whatever happened before it")
    @Test
    void dueTimesAtAWholeRate() {
        OpenSchedule s = new OpenSchedule(200, 0, 1, 0, 0);
        assertThat(s.runOffsetNanos(0)).as("runOffsetNanos(0) at 200/s").isZero();
        assertThat(s.runOffsetNanos(1)).as("runOffsetNanos(1) at 200/s (ns)").isEqualTo(5 * MS);
        assertThat(s.runOffsetNanos(400)).as("runOffsetNanos(400) at 200/s (ns)").isEqualTo(2_000 * MS);
        assertThat(s.offsetNanos(7)).as("offsetNanos(7) of the only lane at 200/s (ns)").isEqualTo(35 * MS);
    }

    @Tag("task:1")
    @DisplayName("A fractional rate works: 2.5/s is one request every 400 ms, 0.5/s one every 2 s")
    @Test
    void fractionalRates() {
        assertThat(new OpenSchedule(2.5, 0, 1, 0, 0).offsetNanos(2)).as("offsetNanos(2) at 2.5/s (ns)").isEqualTo(800 * MS);
        assertThat(new OpenSchedule(0.5, 0, 1, 0, 0).offsetNanos(3)).as("offsetNanos(3) at 0.5/s (ns)").isEqualTo(6_000 * MS);
        OpenSchedule odd = new OpenSchedule(7.3, 0, 1, 0, 0);
        assertThat(odd.offsetNanos(73)).as("offsetNanos(73) at 7.3/s (ns): 10 s").isBetween(9_999_999_990L, 10_000_000_010L);
        assertThat(odd.laneIntervalNanos()).as("laneIntervalNanos() at 7.3/s, one lane").isBetween(136_986_301.0, 136_986_302.0);
    }

    @Tag("task:2")
    @DisplayName("A time limit keeps the requests due strictly before it: 200/s for 2 s is 400 requests")
    @Test
    void timeLimit() {
        assertThat(new OpenSchedule(200, 0, 1, 0, 2_000 * MS).size()).as("size() of 200/s for 2 s").isEqualTo(400);
        assertThat(new OpenSchedule(3, 0, 1, 0, 1_000 * MS).size()).as("size() of 3/s for 1 s (due at 0, 1/3 s, 2/3 s)").isEqualTo(3);
        assertThat(new OpenSchedule(0.5, 0, 1, 0, 10_000 * MS).size()).as("size() of 0.5/s for 10 s").isEqualTo(5);
        assertThat(new OpenSchedule(1000, 0, 1, 0, 1).size()).as("size() of 1000/s for 1 ns: request 0 is due at 0").isEqualTo(1);
    }

    @Tag("task:2")
    @DisplayName("-n and -t together: whichever comes first ends the run; neither given: no end")
    @Test
    void requestLimit() {
        assertThat(new OpenSchedule(200, 0, 1, 150, 2_000 * MS).size()).as("size() of -n 150 at 200/s for 2 s").isEqualTo(150);
        assertThat(new OpenSchedule(200, 0, 1, 1000, 2_000 * MS).size()).as("size() of -n 1000 at 200/s for 2 s").isEqualTo(400);
        assertThat(new OpenSchedule(200, 0, 1, 25, 0).size()).as("size() of -n 25, no time limit").isEqualTo(25);
        assertThat(new OpenSchedule(200, 0, 1, 0, 0).size()).as("size() with no limit (Long.MAX_VALUE)").isEqualTo(Long.MAX_VALUE);
    }

    @Tag("task:3")
    @DisplayName("Lanes deal the requests out like cards: together they send each request once, at its time")
    @Test
    void lanesDealTheRequests() {
        int lanes = 3;
        List<Long> all = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            OpenSchedule s = new OpenSchedule(1000, lane, lanes, 10, 0);
            sizes.add(s.size());
            for (long j = 0; j < s.size(); j++) all.add(s.offsetNanos(j));
        }
        assertThat(sizes).as("size() of lanes 0, 1, 2 of 3 for -n 10 (requests 0,3,6,9 / 1,4,7 / 2,5,8)").containsExactly(4L, 3L, 3L);
        all.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 10; i++) expected.add(i * MS);
        assertThat(all).as("every lane's offsetNanos(j), sorted, at 1000/s").isEqualTo(expected);
        assertThat(new OpenSchedule(1000, 2, 3, 2, 0).size()).as("size() of lane 2 of 3 for -n 2 (requests 0, 1 only)").isZero();
        assertThat(new OpenSchedule(1000, 1, 4, 0, 0).laneIntervalNanos()).as("laneIntervalNanos() of one of 4 lanes at 1000/s").isEqualTo(4.0 * MS);
    }

    @Tag("task:3")
    @DisplayName("dueBy(t) counts this lane's requests due at t, agrees with offsetNanos to the nanosecond, never exceeds size()")
    @Test
    void dueByCountsWhatIsDue() {
        OpenSchedule s = new OpenSchedule(1000, 1, 2, 0, 0); // requests 1, 3, 5 ... at 1, 3, 5 ... ms
        assertThat(s.dueBy(0)).as("dueBy(0) of lane 1 of 2 at 1000/s").isZero();
        assertThat(s.dueBy(MS - 1)).as("dueBy(1 ms - 1 ns) of lane 1 of 2").isZero();
        assertThat(s.dueBy(MS)).as("dueBy(1 ms) of lane 1 of 2").isEqualTo(1);
        assertThat(s.dueBy(5_500_000)).as("dueBy(5.5 ms) of lane 1 of 2 (1, 3 and 5 ms)").isEqualTo(3);
        assertThat(s.dueBy(-5)).as("dueBy(-5 ns)").isZero();
        for (long j = 0; j < 1000; j++) {
            assertThat(s.dueBy(s.offsetNanos(j))).as("dueBy(offsetNanos(%d))", j).isEqualTo(j + 1);
            assertThat(s.dueBy(s.offsetNanos(j) - 1)).as("dueBy(offsetNanos(%d) - 1 ns)", j).isEqualTo(j);
        }
        OpenSchedule odd = new OpenSchedule(7.3, 0, 1, 0, 0);
        for (long j = 0; j < 500; j++) {
            assertThat(odd.dueBy(odd.offsetNanos(j))).as("dueBy(offsetNanos(%d)) at 7.3/s: rounding must agree", j).isEqualTo(j + 1);
        }
        assertThat(new OpenSchedule(1000, 0, 1, 5, 0).dueBy(1_000 * MS)).as("dueBy(1 s) with -n 5").isEqualTo(5);
    }
}
