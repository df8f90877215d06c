package cachetocluster.cluster;

import java.util.ArrayDeque;

/**
 * Lab 05 exercise: when to start a new worker after one crashed, and when to stop trying.
 *
 * <p>Node's cluster does not respawn anything: the docs' example is {@code cluster.on('exit', () => cluster.fork())},
 * which turns a worker that dies at start-up into a fork bomb that never ends. Supervisors put two rules around it,
 * and so does this class:
 * <ul>
 *   <li><b>Backoff.</b> The more crashes lately, the longer the wait before the next start: the first crash of a
 *       quiet period waits {@code initialDelay}, each further one twice as long as the one before, never more than
 *       {@code maxDelay} (PM2's {@code exp_backoff_restart_delay}; systemd's {@code RestartSec} is the fixed
 *       version).</li>
 *   <li><b>Crash-loop limit.</b> "Lately" is a sliding window: more than {@code maxCrashes} crashes within
 *       {@code window} and the policy gives up, for good (systemd's {@code StartLimitBurst} within
 *       {@code StartLimitIntervalSec}).</li>
 * </ul>
 * Crashes older than the window no longer count, so after a quiet window the delay is back to {@code initialDelay}.
 *
 * <p>Time is given by the caller in milliseconds: no threads, no sleeps, and tests that need no waiting. Once you
 * pass, the hello cluster's {@link Respawner} (./workbook run 5 crash --mine) restarts workers on YOUR decisions.
 *
 * <p>Read the lab sheet, labs/05-cluster/README.md, section "Exercises". Grade with ./workbook grade 5.
 */
public final class RespawnPolicy {

    /** What to do about a crash. Given. */
    public sealed interface Decision permits Respawn, GiveUp {}

    /** Start a new worker after {@code delayMillis}; {@code recentCrashes} counts this one. Given. */
    public record Respawn(long delayMillis, int recentCrashes) implements Decision {}

    /** Start no more workers: {@code recentCrashes} crashes within {@code windowMillis}. Given. */
    public record GiveUp(int recentCrashes, long windowMillis) implements Decision {}

    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final int maxCrashes;
    private final long windowMillis;
    /** Times of the crashes within the window, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private boolean gaveUp;

    /**
     * @param initialDelayMillis the wait after the first crash of a quiet period (at least 0)
     * @param maxDelayMillis     the longest wait (at least initialDelayMillis)
     * @param maxCrashes         how many crashes within the window are respawned (at least 1); one more gives up
     * @param windowMillis       the sliding window (at least 1)
     */
    public RespawnPolicy(long initialDelayMillis, long maxDelayMillis, int maxCrashes, long windowMillis) {
        // TODO task 6: refuse nonsense with IllegalArgumentException naming the four values: a negative initial delay,
        //              a maxDelay below the initial one, maxCrashes < 1, a window < 1.
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.maxCrashes = maxCrashes;
        this.windowMillis = windowMillis;
    }

    /** 100 ms, doubling up to 5 s; more than 5 crashes in 10 s gives up (systemd's default limit). Given. */
    public static RespawnPolicy defaults() {
        return new RespawnPolicy(100, 5_000, 5, 10_000);
    }

    /**
     * A worker crashed at {@code nowMillis}. Crashes at or before {@code nowMillis - window} no longer count; if more
     * than {@code maxCrashes} remain (this one included), give up, now and for every later crash. Otherwise respawn
     * after {@code initialDelay * 2^(n - 1)} for the n-th recent crash, at most {@code maxDelay}.
     */
    public Decision crashed(long nowMillis) {
        // TODO task 5: drop from the head of `recent` every time <= nowMillis - windowMillis (an ArrayDeque as a
        //              sliding window: oldest first, so stop at the first one still inside); add nowMillis; n is the
        //              size. Respawn(delay for n, n), the delay doubling from initialDelay and capped at maxDelay.
        //              Careful: 100 << 60 overflows; double step by step and stop at the cap.
        // TODO task 6: n > maxCrashes gives GiveUp(n, windowMillis) and sets gaveUp; once given up, every later
        //              crash gives up too, however quiet it was meanwhile.
        throw new UnsupportedOperationException("TODO: RespawnPolicy.crashed, lab 05 task 5 and 6 (labs/05-cluster/README.md)");
    }

    /** Whether it has given up. Given. */
    public boolean gaveUp() {
        return gaveUp;
    }

    @Override
    public String toString() {
        return "RespawnPolicy[" + initialDelayMillis + " ms doubling to " + maxDelayMillis + " ms, at most " + maxCrashes
                + " crashes in " + windowMillis + " ms" + (gaveUp ? ", gave up" : "") + ", " + recent.size() + " recent]";
    }
}
