package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The open model's timetable. */
class OpenScheduleTest {

    @Test
    @DisplayName("Request i is due at i/rate seconds")
    void dueTimes() {
        OpenSchedule s = new OpenSchedule(200, 0, 1, 0, 0);
        assertThat(s.offsetNanos(0)).isZero();
        assertThat(s.offsetNanos(1)).isEqualTo(5_000_000);
        assertThat(s.offsetNanos(400)).isEqualTo(2_000_000_000L);
        assertThat(new OpenSchedule(2.5, 0, 1, 0, 0).offsetNanos(2)).as("fractional rate").isEqualTo(800_000_000L);
    }

    @Test
    @DisplayName("A time limit keeps the requests due strictly before it: 200/s for 2 s is 400")
    void timeLimit() {
        assertThat(new OpenSchedule(200, 0, 1, 0, 2_000_000_000L).size()).isEqualTo(400);
        assertThat(new OpenSchedule(3, 0, 1, 0, 1_000_000_000L).size()).as("3/s for 1 s: at 0, 1/3, 2/3").isEqualTo(3);
        assertThat(new OpenSchedule(0.5, 0, 1, 0, 10_000_000_000L).size()).as("0.5/s for 10 s").isEqualTo(5);
        assertThat(new OpenSchedule(200, 0, 1, 150, 2_000_000_000L).size()).as("-n 150 comes first").isEqualTo(150);
        assertThat(new OpenSchedule(200, 0, 1, 0, 0).size()).as("no limit").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("Lanes deal the requests like cards: together they send each request once, at its time")
    void lanes() {
        int lanes = 3;
        List<Long> all = new ArrayList<>();
        long total = 0;
        for (int lane = 0; lane < lanes; lane++) {
            OpenSchedule s = new OpenSchedule(1000, lane, lanes, 10, 0);
            total += s.size();
            for (long j = 0; j < s.size(); j++) all.add(s.offsetNanos(j));
        }
        assertThat(total).isEqualTo(10);
        all.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 10; i++) expected.add(i * 1_000_000);
        assertThat(all).isEqualTo(expected);
        assertThat(new OpenSchedule(1000, 1, 3, 10, 0).size()).as("lane 1 of 3, 10 requests: 1, 4, 7").isEqualTo(3);
        assertThat(new OpenSchedule(1000, 2, 3, 2, 0).size()).as("lane 2 of 3, 2 requests").isZero();
    }

    @Test
    @DisplayName("dueBy counts this lane's requests due at a time, and agrees with offsetNanos")
    void dueBy() {
        OpenSchedule s = new OpenSchedule(1000, 1, 2, 0, 0); // requests 1, 3, 5 ... at 1, 3, 5 ... ms
        assertThat(s.dueBy(0)).isZero();
        assertThat(s.dueBy(999_999)).isZero();
        assertThat(s.dueBy(1_000_000)).isEqualTo(1);
        assertThat(s.dueBy(5_500_000)).isEqualTo(3);
        assertThat(s.dueBy(-5)).isZero();
        for (long j = 0; j < 1000; j++) {
            assertThat(s.dueBy(s.offsetNanos(j))).as("due at its own time, j=%d", j).isEqualTo(j + 1);
            assertThat(s.dueBy(s.offsetNanos(j) - 1)).as("not due a nanosecond before, j=%d", j).isEqualTo(j);
        }
        assertThat(new OpenSchedule(1000, 0, 1, 5, 0).dueBy(1_000_000_000L)).as("never more than size").isEqualTo(5);
        OpenSchedule odd = new OpenSchedule(7.3, 0, 1, 0, 0);
        for (long j = 0; j < 500; j++) assertThat(odd.dueBy(odd.offsetNanos(j))).isEqualTo(j + 1);
    }
}
