package cachetocluster.latency;

import java.util.random.RandomGenerator;

/**
 * Lab 01 exercise: the order a pointer chase visits memory in, one random cycle through every node.
 *
 * <p>The chase of this lab ({@link ChaseChain}) links one node per cache line in the order this
 * class returns. If the order is predictable, the prefetcher hides the latency; if it splits into
 * several short cycles, the walk stays in a small part of the working set and a cache looks bigger
 * than it is. Sattolo's algorithm gives a single cycle, drawn uniformly among all (n-1)! of them.
 *
 * <p>Read labs/01-latency/README.md, part B1 (tasks 1-3). Grade with ./workbook grade 1 random-cycle; stuck?
 * ./workbook hint 1 random-cycle. ./workbook run 1 --mine runs the whole ladder on your cycle.
 */
public final class RandomCycle {

    private RandomCycle() {}

    /**
     * Returns {@code next}, where {@code next[i]} is the node visited after node {@code i}: following
     * {@code next} from any start visits all {@code n} nodes once and returns to the start.
     *
     * @param n      how many nodes; at least 1 (one node is a cycle of length 1, pointing at itself)
     * @param random the source of randomness (the same seed gives the same cycle)
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static int[] singleCycle(int n, RandomGenerator random) {
        // TODO task 1: return an array in which following next[] from node 0 visits all n nodes and comes back.
        // TODO task 2: no node may point at itself (when n >= 2); n < 1 throws IllegalArgumentException.
        // TODO task 3: make it random and fair: every one of the (n-1)! single cycles equally likely, the
        //              same RandomGenerator state giving the same cycle. Use only random.nextInt(bound).
        throw new UnsupportedOperationException("TODO: RandomCycle.singleCycle, lab 01 tasks 1-3 (labs/01-latency/README.md)");
    }
}
