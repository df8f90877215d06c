package cachetocluster.eventloop.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cachetocluster.eventloop.DelayMonitor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three server experiments, shortened (150 ms of slow work, 2 slow clients, 1 s). The bounds are loose on
 * purpose: they separate "the loop was free" from "the loop was held", which differ by orders of magnitude, on a
 * busy 2-core machine too.
 */
class ServerDemoTest {

    private static final long MS = 1_000;

    private static ServerDemo.Result run(ServerDemo.Mode mode) throws Exception {
        return ServerDemo.run(ServerDemo.Settings.defaults(mode).with(ServerDemo.Work.SLEEP, 150, 2, 1_000));
    }

    @AfterEach
    void nothingIsLeftRunning() {
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("event-loop") || t.getName().startsWith("c2c-worker-")
                        || t.getName().equals("probe") || t.getName().equals("slow-client")));
    }

    @Test
    void aSlowEndpointOnATimerLeavesTheLoopFree() throws Exception {
        ServerDemo.Result r = run(ServerDemo.Mode.RESPONSIVE);
        assertThat(r.blocked()).as("blocked callbacks").isEmpty();
        assertThat(r.slow().count()).as("/slow answered").isGreaterThanOrEqualTo(8);
        // The timer runs on the loop's cached millisecond clock (libuv's uv_now, floored), so by the wall clock it may
        // fire up to 1 ms before its 150 ms are up, as Node's setTimeout may: CI once measured 149.887 ms.
        assertThat(r.slow().p50Micros()).as("/slow p50 in us").isGreaterThanOrEqualTo(149 * MS);
        assertThat(r.fast().count()).as("/ answered: one every 10 ms for 1 s").isEqualTo(100);
        assertThat(r.fast().p50Micros()).as("/ p50 in us").isLessThan(75 * MS);
        assertThat(r.loopDelay().p50Nanos()).as("loop delay p50 in ns").isLessThan(75_000_000L);
    }

    @Test
    void blockingWorkInTheHandlerStallsEveryClientAndIsReportedByName() throws Exception {
        ServerDemo.Result r = run(ServerDemo.Mode.BLOCKED);
        assertThat(r.blocked()).as("blocked callbacks").isNotEmpty()
                .allSatisfy(b -> assertThat(b.callback()).isEqualTo("HTTP GET /slow (handler app)"))
                .allSatisfy(b -> assertThat(b.nanos()).isGreaterThanOrEqualTo(150_000_000L));
        assertThat(r.fast().p50Micros()).as("/ p50 in us: users wait for whole slow handlers").isGreaterThanOrEqualTo(75 * MS);
        assertThat(r.loopDelay().maxNanos()).as("loop delay max in ns").isGreaterThanOrEqualTo(150_000_000L);
    }

    @Test
    void theSameWorkOnTheWorkerPoolLeavesTheLoopFree() throws Exception {
        ServerDemo.Result r = run(ServerDemo.Mode.OFFLOADED);
        assertThat(r.blocked()).as("blocked callbacks").isEmpty();
        assertThat(r.slow().p50Micros()).as("/slow p50 in us").isGreaterThanOrEqualTo(150 * MS);
        assertThat(r.fast().p50Micros()).as("/ p50 in us").isLessThan(75 * MS);
    }

    @Test
    void theBlockedReportNamesTheRequestAndTheHandler() {
        DelayMonitor.BlockedCallback b = new DelayMonitor.BlockedCallback("HTTP GET /slow (handler app)", 201_000_000L, 100_000_000L);
        assertThat(b.toString()).isEqualTo("event loop blocked for 201 ms by HTTP GET /slow (handler app) (threshold 100 ms)");
    }
}
