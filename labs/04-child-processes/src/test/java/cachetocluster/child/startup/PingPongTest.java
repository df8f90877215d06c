package cachetocluster.child.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Stdio;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Round trips to a real echo child: every message comes back once, whatever the window and the dispatch. */
class PingPongTest {

    @ParameterizedTest(name = "window {0}, {1} dispatch")
    @CsvSource({"1, pooled", "1, direct", "16, pooled", "16, direct"})
    void everyRoundTripIsCountedOnce(int window, String dispatch) throws Exception {
        boolean direct = dispatch.equals("direct");
        ForkOptions options = new ForkOptions().stdio(Stdio.IGNORE, Stdio.IGNORE, Stdio.INHERIT)
                .execArgv("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        if (direct) {
            options.executor(Runnable::run);
        }
        ChildProcess child = ChildProcesses.fork(ProbeChild.class.getName(), direct ? List.of("direct") : List.of(), options);
        try {
            CompletableFuture<Object> hello = new CompletableFuture<>();
            child.once("message", a -> hello.complete(a[0]));
            hello.get(30, TimeUnit.SECONDS);
            PingPong.Result r = PingPong.run(child, 2000, window, 30);
            assertThat(r.latenciesNanos()).hasSize(2000);
            assertThat(Arrays.stream(r.latenciesNanos()).min().orElseThrow()).as("shortest round trip, ns").isPositive();
            assertThat(r.percentileMicros(50)).isLessThanOrEqualTo(r.percentileMicros(99));
            assertThat(r.window()).isEqualTo(window);
            assertThat(child.listenerCount("message")).as("listeners left behind").isZero();
        } finally {
            child.disconnect();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "10, 0", "10, 11"})
    void refusesImpossibleWindows(int count, int window) {
        assertThatThrownBy(() -> PingPong.run(null, count, window, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }
}
