package cachetocluster.load;

import org.HdrHistogram.Histogram;

/**
 * Lab 06 exercise: a latency recorder that does not omit what a stall did to the users.
 *
 * <p>Each reply is recorded twice, because there are two honest answers to "how long did it take?":
 * <ul>
 *   <li><b>service time</b>, from when the request actually went out to the end of its reply: what the server did
 *       with it. Every closed-model tool (ab, wrk, loadtest without --rps) reports only this;</li>
 *   <li><b>response time</b>, from when the request was <em>supposed</em> to go out (its place in the
 *       {@link OpenSchedule}) to the end of its reply: what a user arriving at that moment waited, queue included.</li>
 * </ul>
 * The gap is time queued in the load generator, waiting for a connection because the server was slow. Leave it out
 * and a one-second stall shows up as one slow request instead of the hundreds that would have been sent and waited
 * during that second: coordinated omission (Gil Tene, "How NOT to measure latency"; wrk2).
 *
 * <p>Values are kept in microseconds in {@link Histogram}s with 3 significant digits (0.1% resolution), which resize
 * themselves. Not thread-safe: one recorder per event loop, merged with {@link #add} at the end.
 *
 * <p>Read the lab sheet, labs/06-load-testing/README.md, "Tasks". Grade with ./workbook grade 6.
 */
public final class LatencyRecorder {

    /** A send this much after its due time counts as late: the selector's clock ticks in milliseconds. Given. */
    public static final long LATE_NANOS = 1_000_000;

    private final Histogram service = newHistogram();
    private final Histogram response = newHistogram();
    // TODO task 5: two more fields: how many sends were late, and the longest queue seen (ns).

    /** The histogram type every part of jload uses: microseconds, 3 significant digits, auto-resizing. Given. */
    public static Histogram newHistogram() {
        return new Histogram(3);
    }

    /**
     * One reply: the request was due at {@code intendedNanos}, went out at {@code sentNanos} and its reply was
     * complete at {@code doneNanos} (all {@link System#nanoTime()} values). Returns the response time recorded, in
     * microseconds.
     */
    public long record(long intendedNanos, long sentNanos, long doneNanos) {
        // TODO task 4: service = done - sent, response = service + queue, queue = sent - intended; record both in µs
        //              (recordValue(nanos / 1000)) and return the response time in µs.
        // TODO task 5: two clocks can disagree by a little: no negative service or queue (Math.max(0, ...)). Count a
        //              send as late when its queue is MORE than LATE_NANOS; keep the longest queue.
        throw new UnsupportedOperationException("TODO: LatencyRecorder.record, lab 06 task 4 (labs/06-load-testing/README.md)");
    }

    /** Actual send to reply, in microseconds. Given. */
    public Histogram serviceTime() {
        return service;
    }

    /** Intended send to reply, in microseconds: the one to report. Given. */
    public Histogram responseTime() {
        return response;
    }

    /** How many requests went out more than {@link #LATE_NANOS} after they were due. */
    public long late() {
        // TODO task 5
        throw new UnsupportedOperationException("TODO: LatencyRecorder.late, lab 06 task 5 (labs/06-load-testing/README.md)");
    }

    /** The longest a request waited in the generator's queue, in nanoseconds. */
    public long maxQueueNanos() {
        // TODO task 5
        throw new UnsupportedOperationException("TODO: LatencyRecorder.maxQueueNanos, lab 06 task 5 (labs/06-load-testing/README.md)");
    }

    /** How many replies were recorded. */
    public long count() {
        // TODO task 4: the histograms count for you.
        throw new UnsupportedOperationException("TODO: LatencyRecorder.count, lab 06 task 4 (labs/06-load-testing/README.md)");
    }

    /** Adds another loop's records to this one (the other one is left as it was). */
    public void add(LatencyRecorder other) {
        // TODO task 6: Histogram.add merges counts exactly (that is why percentiles of many loops are honest, and an
        //              average of each loop's p99 is not); add the late counts; keep the larger longest queue.
        throw new UnsupportedOperationException("TODO: LatencyRecorder.add, lab 06 task 6 (labs/06-load-testing/README.md)");
    }
}
