package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cachetocluster.cluster.RespawnPolicy.GiveUp;
import cachetocluster.cluster.RespawnPolicy.Respawn;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the RespawnPolicy exercise (lab 05). Task 5: the backoff; task 6: the crash-loop limit and its
 * window. Times are plain milliseconds given by the test: nothing waits.
 */
@DisplayName("Lab 05: RespawnPolicy")
class RespawnPolicyGradedTest {

    @Tag("task:5")
    @DisplayName("The delay doubles with each recent crash: 100, 200, 400, 800 ms")
    @Test
    void delayDoubles() {
        RespawnPolicy policy = new RespawnPolicy(100, 10_000, 10, 60_000);
        assertThat(policy.crashed(1_000)).as("first crash at t=1000").isEqualTo(new Respawn(100, 1));
        assertThat(policy.crashed(1_200)).as("second crash at t=1200").isEqualTo(new Respawn(200, 2));
        assertThat(policy.crashed(1_500)).as("third crash at t=1500").isEqualTo(new Respawn(400, 3));
        assertThat(policy.crashed(2_000)).as("fourth crash at t=2000").isEqualTo(new Respawn(800, 4));
        assertThat(policy.gaveUp()).as("gaveUp() after 4 of at most 10").isFalse();
    }

    @Tag("task:5")
    @DisplayName("The delay never exceeds maxDelay")
    @Test
    void delayIsCapped() {
        RespawnPolicy policy = new RespawnPolicy(1_000, 3_000, 100, 1_000_000);
        long[] expected = {1_000, 2_000, 3_000, 3_000, 3_000};
        for (int i = 0; i < expected.length; i++) {
            assertThat(policy.crashed(i * 10L)).as("crash %d (initial 1000 ms, max 3000 ms)", i + 1)
                    .isEqualTo(new Respawn(expected[i], i + 1));
        }
        RespawnPolicy many = new RespawnPolicy(1, Long.MAX_VALUE / 2, 200, 1_000_000);
        RespawnPolicy.Decision last = null;
        for (int i = 0; i < 200; i++) {
            last = many.crashed(i);
        }
        assertThat(last).as("crash 200 with initial 1 ms: 2^199 ms overflows a long; capped at maxDelay instead")
                .isEqualTo(new Respawn(Long.MAX_VALUE / 2, 200));
    }

    @Tag("task:5")
    @DisplayName("Crashes older than the window no longer count: after a quiet window the delay is back to the first")
    @Test
    void quietWindowResetsTheDelay() {
        RespawnPolicy policy = new RespawnPolicy(100, 10_000, 5, 10_000);
        policy.crashed(0);
        policy.crashed(1_000);
        assertThat(policy.crashed(2_000)).as("third crash within 10 s").isEqualTo(new Respawn(400, 3));
        assertThat(policy.crashed(10_500)).as("crash at t=10500: the one at t=0 has left the window")
                .isEqualTo(new Respawn(400, 3));
        assertThat(policy.crashed(30_000)).as("crash at t=30000, 19.5 s after the last").isEqualTo(new Respawn(100, 1));
    }

    @Tag("task:6")
    @DisplayName("One crash more than maxCrashes within the window gives up")
    @Test
    void crashLoopGivesUp() {
        RespawnPolicy policy = RespawnPolicy.defaults(); // at most 5 crashes in 10 s
        for (int i = 1; i <= 5; i++) {
            assertThat(policy.crashed(i * 1_000L)).as("crash %d at t=%d s", i, i).isInstanceOf(Respawn.class);
        }
        assertThat(policy.crashed(6_000)).as("crash 6 at t=6 s, the sixth within 10 s").isEqualTo(new GiveUp(6, 10_000));
        assertThat(policy.gaveUp()).as("gaveUp() after that").isTrue();
    }

    @Tag("task:6")
    @DisplayName("A crash exactly one window after an older one does not count the older one")
    @Test
    void windowBoundary() {
        RespawnPolicy policy = new RespawnPolicy(10, 1_000, 2, 5_000);
        policy.crashed(0);
        policy.crashed(1_000);
        assertThat(policy.crashed(5_000)).as("crash at t=5000 with crashes at 0 and 1000 (window 5000, at most 2): "
                + "the one at 0 is exactly 5000 old and no longer counts").isEqualTo(new Respawn(20, 2));
        assertThat(policy.crashed(5_999)).as("crash at t=5999: 1000, 5000 and this one are within 5000")
                .isEqualTo(new GiveUp(3, 5_000));
    }

    @Tag("task:6")
    @DisplayName("Having given up, it stays given up, however quiet it gets")
    @Test
    void givingUpIsFinal() {
        RespawnPolicy policy = new RespawnPolicy(10, 100, 1, 1_000);
        assertThat(policy.crashed(0)).as("first crash").isInstanceOf(Respawn.class);
        assertThat(policy.crashed(10)).as("second crash within the window (at most 1)").isInstanceOf(GiveUp.class);
        assertThat(policy.crashed(1_000_000)).as("a crash 1000 s later").isInstanceOf(GiveUp.class);
    }

    @Tag("task:6")
    @DisplayName("Nonsense settings are refused")
    @Test
    void badSettings() {
        assertThatThrownBy(() -> new RespawnPolicy(-1, 100, 1, 1)).as("negative initial delay").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RespawnPolicy(200, 100, 1, 1)).as("max delay below the initial").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RespawnPolicy(1, 100, 0, 1)).as("maxCrashes 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RespawnPolicy(1, 100, 1, 0)).as("window 0").isInstanceOf(IllegalArgumentException.class);
    }
}
