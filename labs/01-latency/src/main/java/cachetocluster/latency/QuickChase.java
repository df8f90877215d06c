package cachetocluster.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pointer chase of the quick mode: plain Java, no JMH, done right enough for a classroom.
 *
 * <p>What "right enough" takes, and why:
 * <ul>
 *   <li><b>Warm the JIT first.</b> The first few thousand calls of {@link ChaseChain#walk} run in the
 *       interpreter, tens of times slower than compiled code. We walk a small chain until the
 *       compiled version is certainly in use before timing anything.</li>
 *   <li><b>Warm the working set.</b> The first walk through a fresh array also pays for page faults
 *       and cold caches; each size is walked once before it is timed.</li>
 *   <li><b>Keep the best of several rounds.</b> Noise (another process, an interrupt, a frequency
 *       change) only ever adds time to a dependent chain, so the minimum is the closest to the
 *       machine's real cost; lmbench's lat_mem_rd does the same.</li>
 *   <li><b>Time enough hops.</b> {@code System.nanoTime()} costs ~20 ns and ticks coarsely; a round of
 *       several milliseconds makes that error vanish.</li>
 * </ul>
 * JMH ({@code ./workbook bench 1}) does all of this more carefully, in a fresh JVM per benchmark.
 */
public final class QuickChase {

    /** The grid of working sets: dense around the usual cache sizes, sparse in DRAM. */
    public static final List<Long> SIZES = List.of(
            4L << 10, 8L << 10, 16L << 10, 24L << 10, 32L << 10, 48L << 10, 64L << 10, 96L << 10,
            128L << 10, 192L << 10, 256L << 10, 384L << 10, 512L << 10, 768L << 10,
            1L << 20, 3L << 19, 2L << 20, 3L << 20, 4L << 20, 6L << 20, 8L << 20, 12L << 20, 16L << 20,
            24L << 20, 32L << 20, 48L << 20, 64L << 20, 128L << 20, 256L << 20, 512L << 20);

    private static final long SEED = 0xC2C;

    private final long roundNanos;
    private final int rounds;
    private volatile int sink;

    /**
     * @param roundNanos how long one timed round should take (a few milliseconds)
     * @param rounds     how many rounds per size; the best one counts
     */
    public QuickChase(long roundNanos, int rounds) {
        if (roundNanos < 100_000 || rounds < 1) {
            throw new IllegalArgumentException("a round needs at least 0.1 ms and there must be a round");
        }
        this.roundNanos = roundNanos;
        this.rounds = rounds;
    }

    /** Walks a small chain until the JIT has compiled the walk (a fixed, generous amount of work). */
    public void warmUpJit() {
        int[] chain = ChaseChain.build(16 << 10, SEED);
        int p = 0;
        for (int i = 0; i < 300; i++) {
            p = ChaseChain.walk(chain, p, 20_000);
        }
        sink += p;
    }

    /**
     * Measures every size up to {@code maxBytes} (the sizes must ascend), calling {@code progress}
     * after each one. Larger sizes are left out (the caller says so).
     */
    public List<ChasePoint> sweep(List<Long> sizes, long maxBytes, Consumer<ChasePoint> progress) {
        List<ChasePoint> points = new ArrayList<>();
        for (long size : sizes) {
            if (size > maxBytes) {
                break;
            }
            ChasePoint point = new ChasePoint(size, measure(ChaseChain.build(size, SEED)));
            points.add(point);
            progress.accept(point);
        }
        return points;
    }

    /** The best-of-rounds time of one dependent load in {@code chain}, in nanoseconds. */
    public double measure(int[] chain) {
        int nodes = chain.length / (ChaseChain.LINE_BYTES / Integer.BYTES);
        int p = ChaseChain.walk(chain, 0, Math.min(nodes, 4_000_000)); // touch the set once
        long hops = 10_000;
        // Calibrate: grow the round until it lasts about roundNanos.
        while (true) {
            long start = System.nanoTime();
            p = ChaseChain.walk(chain, p, hops);
            long took = System.nanoTime() - start;
            if (took >= roundNanos / 2 || hops > 1L << 34) {
                hops = Math.max(hops, (long) (hops * ((double) roundNanos / Math.max(took, 1))));
                break;
            }
            hops *= 4;
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            p = ChaseChain.walk(chain, p, hops);
            long took = System.nanoTime() - start;
            best = Math.min(best, (double) took / hops);
        }
        sink += p;
        return best;
    }

    /** Read by nobody, written by every walk: it keeps the walks from being dead code. */
    public int sink() {
        return sink;
    }
}
