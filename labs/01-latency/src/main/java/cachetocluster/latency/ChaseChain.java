package cachetocluster.latency;

import java.util.SplittableRandom;

/**
 * A pointer-chase chain laid out in an {@code int[]}: one node per cache line, linked in one random
 * cycle ({@link RandomCycle}), so every load depends on the one before and lands on a new line.
 *
 * <p>Why an {@code int[]} and not Java objects: objects have headers, may be compressed references
 * and may be moved by the garbage collector, so a chase through them measures layout, not the
 * memory (JMH sample 39). An {@code int[]} is one contiguous block; element {@code i * 16} starts
 * cache line {@code i} (64-byte lines, 4-byte ints), and {@code chain[p]} holds the index of the
 * next node, so the walk is {@code p = chain[p]}: a dependent load, like {@code p = *p} in C.
 */
public final class ChaseChain {

    /** The line size of every x86-64 and most ARM cores; one node per line keeps each load on a new line. */
    public static final int LINE_BYTES = 64;

    private ChaseChain() {}

    /**
     * Builds a chain that covers {@code workingSetBytes} of memory with one node every
     * {@code spacingBytes}.
     *
     * @param workingSetBytes the size of the array, a multiple of {@code spacingBytes}
     * @param spacingBytes    distance between nodes, a multiple of 4 (use {@link #LINE_BYTES})
     * @param seed            the random seed (the same seed gives the same chain)
     */
    public static int[] build(long workingSetBytes, int spacingBytes, long seed) {
        if (spacingBytes < Integer.BYTES || spacingBytes % Integer.BYTES != 0) {
            throw new IllegalArgumentException("spacing must be a positive multiple of 4 bytes, got " + spacingBytes);
        }
        if (workingSetBytes < spacingBytes || workingSetBytes % spacingBytes != 0) {
            throw new IllegalArgumentException("working set must be a positive multiple of the spacing ("
                    + spacingBytes + " B), got " + workingSetBytes + " B");
        }
        long length = workingSetBytes / Integer.BYTES;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("working set too large for one int[]: " + workingSetBytes + " B");
        }
        int stride = spacingBytes / Integer.BYTES;
        int nodes = (int) (workingSetBytes / spacingBytes);
        int[] cycle = RandomCycle.singleCycle(nodes, new SplittableRandom(seed));
        int[] chain = new int[(int) length];
        for (int node = 0; node < nodes; node++) {
            chain[node * stride] = cycle[node] * stride;
        }
        return chain;
    }

    /** A chain over {@code workingSetBytes} with one node per 64-byte line. */
    public static int[] build(long workingSetBytes, long seed) {
        return build(workingSetBytes, LINE_BYTES, seed);
    }

    /**
     * Follows the chain for {@code hops} dependent loads from {@code start} and returns where it
     * ended. Return (and use) the result: a walk whose end nobody reads is dead code the JIT may
     * delete, and then it measures nothing (JMH sample 08).
     */
    public static int walk(int[] chain, int start, long hops) {
        int p = start;
        for (long i = 0; i < hops; i++) {
            p = chain[p];
        }
        return p;
    }
}
