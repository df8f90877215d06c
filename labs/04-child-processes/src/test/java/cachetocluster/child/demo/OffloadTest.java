package cachetocluster.child.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.demo.DemoAssertions.Captured;
import cachetocluster.eventloop.DelayMonitor;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Step 3 (offload). Timings are not asserted, only what cannot turn around however noisy the machine: fib(40) takes
 * hundreds of milliseconds, so on the loop it is reported as a blocked callback and dominates the loop's worst delay;
 * in a child the loop runs only short callbacks. Orderings, with margins of tens of times.
 */
@DisplayName("Lab 04 demo: offload")
class OffloadTest {

    @Test
    @DisplayName("fib on the loop blocks it (named by the monitor); fib in a child leaves it free, and GET / waits far less")
    void offloadingKeepsTheLoopFree() throws Exception {
        Offload.Result r = Offload.run(new Offload.Settings(40, 1_500, 10));
        assertThat(r.fibValue()).as("fib(40)").isEqualTo(102_334_155L);
        Offload.Run onLoop = r.onLoop();
        Offload.Run inChild = r.inChild();
        assertThat(onLoop.fib().count()).as("/fib answered with fib on the loop").isPositive();
        assertThat(inChild.fib().count()).as("/fib answered by the child").isPositive();
        assertThat(onLoop.hello().count()).as("GET / answered, fib on the loop").isPositive();
        assertThat(inChild.hello().count()).as("GET / answered, fib in the child").isPositive();
        String fibHandler = "HTTP GET /fib (handler " + Offload.HANDLER_NAME + ")";
        assertThat(onLoop.blocked()).as("blocked callbacks with fib on the loop")
                .extracting(DelayMonitor.BlockedCallback::callback).contains(fibHandler);
        // A callback preempted for 100 ms on a crowded machine would be reported too: only the handler's absence is
        // the claim (with fib in a child it computes nothing).
        assertThat(inChild.blocked()).as("blocked callbacks with fib in the child")
                .extracting(DelayMonitor.BlockedCallback::callback).doesNotContain(fibHandler);
        assertThat(inChild.blocked().size()).as("blocked callbacks, child vs loop").isLessThan(onLoop.blocked().size());
        assertThat(inChild.delayMaxNanos()).as("worst loop delay, child vs loop").isLessThan(onLoop.delayMaxNanos());
        assertThat(inChild.hello().p50Micros()).as("GET / p50, child vs loop").isLessThan(onLoop.hello().p50Micros());
        DemoAssertions.gone(r.childPid());
    }

    @Test
    @DisplayName("fib is the slow recursive Fibonacci")
    void fib() {
        assertThat(List.of(Offload.fib(0), Offload.fib(1), Offload.fib(2), Offload.fib(10), Offload.fib(30)))
                .containsExactly(0L, 1L, 1L, 55L, 832_040L);
    }

    @Test
    @DisplayName("Bad options: one line on stderr, status 2")
    void badOptions() {
        for (List<String> args : List.of(List.of("--n", "60"), List.of("--seconds"), List.of("--n", "x"), List.of("-v"))) {
            Captured out = Captured.open();
            Captured err = Captured.open();
            assertThat(OffloadCommand.run(args.toArray(String[]::new), out.stream(), err.stream())).as("status for %s", args).isEqualTo(2);
            assertThat(err.text().lines()).as("stderr for %s", args).hasSize(1).first().asString().startsWith("offload: ");
        }
    }
}
