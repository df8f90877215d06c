package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderTest {

    private static final long K = 1024, M = 1024 * K;

    /** Four clean levels: 1 ns to 32 KiB, 4 ns to 512 KiB, 20 ns to 4 MiB, 100 ns beyond. */
    static List<ChasePoint> fourLevels() {
        List<ChasePoint> curve = new ArrayList<>();
        for (long size = 4 * K; size <= 256 * M; size *= 2) {
            double ns = size <= 32 * K ? 1 : size <= 512 * K ? 4 : size <= 4 * M ? 20 : 100;
            curve.add(new ChasePoint(size, ns));
        }
        return curve;
    }

    static Map<String, DiskRungs.Result> disk(double directNs) {
        Map<String, DiskRungs.Result> disk = new LinkedHashMap<>();
        disk.put(DiskRungs.PAGE_CACHE_4K, new DiskRungs.Result.Measured(new Sampled(100, 2_000, 5_000, 9_000)));
        disk.put(DiskRungs.DIRECT_4K, new DiskRungs.Result.Measured(new Sampled(100, directNs, directNs * 2, directNs * 3)));
        disk.put(DiskRungs.FSYNC_4K, new DiskRungs.Result.Unsupported("not here"));
        return disk;
    }

    @Test
    void namesTheLevelsAndSortsTheRungs() {
        Ladder ladder = Ladder.build(fourLevels(), Map.of(1, 32 * K, 2, 512 * K, 3, 4 * M), disk(80_000),
                Map.of(NetworkRungs.TCP, new Sampled(10, 30_000, 60_000, 90_000)));
        assertThat(ladder.levels()).extracting(Ladder.Level::name).containsExactly("L1", "L2", "L3", "DRAM");
        assertThat(ladder.levels()).extracting(Ladder.Level::firstSlower).containsExactly(64 * K, 1 * M, 8 * M, null);
        assertThat(ladder.rungs()).extracting(Ladder.Rung::name).containsExactly("L1 cache hit", "L2 cache hit",
                "L3 cache hit", "DRAM", DiskRungs.PAGE_CACHE_4K, NetworkRungs.TCP, DiskRungs.DIRECT_4K);
        assertThat(ladder.rung("DRAM").orElseThrow().classic()).isEqualTo(Ladder.MEMORY);
        assertThat(ladder.notes()).singleElement().asString().startsWith(DiskRungs.FSYNC_4K).contains("not measured", "not here");
        assertThat(ladder.orderProblems()).isEmpty();
    }

    @Test
    void saysWhenTheLastCacheEndsFarBeforeTheReportedSize() {
        Ladder ladder = Ladder.build(fourLevels(), Map.of(3, 32 * M), Map.of(), Map.of());
        assertThat(ladder.notes()).anySatisfy(n -> assertThat(n).contains("ends near 4 MiB", "reports 32 MiB"));
        Ladder honest = Ladder.build(fourLevels(), Map.of(3, 4 * M), Map.of(), Map.of());
        assertThat(honest.notes()).isEmpty();
    }

    @Test
    void findsABrokenOrder() {
        Ladder ladder = Ladder.build(fourLevels(), Map.of(), disk(50), Map.of());
        assertThat(ladder.orderProblems()).singleElement().asString()
                .startsWith("DRAM").contains("not faster than " + DiskRungs.DIRECT_4K);
    }

    @Test
    void aCurveWithoutStepsSaysSo() {
        List<ChasePoint> flat = List.of(new ChasePoint(4 * K, 1), new ChasePoint(8 * K, 1.1));
        Ladder ladder = Ladder.build(flat, Map.of(), Map.of(), Map.of());
        assertThat(ladder.levels()).extracting(Ladder.Level::name).containsExactly("L1");
        assertThat(ladder.notes()).anySatisfy(n -> assertThat(n).contains("1 level(s)"));
    }

    @Test
    void plateausPastTheFourthAreDramWithPageWalks() {
        List<ChasePoint> five = new ArrayList<>(fourLevels().stream().filter(p -> p.workingSetBytes() <= 32 * M).toList());
        five.add(new ChasePoint(64 * M, 300));
        five.add(new ChasePoint(128 * M, 310));
        Ladder ladder = Ladder.build(five, Map.of(), Map.of(), Map.of());
        assertThat(ladder.levels()).extracting(Ladder.Level::name)
                .containsExactly("L1", "L2", "L3", "DRAM", "DRAM + page walks");
        assertThat(ladder.rungs()).extracting(Ladder.Rung::name)
                .containsExactly("L1 cache hit", "L2 cache hit", "L3 cache hit", "DRAM", "DRAM + page walks");
        List<ChasePoint> three = fourLevels().stream().filter(p -> p.workingSetBytes() <= 512 * K || p.workingSetBytes() >= 8 * M).toList();
        assertThat(Ladder.build(three, Map.of(), Map.of(), Map.of()).levels()).extracting(Ladder.Level::name)
                .containsExactly("L1", "L2", "DRAM");
    }
}
