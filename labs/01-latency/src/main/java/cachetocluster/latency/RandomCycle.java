package cachetocluster.latency;

import java.util.random.RandomGenerator;

/**
 * The order a pointer chase visits memory in: one random cycle through every node.
 *
 * <p>A chase measures latency only if the hardware cannot guess the next address. A sequential or
 * strided order is exactly what prefetchers are built to predict, and a random <em>permutation</em>
 * is not enough either: it usually splits into several short cycles, so a walk started at node 0
 * loops over a small part of the working set and reports a cache that seems bigger than it is.
 * Sattolo's algorithm (1986) draws uniformly among the permutations that are one single cycle, so
 * a walk from any node visits every node exactly once before it comes back.
 */
public final class RandomCycle {

    private RandomCycle() {}

    /**
     * Returns {@code next}, where {@code next[i]} is the node visited after node {@code i}: following
     * {@code next} from any start visits all {@code n} nodes once and returns to the start.
     *
     * <p>Sattolo's algorithm: start from the identity, then for {@code i} from {@code n - 1} down to
     * 1 swap element {@code i} with an element {@code j} drawn from {@code [0, i)}, never {@code i}
     * itself (that one difference from the Fisher-Yates shuffle is what makes a single cycle). The
     * result read as "position i holds the next node" is the cycle.
     *
     * @param n      how many nodes; at least 1 (one node is a cycle of length 1, pointing at itself)
     * @param random the source of randomness (the same seed gives the same cycle)
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static int[] singleCycle(int n, RandomGenerator random) {
        if (n < 1) {
            throw new IllegalArgumentException("a cycle needs at least one node, got n = " + n);
        }
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swap = next[i];
            next[i] = next[j];
            next[j] = swap;
        }
        return next;
    }
}
