package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The graded tests of lab 01 tasks 1-3: {@link RandomCycle#singleCycle}. */
@DisplayName("Lab 01: RandomCycle")
class RandomCycleGradedTest {

    @Tag("task:1")
    @DisplayName("Following next[] from node 0 visits every node exactly once, then comes back to 0")
    @ParameterizedTest(quoteTextArguments = false, name = "Following next[] from node 0 visits all {0} nodes exactly once, then comes back to 0")
    @ValueSource(ints = {1, 2, 3, 10, 1000, 100_000})
    void oneCycleThroughEveryNode(int n) {
        int[] next = RandomCycle.singleCycle(n, new SplittableRandom(n));
        assertThat(next).as("singleCycle(%d, ...) length", n).hasSize(n);
        boolean[] seen = new boolean[n];
        int node = 0;
        for (int step = 0; step < n; step++) {
            assertThat(seen[node]).as("singleCycle(%d): node %d is visited a second time after %d steps, "
                    + "so the cycle through 0 is shorter than n", n, node, step).isFalse();
            seen[node] = true;
            int to = next[node];
            assertThat(to).as("singleCycle(%d): next[%d] must be a node in [0, %d)", n, node, n).isBetween(0, n - 1);
            node = to;
        }
        assertThat(node).as("singleCycle(%d): after %d steps the walk must be back at node 0", n, n).isZero();
    }

    @Tag("task:2")
    @DisplayName("No node points at itself when there are two or more")
    @Test
    void noFixedPoints() {
        for (int n : new int[] {2, 3, 17, 5000}) {
            int[] next = RandomCycle.singleCycle(n, new SplittableRandom(99));
            for (int i = 0; i < n; i++) {
                assertThat(next[i]).as("singleCycle(%d): next[%d] points at itself", n, i).isNotEqualTo(i);
            }
        }
    }

    @Tag("task:2")
    @DisplayName("Fewer than one node is refused with IllegalArgumentException")
    @ParameterizedTest(quoteTextArguments = false, name = "n = {0} is refused with IllegalArgumentException")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesEmpty(int n) {
        assertThatIllegalArgumentException().as("singleCycle(%d, ...)", n)
                .isThrownBy(() -> RandomCycle.singleCycle(n, new SplittableRandom(1)));
    }

    @Tag("task:3")
    @DisplayName("The same seed gives the same cycle, another seed another cycle")
    @Test
    void seeded() {
        int[] a = RandomCycle.singleCycle(1000, new SplittableRandom(42));
        int[] b = RandomCycle.singleCycle(1000, new SplittableRandom(42));
        int[] c = RandomCycle.singleCycle(1000, new SplittableRandom(43));
        assertThat(a).as("two calls with SplittableRandom(42)").isEqualTo(b);
        assertThat(Arrays.equals(a, c)).as("seeds 42 and 43 gave the very same cycle: is the randomness used?").isFalse();
    }

    @Tag("task:3")
    @DisplayName("The order is not predictable: few nodes point at the next address")
    @Test
    void notSequential() {
        int n = 100_000;
        int[] next = RandomCycle.singleCycle(n, new SplittableRandom(5));
        long neighbours = 0;
        for (int i = 0; i < n; i++) {
            if (next[i] == (i + 1) % n || next[i] == i - 1) {
                neighbours++;
            }
        }
        assertThat(neighbours).as("nodes whose next is the node beside them, out of %d (a prefetcher would "
                + "predict these); a random cycle has about 2", n).isLessThan(n / 100);
    }

    @Tag("task:3")
    @DisplayName("Every single cycle is equally likely: the 6 cycles of 4 nodes each come up about 1/6 of the time")
    @Test
    void uniform() {
        int draws = 12_000;
        var random = new SplittableRandom(2024);
        Map<String, Integer> counts = new HashMap<>();
        for (int d = 0; d < draws; d++) {
            counts.merge(Arrays.toString(RandomCycle.singleCycle(4, random)), 1, Integer::sum);
        }
        assertThat(counts).as("distinct results of singleCycle(4) in %d draws (there are exactly 3! = 6 single cycles "
                + "of 4 nodes; more means some are not single cycles, fewer means some are never drawn)", draws).hasSize(6);
        counts.forEach((cycle, count) -> assertThat(count)
                .as("how often %s came up in %d draws; a fair draw gives about %d", cycle, draws, draws / 6)
                .isBetween(draws / 6 - 300, draws / 6 + 300));
    }
}
