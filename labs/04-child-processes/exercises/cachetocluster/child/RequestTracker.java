package cachetocluster.child;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Lab 04 exercise: matching replies to requests over a channel that only carries one-way messages.
 *
 * <p>{@code send} is fire-and-forget, in Node and here. To ask a child something and get <em>its</em> answer back you
 * number each request, remember it in a pending map, and let the reply carry the number back: Node's cluster module
 * does exactly this with {@code seq}/{@code ack} on its {@code NODE_CLUSTER} messages (lib/internal/cluster/utils.js:
 * {@code callbacks.set(seq, cb)}), and so do HTTP/2 stream ids and JSON-RPC ids. Then the cases the happy path
 * forgets: a reply that never comes (timeout), a reply that comes after its timeout (late: drop it, the caller has
 * moved on), a reply to a number nobody asked (unknown: a bug on the other side), and the channel closing with
 * requests in flight (fail them all at once, instead of letting each wait for its timeout).
 *
 * <p>Time is read from the clock given to the constructor, and nothing happens on its own: the owner calls
 * {@link #expireOverdue()} when {@link #nextDeadline()} is reached (see {@link Rpc}). That keeps this class free of
 * threads, and its tests free of sleeps.
 *
 * <p>Read the lab sheet, labs/04-child-processes/README.md, section "Tasks". Grade with ./workbook grade 4.
 */
public final class RequestTracker {

    /** A request in flight: the id to send with it, and the future its reply completes. Given. */
    public record Pending(long id, CompletableFuture<Object> reply) {}

    /** What became of a reply (or a failure) handed to {@link #complete} or {@link #fail}. Given. */
    public enum Outcome {
        /** It matched a pending request, which is now completed. */
        COMPLETED,
        /** Its id was issued but is no longer pending: it timed out, was answered already, or was failed. */
        LATE,
        /** Its id was never issued by this tracker. */
        UNKNOWN
    }

    private final LongSupplier nanoClock;
    // TODO: your fields: a lock, the pending map (id -> future, deadline, timeout), the last id issued, two counters.

    /** @param nanoClock the time in nanoseconds, like {@code System::nanoTime} (tests pass a hand-moved clock) */
    public RequestTracker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Registers a new request due within {@code timeout}; ids are 1, 2, 3... never reused. */
    public Pending begin(Duration timeout) {
        // TODO task 7: deadline = nanoClock.getAsLong() + timeout.toNanos(); the next id and the map entry under the
        //              lock (many threads call begin). A zero or negative timeout: IllegalArgumentException.
        throw new UnsupportedOperationException("TODO: RequestTracker.begin, lab 04 task 7 (labs/04-child-processes/README.md)");
    }

    /** A reply for {@code id} arrived: completes its future with {@code value} if it is still pending. */
    public Outcome complete(long id, Object value) {
        // TODO task 7: remove the entry under the lock, complete its future AFTER leaving the lock (a future runs the
        //              code waiting on it right there, in this thread, and that code may call begin()).
        // TODO task 9: not pending? LATE if the id was issued (ids are issued in order: 1 <= id <= last id), else
        //              UNKNOWN; count each.
        throw new UnsupportedOperationException("TODO: RequestTracker.complete, lab 04 task 7 and 9 (labs/04-child-processes/README.md)");
    }

    /** The other side answered {@code id} with an error: fails its future with {@code error} if still pending. */
    public Outcome fail(long id, Throwable error) {
        // TODO task 9: as complete, with completeExceptionally
        throw new UnsupportedOperationException("TODO: RequestTracker.fail, lab 04 task 9 (labs/04-child-processes/README.md)");
    }

    /**
     * Fails every request whose deadline is not after now with a {@link java.util.concurrent.TimeoutException}
     * ("request 7 timed out after PT2S") and forgets it; returns how many.
     */
    public int expireOverdue() {
        // TODO task 8: compare nano times as deadline - now <= 0 (System.nanoTime may be negative, or wrap).
        throw new UnsupportedOperationException("TODO: RequestTracker.expireOverdue, lab 04 task 8 (labs/04-child-processes/README.md)");
    }

    /** The earliest deadline of a pending request (on the nanoClock's scale), empty when none is pending. */
    public OptionalLong nextDeadline() {
        // TODO task 8
        throw new UnsupportedOperationException("TODO: RequestTracker.nextDeadline, lab 04 task 8 (labs/04-child-processes/README.md)");
    }

    /** The channel closed: fails every pending request with {@code cause} and forgets them; returns how many. */
    public int failAll(Throwable cause) {
        // TODO task 9
        throw new UnsupportedOperationException("TODO: RequestTracker.failAll, lab 04 task 9 (labs/04-child-processes/README.md)");
    }

    /** How many requests are waiting for a reply. */
    public int pendingCount() {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: RequestTracker.pendingCount, lab 04 task 7 (labs/04-child-processes/README.md)");
    }

    /** How many replies came for ids that were issued but no longer pending. */
    public long lateReplies() {
        // TODO task 9
        throw new UnsupportedOperationException("TODO: RequestTracker.lateReplies, lab 04 task 9 (labs/04-child-processes/README.md)");
    }

    /** How many replies came for ids never issued. */
    public long unknownReplies() {
        // TODO task 9
        throw new UnsupportedOperationException("TODO: RequestTracker.unknownReplies, lab 04 task 9 (labs/04-child-processes/README.md)");
    }
}
