package cachetocluster.load;

/**
 * Lab 06 exercise: the open model's timetable.
 *
 * <p>At {@code rate} requests per second, request {@code i} of the run is due {@code i / rate} seconds after the
 * start, <em>whatever happened to the requests before it</em>. That one sentence is the open model (wrk2, loadtest's
 * {@code --rps}, artillery's {@code arrivalRate}): a slow reply does not push the next request back, so a stalled
 * server meets the arrivals its users would really send. The closed model ({@code -c} alone) sends again only when a
 * reply comes back, and a stall quietly stops the load.
 *
 * <p>A run with several event loops deals the requests out like cards: with {@code lanes} loops, loop {@code lane}
 * sends requests {@code lane}, {@code lane + lanes}, {@code lane + 2·lanes}, ... so its j-th request is request
 * {@code lane + j·lanes} of the run. Together the lanes send every request exactly once, at the run's rate, and no
 * loop ever asks another one what it did.
 *
 * <p>The run ends after {@code maxRequests} requests (0: no limit), or with the last request due strictly before
 * {@code maxNanos} (0: no limit): 200/s for 2 s is requests 0 to 399, due at 0, 5, ..., 1995 ms.
 *
 * <p>A pure class: no clock, no I/O. The event loop asks it what is due ({@link #dueBy}) and when to wake up
 * ({@link #offsetNanos}). Read the lab sheet, labs/06-load-testing/README.md, "Tasks". Grade with ./workbook grade 6.
 */
public final class OpenSchedule {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double rate;
    private final int lane;
    private final int lanes;
    private final long maxRequests;
    private final long maxNanos;

    /** Given: the checks. Keep the constructor cheap; compute the size here or in size(), as you like. */
    public OpenSchedule(double rate, int lane, int lanes, long maxRequests, long maxNanos) {
        if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("rate must be positive, not " + rate);
        if (lanes < 1 || lane < 0 || lane >= lanes) throw new IllegalArgumentException("lane " + lane + " of " + lanes);
        if (maxRequests < 0 || maxNanos < 0) throw new IllegalArgumentException("limits must not be negative");
        this.rate = rate;
        this.lane = lane;
        this.lanes = lanes;
        this.maxRequests = maxRequests;
        this.maxNanos = maxNanos;
    }

    /** When request {@code i} of the whole run is due, in nanoseconds after the start. */
    public long runOffsetNanos(long i) {
        // TODO task 1: i / rate seconds, in nanoseconds. Compute it from i every time (never by adding an interval to
        //              the previous one: a million additions of a rounded 1/7.3 s drift). Mind the order of the
        //              operations: i * 1e9 / rate as a double, then one cast to long.
        throw new UnsupportedOperationException("TODO: OpenSchedule.runOffsetNanos, lab 06 task 1 (labs/06-load-testing/README.md)");
    }

    /** When this lane's {@code j}-th request (from 0) is due, in nanoseconds after the start. */
    public long offsetNanos(long j) {
        // TODO task 1 (one lane) and task 3 (many): this lane's j-th request is request lane + j * lanes of the run.
        throw new UnsupportedOperationException("TODO: OpenSchedule.offsetNanos, lab 06 task 1 (labs/06-load-testing/README.md)");
    }

    /** How many requests this lane sends in the whole run ({@link Long#MAX_VALUE}: until told to stop). */
    public long size() {
        // TODO task 2: the run's total is the smaller of maxRequests and "how many are due strictly before maxNanos"
        //              (a limit of 0 is no limit: Long.MAX_VALUE). Task 3: this lane's share of a total is the
        //              number of run indexes lane, lane + lanes, ... that are below the total.
        throw new UnsupportedOperationException("TODO: OpenSchedule.size, lab 06 task 2 (labs/06-load-testing/README.md)");
    }

    /** How many of this lane's requests are due at {@code elapsedNanos} after the start (never more than {@link #size()}). */
    public long dueBy(long elapsedNanos) {
        // TODO task 3: find the last run index i with runOffsetNanos(i) <= elapsedNanos (estimate it with
        //              floor(t * rate / 1e9), then step it down/up until runOffsetNanos agrees: the estimate and the
        //              due time come from two roundings), then count this lane's indexes in 0..i. Never above size().
        throw new UnsupportedOperationException("TODO: OpenSchedule.dueBy, lab 06 task 3 (labs/06-load-testing/README.md)");
    }

    /** The interval between two requests of this lane, in nanoseconds. */
    public double laneIntervalNanos() {
        // TODO task 1: one lane of `lanes` sends every lanes / rate seconds.
        throw new UnsupportedOperationException("TODO: OpenSchedule.laneIntervalNanos, lab 06 task 1 (labs/06-load-testing/README.md)");
    }

    @Override
    public String toString() {
        return "OpenSchedule[" + rate + "/s, lane " + lane + " of " + lanes + ", -n " + maxRequests + ", " + maxNanos + " ns]";
    }
}
