package cachetocluster.eventloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps 3 to 5's options, and the table from a made-up result. */
class ServerDemoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ServerDemo.Mode mode, String... args) {
        return ServerDemoCommand.run(mode, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAreOneLineAndExitCodeTwo() {
        assertThat(run(ServerDemo.Mode.BLOCKED, "--seconds", "0")).isEqualTo(2);
        assertThat(run(ServerDemo.Mode.BLOCKED, "--work", "gpu")).isEqualTo(2);
        assertThat(run(ServerDemo.Mode.BLOCKED, "--clients")).isEqualTo(2);
        assertThat(run(ServerDemo.Mode.BLOCKED, "--turbo")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(4).allMatch(line -> line.startsWith("blocked: "));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsTheOptions() {
        assertThat(run(ServerDemo.Mode.OFFLOADED, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: offloaded").contains("--slow-ms", "--work sleep|cpu");
    }

    @Test
    void theTableShowsBothEndpointsTheLoopDelayAndTheBlockedCallbacksByName() {
        var settings = ServerDemo.Settings.defaults(ServerDemo.Mode.BLOCKED);
        var blocked = new cachetocluster.eventloop.DelayMonitor.BlockedCallback("HTTP GET /slow (handler app)", 201_000_000L, 100_000_000L);
        var result = new ServerDemo.Result(settings, 4242, 4, new ServerDemo.Latencies(18, 811_000, 1_416_000, 1_416_000),
                new ServerDemo.Latencies(300, 1_525_000, 2_120_000, 2_148_000),
                new ServerDemo.LoopDelay(6, 205_000_000, 619e6, 612_000_000, 828_000_000, 828_000_000, "min 205 ms, ..."),
                List.of(blocked, blocked));
        ServerDemoCommand.print(result, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "http://127.0.0.1:4242",
                "Thread.sleep, a blocking call, in the handler, on the loop thread",
                "  GET /slow         18     811 ms    1416 ms    1416 ms",
                "  GET /            300    1525 ms    2120 ms    2148 ms",
                "monitorEventLoopDelay, 10 ms resolution): min 205 ms, ...",
                "blocked callbacks (over 100 ms): 2, the first reported as:",
                "event loop blocked for 201 ms by HTTP GET /slow (handler app) (threshold 100 ms)",
                "2 x HTTP GET /slow (handler app), 201 ms each");
    }

    @Test
    void millisecondsWithThreeSignificantDigits() {
        assertThat(ServerDemoCommand.millis(153)).isEqualTo("0.153 ms");
        assertThat(ServerDemoCommand.millis(2_860)).isEqualTo("2.86 ms");
        assertThat(ServerDemoCommand.millis(12_400)).isEqualTo("12.4 ms");
        assertThat(ServerDemoCommand.millis(803_400)).isEqualTo("803 ms");
    }
}
