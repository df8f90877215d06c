package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ChaseChainTest {

    @Test
    void everyLineIsVisitedOnceAndTheWalkComesBack() {
        int[] chain = ChaseChain.build(64 << 10, 1);
        int lines = (64 << 10) / ChaseChain.LINE_BYTES;
        boolean[] visited = new boolean[lines];
        int p = 0;
        for (int hop = 0; hop < lines; hop++) {
            assertThat(p % 16).as("every node starts a 64-byte line (index %d)", p).isZero();
            assertThat(visited[p / 16]).as("line %d visited twice", p / 16).isFalse();
            visited[p / 16] = true;
            p = chain[p];
        }
        assertThat(p).as("back at the start after one lap").isZero();
        assertThat(ChaseChain.walk(chain, 0, lines)).isZero();
        assertThat(ChaseChain.walk(chain, 0, 1)).isEqualTo(chain[0]);
    }

    @Test
    void otherSpacingsAndSeeds() {
        int[] dense = ChaseChain.build(4096, 4, 3);
        assertThat(ChaseChain.walk(dense, 0, 1024)).as("a 4-byte spacing chains every int").isZero();
        assertThat(ChaseChain.build(4096, 7)).isEqualTo(ChaseChain.build(4096, 7)).isNotEqualTo(ChaseChain.build(4096, 8));
    }

    @Test
    void refusesSizesThatDoNotFit() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChaseChain.build(100, 64, 1)).withMessageContaining("multiple");
        assertThatIllegalArgumentException().isThrownBy(() -> ChaseChain.build(4096, 6, 1)).withMessageContaining("spacing");
        assertThatIllegalArgumentException().isThrownBy(() -> ChaseChain.build(16L << 30, 64, 1)).withMessageContaining("too large");
    }
}
