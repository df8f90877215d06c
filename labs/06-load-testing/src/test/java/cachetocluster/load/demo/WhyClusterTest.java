package cachetocluster.load.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WhyClusterTest {

    @Test
    @DisplayName("All three servers answer every request; one event loop computing 2 ms per request stays under one core's 500/s")
    void oneLoopIsOneCore() throws Exception {
        WhyCluster.Settings s = new WhyCluster.Settings(2000, 8, 1.5);
        List<WhyCluster.Row> rows = WhyCluster.run(s);
        assertThat(rows).extracting(WhyCluster.Row::server)
                .containsExactly("lab 03: one event loop", "blocking, a thread per connection", "lab 05: the cluster, one loop per core");
        for (WhyCluster.Row row : rows) {
            assertThat(row.result().replies()).as("%s: replies", row.server()).isGreaterThan(50);
            assertThat(row.result().errorCount()).as("%s: errors", row.server()).isZero();
        }
        // A ceiling, not a speed: one thread computing 2 ms per request cannot answer more than 500/s.
        assertThat(rows.getFirst().result().repliesPerSecond()).as("event loop replies/s").isLessThan(650);
        assertThat(rows.getLast().note()).as("the cluster row is measured").isNull();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WhyCluster.print(s, rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("replies/s", "lab 05: the cluster");
    }
}
