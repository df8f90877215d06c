package cachetocluster.eventloop;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Node's {@code perf_hooks.monitorEventLoopDelay({ resolution })}, plus a blocked-loop warning.
 *
 * <p>Two views of one problem. The histogram (see {@link DelayMeter}) shows how late the loop gets round to a
 * timer that wants to run every {@code resolution} ms: everything else on the loop waits just as long. The
 * warning names the culprit: every callback is timed, and one that runs longer than the threshold (100 ms by
 * default) is reported with its name, which is what you want at 3 a.m. when p99 jumped. Node has no such
 * warning built in (people reach for {@code blocked-at} or the inspector); it costs two {@code System.nanoTime()}
 * calls per callback, only while the monitor is enabled.
 *
 * <p>Names: a callback's {@code toString()}. Give one with {@link EventLoop#named(String, Runnable)} or
 * {@link HttpServer.Handler#named}; a bare lambda reads like {@code Main$$Lambda/0x...}, which still names the
 * class that made it.
 *
 * <pre>
 * DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop, 10).enable();
 * ...
 * System.out.println(monitor.summary());   // min 10.0 ms, mean 14.9 ms, p50 10.1 ms, p99 303 ms, max 303 ms
 * </pre>
 *
 * <p>Like Node's, the monitor's timer is unref'd: it does not keep the loop alive. Loop thread only.
 */
public final class DelayMonitor {

    /** One callback that ran too long. */
    public record BlockedCallback(String callback, long nanos, long thresholdNanos) {
        @Override
        public String toString() {
            return "event loop blocked for " + millis(nanos) + " by " + callback + " (threshold " + millis(thresholdNanos) + ")";
        }
    }

    public static final long DEFAULT_RESOLUTION_MS = 10;
    public static final long DEFAULT_BLOCKED_THRESHOLD_MS = 100;

    private final EventLoop loop;
    private final long resolutionMs;
    private final DelayMeter meter;
    private Consumer<BlockedCallback> onBlocked = printTo(System.err);
    private Timer timer;

    private DelayMonitor(EventLoop loop, long resolutionMs, long blockedThresholdMs) {
        if (resolutionMs < 1) {
            throw new IllegalArgumentException("resolution must be at least 1 ms, was " + resolutionMs);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.resolutionMs = resolutionMs;
        this.meter = new DelayMeter(blockedThresholdMs * 1_000_000);
    }

    /** Node's defaults: a 10 ms resolution; blocked callbacks over 100 ms are reported. */
    public static DelayMonitor monitorEventLoopDelay(EventLoop loop) {
        return monitorEventLoopDelay(loop, DEFAULT_RESOLUTION_MS);
    }

    public static DelayMonitor monitorEventLoopDelay(EventLoop loop, long resolutionMs) {
        return monitorEventLoopDelay(loop, resolutionMs, DEFAULT_BLOCKED_THRESHOLD_MS);
    }

    public static DelayMonitor monitorEventLoopDelay(EventLoop loop, long resolutionMs, long blockedThresholdMs) {
        return new DelayMonitor(loop, resolutionMs, blockedThresholdMs);
    }

    /** The default listener: the report as one line. */
    public static Consumer<BlockedCallback> printTo(PrintStream out) {
        return blocked -> out.println(blocked);
    }

    /** Who hears about blocked callbacks; replaces the default, which prints one line on stderr. */
    public DelayMonitor onBlocked(Consumer<BlockedCallback> listener) {
        this.onBlocked = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Node's {@code histogram.enable()}: starts the timer and the callback timing. */
    public DelayMonitor enable() {
        if (timer == null) {
            meter.start(System.nanoTime());
            timer = loop.setInterval(() -> meter.tick(System.nanoTime()), resolutionMs).unref();
            loop.observeCallbacks(this::callbackFinished);
        }
        return this;
    }

    /** Node's {@code histogram.disable()}: the values stay readable. */
    public DelayMonitor disable() {
        if (timer != null) {
            loop.clearInterval(timer);
            loop.observeCallbacks(null);
            timer = null;
        }
        return this;
    }

    public boolean isEnabled() {
        return timer != null;
    }

    private void callbackFinished(Object callback, long nanos) {
        if (meter.callbackFinished(nanos)) {
            onBlocked.accept(new BlockedCallback(String.valueOf(callback), nanos, meter.blockedThresholdNanos()));
        }
    }

    /** Intervals recorded so far. */
    public long count() {
        return meter.count();
    }

    /** Node's {@code histogram.min}, in ns. */
    public long min() {
        return meter.min();
    }

    /** Node's {@code histogram.max}, in ns. */
    public long max() {
        return meter.max();
    }

    /** Node's {@code histogram.mean}, in ns. */
    public double mean() {
        return meter.mean();
    }

    /** Node's {@code histogram.percentile(p)}, in ns. */
    public long percentile(double p) {
        return meter.percentile(p);
    }

    /** Callbacks that ran longer than the threshold. */
    public long blockedCount() {
        return meter.blockedCount();
    }

    public void reset() {
        meter.reset();
    }

    /** One line in milliseconds: {@code min 10.0 ms, mean 14.9 ms, p50 10.1 ms, p99 303 ms, max 303 ms (67 samples)}. */
    public String summary() {
        return "min " + millis(min()) + ", mean " + millis((long) mean()) + ", p50 " + millis(percentile(50))
                + ", p99 " + millis(percentile(99)) + ", max " + millis(max()) + " (" + count() + " samples)";
    }

    /** Three significant digits, like the histogram holds them: 0.953 ms, 10.1 ms, 303 ms. */
    static String millis(long nanos) {
        double ms = nanos / 1e6;
        String format = ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : ms >= 1 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, format, ms);
    }
}
