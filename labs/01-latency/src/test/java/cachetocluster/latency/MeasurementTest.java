package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measuring classes run for real, briefly: these tests check that they measure what they say
 * (the right rungs, counts, a file cleaned up), never how fast this machine is.
 */
class MeasurementTest {

    @Test
    void theChaseSweepStopsAtTheLimitAndReportsEverySize() {
        var chase = new QuickChase(200_000, 2);
        chase.warmUpJit();
        List<ChasePoint> seen = new java.util.ArrayList<>();
        List<ChasePoint> points = chase.sweep(List.of(4096L, 65_536L, 1L << 20, 64L << 20), 1L << 20, seen::add);
        assertThat(points).extracting(ChasePoint::workingSetBytes).containsExactly(4096L, 65_536L, 1L << 20);
        assertThat(seen).isEqualTo(points);
    }

    @Test
    void theMountainHasOneCellPerSizeAndStride() {
        List<MountainCell> cells = new QuickMountain(1_000_000).measure(List.of(16_384L, 65_536L, 1L << 30), List.of(1, 4), 1L << 20);
        assertThat(cells).extracting(c -> c.workingSetBytes() + "/" + c.strideWords())
                .containsExactly("16384/1", "16384/4", "65536/1", "65536/4");
        assertThat(cells).allSatisfy(c -> assertThat(c.gigabytesPerSecond()).isPositive().isFinite());
    }

    @Test
    void theMountainSumReadsEveryStridedWordOnce() {
        long[] data = new long[103];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        for (int stride : new int[] {1, 2, 3, 8, 16}) {
            long expected = 0;
            for (int i = 0; i < data.length; i += stride) {
                expected += i;
            }
            assertThat(QuickMountain.sum(data, data.length, stride)).as("stride %d", stride).isEqualTo(expected);
        }
    }

    @Test
    void diskRungsMeasureOrSayWhyNotAndLeaveNoFiles(@TempDir Path dir) throws Exception {
        Map<String, DiskRungs.Result> results = new DiskRungs(dir, 200_000_000L).measure();
        assertThat(results).containsOnlyKeys(DiskRungs.PAGE_CACHE_4K, DiskRungs.SEQUENTIAL_1M, DiskRungs.DIRECT_4K, DiskRungs.FSYNC_4K);
        assertThat(results.get(DiskRungs.PAGE_CACHE_4K)).isInstanceOfSatisfying(DiskRungs.Result.Measured.class,
                m -> assertThat(m.sampled().count()).isPositive());
        assertThat(results.get(DiskRungs.DIRECT_4K)).satisfiesAnyOf(
                r -> assertThat(r).isInstanceOf(DiskRungs.Result.Measured.class),
                r -> assertThat(r).isInstanceOfSatisfying(DiskRungs.Result.Unsupported.class,
                        u -> assertThat(u.reason()).contains("O_DIRECT")));
        results.values().stream().filter(DiskRungs.Result.Measured.class::isInstance).map(r -> ((DiskRungs.Result.Measured) r).sampled())
                .forEach(s -> assertThat(s.p50Ns()).isPositive().isLessThanOrEqualTo(s.p99Ns()));
        try (var files = Files.list(dir)) {
            assertThat(files).as("test files left behind").isEmpty();
        }
    }

    @Test
    void networkRungsDoRealRoundTrips() throws Exception {
        Map<String, Sampled> results = new NetworkRungs(100_000_000L).measure();
        assertThat(results).containsOnlyKeys(NetworkRungs.TCP, NetworkRungs.UNIX, NetworkRungs.HTTP);
        assertThat(results.values()).allSatisfy(s -> {
            assertThat(s.count()).isPositive();
            assertThat(s.p50Ns()).isPositive().isLessThanOrEqualTo(s.p99Ns());
        });
    }
}
