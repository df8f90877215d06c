package cachetocluster.load;

/**
 * The open model's timetable: at {@code rate} requests per second, request {@code i} of the run is due
 * {@code i / rate} seconds after the start, whatever happened to the requests before it. A slow reply does not
 * push the next request back, so a stalled server meets the same arrivals its users would send (wrk2, and
 * loadtest's {@code --rps}). Compare the closed model, where each connection waits for its reply before it sends
 * again, and a stall quietly stops the load.
 *
 * <p>A run with several event loops deals the requests out like cards: with {@code lanes} loops, loop
 * {@code lane} sends requests {@code lane}, {@code lane + lanes}, {@code lane + 2·lanes}, ... Its j-th request is
 * request {@code lane + j·lanes} of the run. Together the lanes send every request exactly once, at the run's rate.
 *
 * <p>The run ends after {@code maxRequests} requests (0: no limit), or with the last request due strictly
 * before {@code maxNanos} (0: no limit): 200/s for 2 s is requests 0 to 399, due at 0, 5, ..., 1995 ms.
 *
 * <p>A pure class: no clock, no I/O. The event loop asks it what is due and when to wake up.
 */
public final class OpenSchedule {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double rate;
    private final int lane;
    private final int lanes;
    private final long size;

    public OpenSchedule(double rate, int lane, int lanes, long maxRequests, long maxNanos) {
        if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("rate must be positive, not " + rate);
        if (lanes < 1 || lane < 0 || lane >= lanes) throw new IllegalArgumentException("lane " + lane + " of " + lanes);
        if (maxRequests < 0 || maxNanos < 0) throw new IllegalArgumentException("limits must not be negative");
        this.rate = rate;
        this.lane = lane;
        this.lanes = lanes;
        long total = Math.min(maxRequests == 0 ? Long.MAX_VALUE : maxRequests, maxNanos == 0 ? Long.MAX_VALUE : dueBefore(maxNanos));
        this.size = total == Long.MAX_VALUE ? Long.MAX_VALUE : total > lane ? (total - lane - 1) / lanes + 1 : 0;
    }

    /** When request {@code i} of the whole run is due, in nanoseconds after the start. */
    public long runOffsetNanos(long i) {
        return (long) (i * NANOS_PER_SECOND / rate);
    }

    /** When this lane's {@code j}-th request (from 0) is due, in nanoseconds after the start. */
    public long offsetNanos(long j) {
        return runOffsetNanos(lane + j * lanes);
    }

    /** How many requests this lane sends in the whole run ({@link Long#MAX_VALUE}: until told to stop). */
    public long size() {
        return size;
    }

    /** How many of this lane's requests are due at {@code elapsedNanos} after the start (never more than {@link #size()}). */
    public long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) return 0;
        long last = lastRunIndexDueBy(elapsedNanos); // requests 0..last of the run are due
        long mine = last < lane ? 0 : (last - lane) / lanes + 1;
        return Math.min(mine, size);
    }

    /** The interval between two requests of this lane, in nanoseconds. */
    public double laneIntervalNanos() {
        return lanes * NANOS_PER_SECOND / rate;
    }

    // The largest i with runOffsetNanos(i) <= t. The estimate from floating point is checked against the same
    // formula runOffsetNanos uses, so "due" and "the time it is due at" can never disagree by a rounding.
    private long lastRunIndexDueBy(long t) {
        double estimate = Math.floor(t * rate / NANOS_PER_SECOND);
        if (estimate >= Long.MAX_VALUE / 2.0) return Long.MAX_VALUE / 2;
        long i = (long) estimate;
        while (i >= 0 && runOffsetNanos(i) > t) i--;
        while (runOffsetNanos(i + 1) <= t) i++;
        return i;
    }

    // How many requests of the run are due strictly before t.
    private long dueBefore(long t) {
        return lastRunIndexDueBy(t - 1) + 1;
    }

    @Override
    public String toString() {
        return "OpenSchedule[" + rate + "/s, lane " + lane + " of " + lanes + ", " + (size == Long.MAX_VALUE ? "unbounded" : size + " requests") + "]";
    }
}
