package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** monitorEventLoopDelay on a real loop: a callback that blocks shows in the histogram and is named. */
class DelayMonitorTest {

    private static final long MS = 1_000_000L;
    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private void runWithin(int seconds) {
        assertTimeoutPreemptively(Duration.ofSeconds(seconds), loop::run, "run() did not return");
    }

    /** Blocks the loop thread: the very thing the monitor is there to catch. */
    private static void block(long ms) {
        long end = System.nanoTime() + ms * MS;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aCallbackThatBlocksFor300MsIsReportedByNameAndShowsInP99() {
        List<DelayMonitor.BlockedCallback> reports = new ArrayList<>();
        DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop, 10).onBlocked(reports::add).enable();
        loop.setTimeout(EventLoop.named("slow report", () -> block(300)), 30);
        loop.setTimeout(monitor::disable, 400);
        runWithin(10);

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.callback()).contains("slow report");
            assertThat(report.nanos()).isGreaterThanOrEqualTo(300 * MS);
            assertThat(report.thresholdNanos()).isEqualTo(100 * MS);
        });
        assertThat(monitor.blockedCount()).isEqualTo(1);
        // The timer that wanted to run every 10 ms waited ~300 ms once; with ~10 samples, p99 is that one.
        assertThat(monitor.max()).isGreaterThanOrEqualTo(290 * MS);
        assertThat(monitor.percentile(99)).isGreaterThanOrEqualTo(250 * MS);
        assertThat(monitor.percentile(50)).isLessThan(100 * MS);
        assertThat(monitor.min()).isGreaterThanOrEqualTo(5 * MS);
        assertThat(monitor.isEnabled()).isFalse();
    }

    @Test
    void shortCallbacksAreNotReported() {
        List<DelayMonitor.BlockedCallback> reports = new ArrayList<>();
        DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop, 5).onBlocked(reports::add).enable();
        for (int i = 1; i <= 20; i++) {
            loop.setTimeout(() -> block(2), i * 5L);
        }
        loop.setTimeout(monitor::disable, 150);
        runWithin(10);
        assertThat(reports).isEmpty();
        assertThat(monitor.count()).isPositive();
        assertThat(monitor.max()).isLessThan(100 * MS);
    }

    @Test
    void theDefaultReportIsOneLineNamingTheCallback() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop, 10, 50)
                .onBlocked(DelayMonitor.printTo(new PrintStream(out, true, StandardCharsets.UTF_8))).enable();
        loop.setImmediate(EventLoop.named("resize images", () -> block(120)));
        runWithin(10);
        monitor.disable();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).singleElement().asString()
                .startsWith("event loop blocked for ").contains("by setImmediate(resize images) (threshold 50.0 ms)");
    }

    @Test
    void theMonitorsTimerDoesNotKeepTheLoopAlive() {
        DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop).enable();
        long start = System.nanoTime();
        runWithin(5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(monitor.isEnabled()).isTrue();
        monitor.disable();
    }

    @Test
    void theSummaryIsInMilliseconds() {
        assertThat(DelayMonitor.millis(953_000)).isEqualTo("0.953 ms");
        assertThat(DelayMonitor.millis(10_100_736)).isEqualTo("10.1 ms");
        assertThat(DelayMonitor.millis(303_300_607)).isEqualTo("303 ms");
        DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop);
        assertThat(monitor.summary()).isEqualTo("min 0.000 ms, mean 0.000 ms, p50 0.000 ms, p99 0.000 ms, max 0.000 ms (0 samples)");
    }
}
