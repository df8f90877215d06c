package cachetocluster.child;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
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

    private record Entry(CompletableFuture<Object> reply, long deadline, Duration timeout) {}

    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private final Map<Long, Entry> pending = new HashMap<>();
    private long lastId;
    private long lateReplies;
    private long unknownReplies;

    /** @param nanoClock the time in nanoseconds, like {@code System::nanoTime} (tests pass a hand-moved clock) */
    public RequestTracker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Registers a new request due within {@code timeout}; ids are 1, 2, 3... never reused. */
    public Pending begin(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        long id;
        synchronized (lock) {
            id = ++lastId;
            pending.put(id, new Entry(reply, deadline, timeout));
        }
        return new Pending(id, reply);
    }

    /** A reply for {@code id} arrived: completes its future with {@code value} if it is still pending. */
    public Outcome complete(long id, Object value) {
        Entry entry = take(id);
        if (entry == null) {
            return classifyMiss(id);
        }
        entry.reply().complete(value); // outside the lock: the future runs its dependents right here
        return Outcome.COMPLETED;
    }

    /** The other side answered {@code id} with an error: fails its future with {@code error} if still pending. */
    public Outcome fail(long id, Throwable error) {
        Entry entry = take(id);
        if (entry == null) {
            return classifyMiss(id);
        }
        entry.reply().completeExceptionally(error);
        return Outcome.COMPLETED;
    }

    /**
     * Fails every request whose deadline is not after now with a {@link TimeoutException} ("request 7 timed out
     * after PT2S") and forgets it; returns how many.
     */
    public int expireOverdue() {
        long now = nanoClock.getAsLong();
        List<Map.Entry<Long, Entry>> overdue = new ArrayList<>();
        synchronized (lock) {
            var it = pending.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getValue().deadline() - now <= 0) {
                    overdue.add(e);
                    it.remove();
                }
            }
        }
        for (var e : overdue) {
            e.getValue().reply().completeExceptionally(new TimeoutException(
                    "request " + e.getKey() + " timed out after " + e.getValue().timeout()));
        }
        return overdue.size();
    }

    /** The earliest deadline of a pending request (on the nanoClock's scale), empty when none is pending. */
    public OptionalLong nextDeadline() {
        synchronized (lock) {
            return pending.values().stream().mapToLong(Entry::deadline).reduce((a, b) -> a - b <= 0 ? a : b);
        }
    }

    /** The channel closed: fails every pending request with {@code cause} and forgets them; returns how many. */
    public int failAll(Throwable cause) {
        List<Entry> all;
        synchronized (lock) {
            all = new ArrayList<>(pending.values());
            pending.clear();
        }
        all.forEach(e -> e.reply().completeExceptionally(cause));
        return all.size();
    }

    /** How many requests are waiting for a reply. */
    public int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** How many replies came for ids that were issued but no longer pending. */
    public long lateReplies() {
        synchronized (lock) {
            return lateReplies;
        }
    }

    /** How many replies came for ids never issued. */
    public long unknownReplies() {
        synchronized (lock) {
            return unknownReplies;
        }
    }

    private Entry take(long id) {
        synchronized (lock) {
            return pending.remove(id);
        }
    }

    /** Ids are issued in order, so "issued once" is just 1 <= id <= lastId: no need to remember old ids. */
    private Outcome classifyMiss(long id) {
        synchronized (lock) {
            if (id >= 1 && id <= lastId) {
                lateReplies++;
                return Outcome.LATE;
            }
            unknownReplies++;
            return Outcome.UNKNOWN;
        }
    }
}
