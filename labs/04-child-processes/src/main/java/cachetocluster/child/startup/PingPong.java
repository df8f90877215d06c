package cachetocluster.child.startup;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.EventEmitter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Round trips over the IPC channel, as Node users measure them: send {@code {"n": i}}, and when the echo comes back
 * ({@link ProbeChild}) send the next one from the 'message' listener. Each round trip is timed from its send to its
 * echo reaching the listener.
 *
 * <p>With a window of 1, one message is in flight at a time, so the figure is the latency of the whole path, twice:
 * serialise, write, wake the reader on the other side, parse, hand to the listener, and back; round trips per second is
 * then one over the mean round trip. With a window of W, W requests are in flight (a new one goes out as each echo
 * arrives): a reader then often finds several frames in one read, the wake-ups are shared, and the figure becomes the
 * channel's throughput for request/response traffic rather than its latency.
 */
public final class PingPong {

    /** @param latenciesNanos each round trip, from send to the echo reaching the listener, in the order they ended */
    public record Result(int count, int window, double seconds, long[] latenciesNanos) {

        public double roundTripsPerSecond() {
            return count / seconds;
        }

        /** A percentile of the round trips, in microseconds (nearest rank). */
        public double percentileMicros(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
        }
    }

    private PingPong() {}

    /** {@code count} round trips, one at a time. */
    public static Result run(ChildProcess child, int count, long timeoutSeconds) throws InterruptedException {
        return run(child, count, 1, timeoutSeconds);
    }

    /** {@code count} round trips to {@code child}, which must echo, {@code window} at a time. */
    public static Result run(ChildProcess child, int count, int window, long timeoutSeconds) throws InterruptedException {
        if (count < 1 || window < 1 || window > count) {
            throw new IllegalArgumentException("need 1 <= window <= count, got window " + window + ", count " + count);
        }
        // The first sends are ours, the rest the listener's, on the child's event thread, possibly at the same time.
        AtomicLongArray sentAt = new AtomicLongArray(count);
        AtomicInteger sent = new AtomicInteger();
        long[] latencies = new long[count];
        CompletableFuture<Long> done = new CompletableFuture<>();
        var state = new Object() {
            volatile int received; // written by the listener only (events never run concurrently), read by us on failure
        };
        EventEmitter.Listener listener = args -> {
            long now = System.nanoTime();
            int n = ((Number) ((Map<?, ?>) args[0]).get("n")).intValue();
            int received = state.received;
            latencies[received] = now - sentAt.get(n);
            state.received = received + 1;
            if (received + 1 == count) {
                done.complete(now);
            } else {
                sendNext(child, sentAt, sent, count);
            }
        };
        child.on("message", listener);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < window; i++) {
                sendNext(child, sentAt, sent, count);
            }
            long end = done.get(timeoutSeconds, TimeUnit.SECONDS);
            return new Result(count, window, (end - start) / 1e9, latencies);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the round trips did not finish within " + timeoutSeconds + " s ("
                    + state.received + " of " + count + ")", e);
        } finally {
            child.off("message", listener);
        }
    }

    private static void sendNext(ChildProcess child, AtomicLongArray sentAt, AtomicInteger sent, int count) {
        int n = sent.getAndIncrement();
        if (n < count) {
            sentAt.set(n, System.nanoTime());
            child.send(Map.of("n", n));
        }
    }
}
