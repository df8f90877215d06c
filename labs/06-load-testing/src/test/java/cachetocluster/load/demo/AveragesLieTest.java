package cachetocluster.load.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AveragesLieTest {

    @Test
    @DisplayName("One reply in 50 at 50 ms: p50 is fast, p99.9 and max are slow, the mean sits far below the tail")
    void theMeanHidesTheTail() throws Exception {
        AveragesLie.Settings s = new AveragesLie.Settings(50, 50, 5, 1000);
        AveragesLie.Outcome o = AveragesLie.run(s);
        assertThat(o.result().replies()).as("replies").isEqualTo(1000);
        assertThat(o.summary().p50()).as("p50 (ms)").isLessThan(20);
        assertThat(o.summary().p999()).as("p99.9 (ms)").isGreaterThanOrEqualTo(45);
        assertThat(o.summary().max()).as("max (ms)").isGreaterThanOrEqualTo(45);
        assertThat(o.summary().mean()).as("mean (ms) vs max").isLessThan(o.summary().max() / 3);
        assertThat(o.slowShare()).as("share of slow replies (1 in 50 = 2%)").isBetween(0.015, 0.06);
        assertThat(o.pageHitsSlow(50)).as("a page of 50 meets a slow reply").isBetween(0.5, 0.96);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AveragesLie.print(s, o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("mean", "p99.9", "A page of 50 requests");
    }
}
