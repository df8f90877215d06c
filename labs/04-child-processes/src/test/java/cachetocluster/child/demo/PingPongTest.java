package cachetocluster.child.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.demo.DemoAssertions.Captured;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Step 4 (ping-pong): structure only; how fast it is, is what the demo and the benchmarks show, not a test. */
@DisplayName("Lab 04 demo: ping-pong")
class PingPongTest {

    @Test
    @DisplayName("Every round trip comes back and is timed once, with either dispatch; percentiles are ordered")
    void everyRoundTripIsTimed() throws Exception {
        for (PingPong.Dispatch dispatch : PingPong.Dispatch.values()) {
            PingPong.Run run = PingPong.runOne(dispatch, 2_000, 300, 100);
            assertThat(run.timed()).as("%s: round trips timed", dispatch).isEqualTo(2_000);
            assertThat(run.p50Nanos()).as("%s: p50", dispatch).isPositive();
            assertThat(run.p50Nanos()).as("%s: p50 <= p99", dispatch).isLessThanOrEqualTo(run.p99Nanos());
            assertThat(run.p99Nanos()).as("%s: p99 <= p99.9", dispatch).isLessThanOrEqualTo(run.p999Nanos());
            assertThat(run.p999Nanos()).as("%s: p99.9 <= max", dispatch).isLessThanOrEqualTo(run.maxNanos());
            assertThat(run.roundTripsPerSecond()).as("%s: round trips per second", dispatch).isPositive();
            // The whole run cannot be shorter than the sum of its round trips' lower bounds: 2000 x the fastest.
            assertThat(run.elapsedNanos()).as("%s: elapsed vs 2000 x p50/2", dispatch).isGreaterThan(2_000 * run.p50Nanos() / 2);
            DemoAssertions.gone(run.childPid());
        }
    }

    @Test
    @DisplayName("Bad options: one line on stderr, status 2")
    void badOptions() {
        for (List<String> args : List.of(List.of("--count", "0"), List.of("--bytes"), List.of("--fast"))) {
            Captured out = Captured.open();
            Captured err = Captured.open();
            assertThat(PingPong.command(args.toArray(String[]::new), out.stream(), err.stream())).as("status for %s", args).isEqualTo(2);
            assertThat(err.text().lines()).as("stderr for %s", args).hasSize(1).first().asString().startsWith("ping-pong: ");
        }
    }
}
