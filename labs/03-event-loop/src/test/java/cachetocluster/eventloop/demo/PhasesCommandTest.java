package cachetocluster.eventloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Phases step's output and options; Node is "missing" here, so the test needs none. */
class PhasesCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final NodeRunner noNode = new NodeRunner(List.of("/nonexistent/node-c2c"));

    private int run(String... args) {
        return PhasesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), noNode);
    }

    @Test
    void printsEveryProgramWithNodesOrderAndOurs() {
        assertThat(run("--runs", "3")).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("setImmediate(() => console.log('setImmediate'));",
                "Node's docs allow:", "this loop, 3 runs:", "node: not found on the PATH",
                "I/O callback > nextTick > queueMicrotask > setImmediate > setTimeout 0",
                "Every order this loop produced is one that Node's docs allow.");
        assertThat(text).doesNotContain("<- not an order");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void nodeRunsZeroSkipsNodeWithoutAWord() {
        assertThat(run("--runs", "1", "--node-runs", "0")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("node:").doesNotContain("node v");
    }

    @Test
    void badOptionsAreOneLineAndExitCodeTwo() {
        assertThat(run("--runs", "0")).isEqualTo(2);
        assertThat(run("--node-runs", "lots")).isEqualTo(2);
        assertThat(run("--fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(3).allMatch(line -> line.startsWith("phases: "));
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: Phases");
    }

    @Test
    void wrapBreaksAtWordsAndIndentsTheRest() {
        assertThat(PhasesCommand.wrap("one two three four", 12, "> ", "  "))
                .containsExactly("> one two", "  three four");
    }
}
