package cachetocluster.eventloop;

/**
 * What {@code setTimeout} and {@code setInterval} return: Node's {@code Timeout} object.
 *
 * <p>The deadline is loop time plus the delay, and loop time is cached at the start of each turn (libuv's
 * {@code uv_now}): a timer set inside a callback that has already run for 50 ms is due 50 ms earlier than the
 * wall clock would say. Node behaves the same way; it keeps a loop turn cheap (one clock read per turn, not
 * one per timer) and all timers set in one turn agree on "now".
 */
public final class Timer extends Handle {

    private final Runnable callback;
    private final long delay;
    private final boolean repeating;
    /** The heap entry while scheduled; null while the callback runs or after the timer fired or was cleared. */
    TimerHeap.Entry<Timer> entry;

    Timer(EventLoop loop, Runnable callback, long delay, boolean repeating) {
        super(loop);
        this.callback = callback;
        this.delay = delay;
        this.repeating = repeating;
    }

    @Override
    public Timer ref() {
        reference(true);
        return this;
    }

    @Override
    public Timer unref() {
        reference(false);
        return this;
    }

    /** Node's {@code timeout.refresh()}: restart the countdown from now, re-arming a timer that already fired. */
    public Timer refresh() {
        loop.refreshTimer(this);
        return this;
    }

    /** Node's {@code timeout.close()}: the same as {@code clearTimeout(this)}. */
    public void close() {
        loop.clearTimeout(this);
    }

    /** The delay in milliseconds, after Node's clamping (anything below 1 or above 2^31-1 becomes 1). */
    public long delay() {
        return delay;
    }

    public boolean isRepeating() {
        return repeating;
    }

    Runnable callback() {
        return callback;
    }

    /** Names the callback, so that a blocked-loop report or an uncaught exception says which timer it was. */
    @Override
    public String toString() {
        return (repeating ? "setInterval(" : "setTimeout(") + callback + ", " + delay + ")";
    }
}
