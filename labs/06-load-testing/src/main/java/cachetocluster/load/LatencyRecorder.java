package cachetocluster.load;

import org.HdrHistogram.Histogram;

/**
 * Records each reply twice, because there are two honest answers to "how long did it take?":
 * <ul>
 *   <li><b>service time</b>, from when the request actually went out to the end of its reply: what the server
 *       did with the request once it had it. Every closed-model tool (ab, wrk, loadtest without --rps) reports
 *       only this;</li>
 *   <li><b>response time</b>, from when the request was <em>supposed</em> to go out (its place in the
 *       {@link OpenSchedule}) to the end of its reply: what a user arriving at that moment would have waited,
 *       queue included.</li>
 * </ul>
 * The gap between the two is time spent queued in the load generator, waiting for a free connection because the
 * server was slow. Leave it out and a one-second stall shows up as a handful of slow requests, instead of the
 * hundreds that would have been sent and waited during that second: coordinated omission (Gil Tene; wrk2).
 *
 * <p>In the closed model nothing has an intended time other than its send time: pass the same value twice and
 * the two histograms agree.
 *
 * <p>Values are kept in microseconds in {@link Histogram}s with 3 significant digits (0.1% resolution), which
 * resize themselves to whatever the run needs. Not thread-safe: one recorder per event loop, merged at the end.
 */
public final class LatencyRecorder {

    private final Histogram service = newHistogram();
    private final Histogram response = newHistogram();
    /** A send this much after its due time counts as late: the selector's clock ticks in milliseconds. */
    public static final long LATE_NANOS = 1_000_000;

    private long maxQueueNanos;
    private long late;

    /** The histogram type every part of jload uses: microseconds, 3 significant digits, auto-resizing. */
    public static Histogram newHistogram() {
        return new Histogram(3);
    }

    /**
     * One reply: the request was due at {@code intendedNanos}, went out at {@code sentNanos} and its reply was
     * complete at {@code doneNanos} (all {@link System#nanoTime()} values). A request never goes out before it is
     * due; if a clock says so, it went out on time (no negative queue). Returns the response time recorded, in
     * microseconds.
     */
    public long record(long intendedNanos, long sentNanos, long doneNanos) {
        long serviceNanos = Math.max(0, doneNanos - sentNanos);
        long queueNanos = Math.max(0, sentNanos - intendedNanos);
        service.recordValue(serviceNanos / 1000);
        long responseMicros = (serviceNanos + queueNanos) / 1000;
        response.recordValue(responseMicros);
        if (queueNanos > LATE_NANOS) {
            late++;
        }
        maxQueueNanos = Math.max(maxQueueNanos, queueNanos);
        return responseMicros;
    }

    /** Actual send to reply, in microseconds. */
    public Histogram serviceTime() {
        return service;
    }

    /** Intended send to reply, in microseconds: the one to report. */
    public Histogram responseTime() {
        return response;
    }

    /** How many requests went out more than {@link #LATE_NANOS} after they were due. */
    public long late() {
        return late;
    }

    /** The longest a request waited in the generator's queue, in nanoseconds. */
    public long maxQueueNanos() {
        return maxQueueNanos;
    }

    public long count() {
        return service.getTotalCount();
    }

    /** Adds another loop's records to this one. */
    public void add(LatencyRecorder other) {
        service.add(other.service);
        response.add(other.response);
        late += other.late;
        maxQueueNanos = Math.max(maxQueueNanos, other.maxQueueNanos);
    }
}
