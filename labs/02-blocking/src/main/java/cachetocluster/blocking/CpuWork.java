package cachetocluster.blocking;

import java.time.Duration;

/**
 * A fixed amount of computation, sized once to take a given time on one idle core of this machine.
 *
 * <p>Why not "spin until the clock says 50 ms"? Because that is not a fixed amount of work: two such
 * handlers sharing one core would each spin 50 ms of wall time and do half the work, and CPU-bound
 * requests would seem to run in parallel on a single core. A fixed number of iterations takes
 * longer when the core is shared, as real computation does. (Thread CPU time would do too, but the
 * JVM does not report it for virtual threads.)
 */
public final class CpuWork {

    private static volatile double iterationsPerMilli;

    private CpuWork() {}

    /**
     * The work itself: a xorshift generator, each step depending on the one before, so the JIT can
     * neither skip nor vectorise it. The caller must use the result, or the loop is dead code.
     */
    public static long spin(long iterations) {
        long x = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Computes for about {@code time} on an idle core, and returns the (meaningless) result. */
    public static long burn(Duration time) {
        return spin(Math.round(iterationsPerMilli() * time.toNanos() / 1e6));
    }

    /** Iterations of {@link #spin} per millisecond on one core, measured on first use (about 0.2 s). */
    public static double iterationsPerMilli() {
        double rate = iterationsPerMilli;
        if (rate == 0) {
            synchronized (CpuWork.class) {
                if (iterationsPerMilli == 0) {
                    iterationsPerMilli = calibrate();
                }
                rate = iterationsPerMilli;
            }
        }
        return rate;
    }

    private static double calibrate() {
        long sink = 0;
        for (int i = 0; i < 50; i++) {
            sink += spin(100_000); // let the JIT compile spin() before timing it
        }
        // Many short rounds over about 150 ms, and the fastest one: another program on the machine
        // only ever makes a round slower, and in 150 ms some ~0.5 ms rounds run undisturbed.
        double best = 0;
        long until = System.nanoTime() + 150_000_000L;
        for (int round = 0; round < 300 && System.nanoTime() < until; round++) {
            long iterations = 500_000;
            long start = System.nanoTime();
            sink += spin(iterations);
            long took = Math.max(1, System.nanoTime() - start);
            best = Math.max(best, iterations / (took / 1e6));
        }
        if (sink == 42) {
            System.out.print(""); // keeps sink alive
        }
        return best;
    }
}
