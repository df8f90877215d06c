package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cachetocluster.latency.CacheCliffs.Plateau;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The graded tests of lab 01 tasks 4-6: {@link CacheCliffs#plateaus}. */
@DisplayName("Lab 01: CacheCliffs")
class CacheCliffsGradedTest {

    private static final long K = 1024, M = 1024 * K;

    @Tag("task:4")
    @DisplayName("A clean staircase gives one plateau per step, each with its first and last size and median level")
    @Test
    void staircase() {
        List<ChasePoint> curve = curve(
                4 * K, 1.0, 8 * K, 1.1, 16 * K, 1.0, 32 * K, 1.2,
                64 * K, 4.0, 128 * K, 4.2, 256 * K, 4.1,
                512 * K, 20, 1 * M, 21, 2 * M, 22, 4 * M, 23);
        assertPlateaus(curve, List.of(
                new Plateau(4 * K, 32 * K, 1.05, 4),
                new Plateau(64 * K, 256 * K, 4.1, 3),
                new Plateau(512 * K, 4 * M, 21.5, 4)));
    }

    @Tag("task:4")
    @DisplayName("A flat curve is one plateau; one point is one plateau; no points, no plateaus")
    @Test
    void flatOneAndNone() {
        assertPlateaus(curve(4 * K, 2.0, 8 * K, 2.5, 16 * K, 2.2, 32 * K, 2.9), List.of(new Plateau(4 * K, 32 * K, 2.35, 4)));
        assertPlateaus(curve(4 * K, 2.0), List.of(new Plateau(4 * K, 4 * K, 2.0, 1)));
        assertPlateaus(List.of(), List.of());
    }

    @Tag("task:4")
    @DisplayName("The level is the median so far, so a slow climb stays on the plateau until it is jump times the median")
    @Test
    void medianSoFar() {
        // The median of {1, 1.2, 1.4} is 1.2, so 1.7 (< 1.8) joins; the median of the four is then 1.3,
        // and 2.0 (>= 1.95) followed by 2.1 is the cliff.
        List<ChasePoint> curve = curve(1 * K, 1.0, 2 * K, 1.2, 3 * K, 1.4, 4 * K, 1.7, 5 * K, 2.0, 6 * K, 2.1);
        assertPlateaus(curve, List.of(new Plateau(1 * K, 4 * K, 1.3, 4), new Plateau(5 * K, 6 * K, 2.05, 2)));
    }

    @Tag("task:5")
    @DisplayName("One point out of line is noise: no cliff, and it does not join the plateau")
    @Test
    void noise() {
        List<ChasePoint> curve = curve(4 * K, 1.0, 8 * K, 1.0, 16 * K, 9.0, 32 * K, 1.0, 64 * K, 1.0);
        assertPlateaus(curve, List.of(new Plateau(4 * K, 64 * K, 1.0, 4)));
        List<ChasePoint> lastIsHigh = curve(4 * K, 1.0, 8 * K, 1.0, 16 * K, 1.0, 32 * K, 5.0);
        assertPlateaus(lastIsHigh, List.of(new Plateau(4 * K, 16 * K, 1.0, 3)));
    }

    @Tag("task:5")
    @DisplayName("The ramp climbing between two levels belongs to no plateau")
    @Test
    void ramp() {
        // 4.0 -> 8 -> 12 -> 16 climbs by 1.15 or more each step; 16 -> 17 does not, so the plateau starts at 16.
        List<ChasePoint> curve = curve(
                64 * K, 4.0, 128 * K, 4.0, 256 * K, 4.0,
                512 * K, 8.0, 1 * M, 12.0, 2 * M, 16.0, 4 * M, 17.0, 8 * M, 16.5);
        assertPlateaus(curve, List.of(new Plateau(64 * K, 256 * K, 4.0, 3), new Plateau(2 * M, 8 * M, 16.5, 3)));
    }

    @Tag("task:5")
    @DisplayName("A cliff that climbs to the very last point leaves that point as the last plateau")
    @Test
    void rampToTheEnd() {
        List<ChasePoint> curve = curve(4 * K, 1.0, 8 * K, 1.0, 16 * K, 3.0, 32 * K, 6.0, 64 * K, 12.0);
        assertPlateaus(curve, List.of(new Plateau(4 * K, 8 * K, 1.0, 2), new Plateau(64 * K, 64 * K, 12.0, 1)));
    }

    @Tag("task:6")
    @DisplayName("jump must be above 1, and working sets must strictly increase (IllegalArgumentException)")
    @Test
    void refuses() {
        List<ChasePoint> fine = curve(4 * K, 1.0, 8 * K, 1.0);
        assertThatIllegalArgumentException().as("plateaus(curve, 1.0)").isThrownBy(() -> CacheCliffs.plateaus(fine, 1.0));
        assertThatIllegalArgumentException().as("plateaus(curve, 0.5)").isThrownBy(() -> CacheCliffs.plateaus(fine, 0.5));
        assertThatIllegalArgumentException().as("plateaus(curve, NaN)").isThrownBy(() -> CacheCliffs.plateaus(fine, Double.NaN));
        assertThatIllegalArgumentException().as("plateaus of 8 KiB then 4 KiB")
                .isThrownBy(() -> CacheCliffs.plateaus(curve(8 * K, 1.0, 4 * K, 1.0)));
        assertThatIllegalArgumentException().as("plateaus of 4 KiB twice")
                .isThrownBy(() -> CacheCliffs.plateaus(curve(4 * K, 1.0, 4 * K, 1.1)));
    }

    @Tag("task:6")
    @DisplayName("A curve measured on a 2-core AMD EPYC VM: L1 to 48 KiB, L2 to 512 KiB, L3 to 6 MiB, DRAM from 16 MiB")
    @Test
    void measuredOnARealMachine() {
        // ./workbook run 1 on the VM this course was written on (ns per load, sizes in KiB).
        List<ChasePoint> curve = curve(
                4 * K, 1.47, 8 * K, 1.49, 16 * K, 1.48, 24 * K, 1.55, 32 * K, 1.69, 48 * K, 2.03,
                64 * K, 4.45, 96 * K, 4.40, 128 * K, 4.53, 192 * K, 4.47, 256 * K, 4.49, 384 * K, 4.98,
                512 * K, 6.41, 768 * K, 9.70, 1 * M, 15, 1536 * K, 17, 2 * M, 18, 3 * M, 18, 4 * M, 19, 6 * M, 23,
                8 * M, 105, 12 * M, 128, 16 * M, 154, 24 * M, 167, 32 * M, 167, 48 * M, 193, 64 * M, 191,
                128 * M, 204, 256 * M, 232, 512 * M, 259);
        List<Plateau> plateaus = CacheCliffs.plateaus(curve, CacheCliffs.DEFAULT_JUMP);
        assertThat(plateaus).as("plateaus of the measured curve (first and last size of each)")
                .extracting(p -> List.of(p.firstBytes() / K, p.lastBytes() / K))
                .containsExactly(List.of(4L, 48L), List.of(64L, 512L), List.of(1024L, 6144L), List.of(16384L, 524288L));
        assertThat(plateaus).as("levels of the measured curve, ns").extracting(Plateau::levelNs)
                .usingElementComparator(CacheCliffsGradedTest::compareNs)
                .containsExactly(1.52, 4.49, 18.0, 192.0);
    }

    private static void assertPlateaus(List<ChasePoint> curve, List<Plateau> expected) {
        assertThat(CacheCliffs.plateaus(curve, CacheCliffs.DEFAULT_JUMP)).as("plateaus of %s", describe(curve))
                .usingRecursiveComparison().withComparatorForType(CacheCliffsGradedTest::compareNs, Double.class)
                .isEqualTo(expected);
    }

    /** Medians are means of two doubles: equal when they agree to a billionth of a nanosecond. */
    private static int compareNs(Double a, Double b) {
        return Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b);
    }

    private static List<ChasePoint> curve(Object... sizeAndNs) {
        List<ChasePoint> points = new ArrayList<>();
        for (int i = 0; i < sizeAndNs.length; i += 2) {
            points.add(new ChasePoint(((Number) sizeAndNs[i]).longValue(), ((Number) sizeAndNs[i + 1]).doubleValue()));
        }
        return points;
    }

    private static String describe(List<ChasePoint> curve) {
        return curve.stream().map(p -> p.workingSetBytes() / 1024 + "K:" + p.nsPerLoad()).toList().toString();
    }
}
