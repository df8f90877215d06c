package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderReportTest {

    @Test
    void nanosKeepTwoOrThreeDigitsWithAUnit() {
        assertThat(LadderReport.nanos(1.437)).isEqualTo("1.44 ns");
        assertThat(LadderReport.nanos(192)).isEqualTo("192 ns");
        assertThat(LadderReport.nanos(2_940)).isEqualTo("2.94 us");
        assertThat(LadderReport.nanos(186_000)).isEqualTo("186 us");
        assertThat(LadderReport.nanos(9_630_000)).isEqualTo("9.63 ms");
        assertThat(LadderReport.nanos(25_000_000)).isEqualTo("25 ms");
    }

    @Test
    void theCurveBarGrowsWithTheLogarithm() {
        String fast = LadderReport.curveLine(new ChasePoint(4096, 1));
        String slow = LadderReport.curveLine(new ChasePoint(512L << 20, 128));
        assertThat(fast).contains("4 KiB", "1.00 ns").endsWith(" #");
        assertThat(slow).contains("512 MiB", "128 ns").endsWith("#".repeat(29));
    }

    @Test
    void theLadderTableShowsHumanScaleAndTheSeparatorBeforeSystemCalls() {
        Ladder ladder = Ladder.build(LadderTest.fourLevels(), Map.of(1, 32L << 10), LadderTest.disk(100_000), Map.of());
        String table = LadderReport.ladder(ladder);
        assertThat(table).contains("L1 cache hit", "1 second", "DRAM", "1.7 minutes", "0.50 ns  L1 cache reference");
        assertThat(table.indexOf("DRAM")).isLessThan(table.indexOf("system calls"));
        assertThat(table.indexOf("system calls")).isLessThan(table.indexOf(DiskRungs.PAGE_CACHE_4K));
        String levels = LadderReport.levels(ladder.levels());
        assertThat(levels).contains("L1", "32 KiB", "64 KiB");
    }
}
