package cachetocluster.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.cluster.SchedulingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 5 (scaling) with real worker JVMs: structure only (throughput is shown by the step, never asserted). */
@DisplayName("Lab 05 demo: scaling")
class ScalingTest {

    @Test
    @DisplayName("1 and 2 workers both serve; with 4 keep-alive connections round-robin pins 2 to each of 2 workers; a chart")
    void rowsPerWorkerCount(@TempDir Path dir) throws Exception {
        Scaling.Row one = Scaling.runOne(SchedulingPolicy.RR, 1, 4, 1500, 1000, WhoServedTest.LEAN);
        Scaling.Row two = Scaling.runOne(SchedulingPolicy.RR, 2, 4, 1500, 1000, WhoServedTest.LEAN);
        assertThat(one.requests()).as("requests measured with 1 worker").isPositive();
        assertThat(one.perWorker()).as("1 worker: who served").hasSize(1);
        assertThat(two.perWorker()).as("2 workers, 4 connections handed out in turn: both serve").hasSize(2);
        assertThat(one.errors() + two.errors()).as("connection errors").isZero();
        assertThat(two.perSecond()).as("requests/s is requests over the measured second").isEqualTo(two.requests() * 1000.0 / 1000);
        Path png = ScalingChart.write(List.of(one, two), SchedulingPolicy.RR, 4, dir.resolve("s.png"));
        assertThat(Files.size(png)).as("the chart's size").isGreaterThan(1000);
    }
}
