package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the Fairness exercise (lab 05). Task 7: max/min and shares; task 8: coefficient of variation and
 * Jain's index.
 */
@DisplayName("Lab 05: Fairness")
class FairnessGradedTest {

    @Tag("task:7")
    @DisplayName("max/min, total, mean and shares of [100, 50, 50]")
    @Test
    void ratioAndShares() {
        Fairness f = Fairness.of(100, 50, 50);
        assertThat(f.total()).as("total() of [100, 50, 50]").isEqualTo(200);
        assertThat(f.max()).as("max()").isEqualTo(100);
        assertThat(f.min()).as("min()").isEqualTo(50);
        assertThat(f.mean()).as("mean()").isCloseTo(66.667, within(0.001));
        assertThat(f.maxMinRatio()).as("maxMinRatio()").isEqualTo(2.0);
        assertThat(f.share(0)).as("share(0)").isEqualTo(0.5);
        assertThat(f.share(2)).as("share(2)").isEqualTo(0.25);
    }

    @Tag("task:7")
    @DisplayName("A worker that got nothing makes max/min infinite; no connections at all make it NaN")
    @Test
    void zeros() {
        assertThat(Fairness.of(10, 0).maxMinRatio()).as("maxMinRatio() of [10, 0]").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Fairness.of(0, 0).maxMinRatio()).as("maxMinRatio() of [0, 0]").isNaN();
        assertThat(Fairness.of(0, 0).share(0)).as("share(0) of [0, 0]").isNaN();
        assertThat(Fairness.of(7).maxMinRatio()).as("maxMinRatio() of one worker [7]").isEqualTo(1.0);
    }

    @Tag("task:7")
    @DisplayName("No workers, or a negative count, is refused")
    @Test
    void badInput() {
        assertThatThrownBy(() -> Fairness.of()).as("Fairness.of() with no counts").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fairness.of(3, -1)).as("Fairness.of(3, -1)").isInstanceOf(IllegalArgumentException.class);
        assertThat(Fairness.of(List.of(4, 4L, 4)).total()).as("total() from a collection of numbers").isEqualTo(12);
    }

    @Tag("task:8")
    @DisplayName("Equal counts: coefficient of variation 0, Jain's index 1")
    @Test
    void perfectlyFair() {
        Fairness f = Fairness.of(25, 25, 25, 25);
        assertThat(f.coefficientOfVariation()).as("coefficientOfVariation() of [25, 25, 25, 25]").isEqualTo(0.0);
        assertThat(f.jainIndex()).as("jainIndex() of [25, 25, 25, 25]").isEqualTo(1.0);
    }

    @Tag("task:8")
    @DisplayName("Population standard deviation over the mean; Jain's (sum x)^2 / (n sum x^2)")
    @Test
    void unevenCounts() {
        Fairness f = Fairness.of(2, 4, 4, 4, 5, 5, 7, 9); // mean 5, population standard deviation 2
        assertThat(f.coefficientOfVariation()).as("coefficientOfVariation() of [2, 4, 4, 4, 5, 5, 7, 9] (sd 2, mean 5)")
                .isCloseTo(0.4, within(1e-12));
        assertThat(f.jainIndex()).as("jainIndex() of the same: 40^2 / (8 * 232)").isCloseTo(1600.0 / 1856.0, within(1e-12));
    }

    @Tag("task:8")
    @DisplayName("One worker doing everything: Jain's index is 1/n")
    @Test
    void oneDidAll() {
        Fairness f = Fairness.of(0, 0, 0, 80, 0, 0, 0, 0);
        assertThat(f.jainIndex()).as("jainIndex() when 1 of 8 workers got all 80").isCloseTo(0.125, within(1e-12));
        assertThat(f.coefficientOfVariation()).as("coefficientOfVariation() of the same (sd 10 * sqrt(7), mean 10)")
                .isCloseTo(Math.sqrt(7), within(1e-12));
        assertThat(Fairness.of(0, 0).jainIndex()).as("jainIndex() of [0, 0]").isNaN();
        assertThat(Fairness.of(0, 0).coefficientOfVariation()).as("coefficientOfVariation() of [0, 0]").isNaN();
    }
}
