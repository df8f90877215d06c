package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report reads JMH's JSON as JMH writes it (the shape below is copied from a real run, trimmed). */
class BenchReportCommandTest {

    static String chaseEntry(String benchmarkClass, long bytes, double ns) {
        return """
                {"jmhVersion":"1.37","benchmark":"cachetocluster.bench.latency.%s.chase","mode":"avgt","threads":1,"forks":1,
                 "params":{"workingSetBytes":"%d"},
                 "primaryMetric":{"score":%s,"scoreError":0.01,"scoreConfidence":[0,1],
                   "scorePercentiles":{"0.0":%s,"50.0":%s,"100.0":%s},"scoreUnit":"ns/op","rawData":[[%s]]},
                 "secondaryMetrics":{}}""".formatted(benchmarkClass, bytes, ns * 1.1, ns, ns * 1.1, ns * 1.2, ns);
    }

    static final String MOUNTAIN = """
            {"benchmark":"cachetocluster.bench.latency.MemoryMountainBench.sweep","mode":"thrpt",
             "params":{"workingSetBytes":"16384","strideWords":"4"},
             "primaryMetric":{"score":3.5,"scoreUnit":"ops/us","scorePercentiles":{}},
             "secondaryMetrics":{"bytes":{"score":14336.0,"scoreUnit":"ops/us"}}}""";

    static final String DISK = """
            {"benchmark":"cachetocluster.bench.latency.DiskBench.directRead4k","mode":"sample",
             "params":{},
             "primaryMetric":{"score":90.5,"scoreUnit":"us/op",
               "scorePercentiles":{"0.0":40.0,"50.0":80.0,"90.0":120.0,"99.0":200.0,"100.0":900.0}},
             "secondaryMetrics":{}}""";

    private static String json(String... entries) {
        return "[" + String.join(",\n", entries) + "]";
    }

    @Test
    void readsScoresUnitsPercentilesAndAuxCounters() {
        List<JmhResults.Result> results = JmhResults.parse(json(chaseEntry("PointerChaseBench", 4096, 1.5), MOUNTAIN, DISK));
        assertThat(results).extracting(JmhResults.Result::benchmark)
                .containsExactly("PointerChaseBench.chase", "MemoryMountainBench.sweep", "DiskBench.directRead4k");
        assertThat(BenchReportCommand.chase(results, "PointerChaseBench.chase")).containsExactly(new ChasePoint(4096, 1.5));
        assertThat(BenchReportCommand.mountain(results)).containsExactly(new MountainCell(16384, 4, 14.336));
        Sampled disk = BenchReportCommand.sampled(results, "DiskBench.directRead4k").orElseThrow();
        assertThat(disk.p50Ns()).isEqualTo(80_000.0);
        assertThat(disk.p99Ns()).isEqualTo(200_000.0);
        assertThat(disk.maxNs()).isEqualTo(900_000.0);
    }

    @Test
    void somethingElseThanJmhOutputIsOneClearError(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("x.json"), "{\"not\": \"an array\"}");
        assertThatThrownBy(() -> JmhResults.read(notJson)).hasMessageContaining("is not JMH's JSON output");
        Path broken = Files.writeString(dir.resolve("y.json"), "[{");
        assertThatThrownBy(() -> JmhResults.read(broken)).hasMessageContaining("is not JMH's JSON output");
        assertThatThrownBy(() -> JmhResults.toNanos(1, "ops/s")).hasMessageContaining("not a time");
    }

    @Test
    void theComparisonPutsEachSeriesAndItsRatioBesideJava() {
        List<ChasePoint> java = List.of(new ChasePoint(4096, 2.0), new ChasePoint(1 << 20, 10.0));
        String table = BenchReportCommand.comparison(java, Map.of("C", List.of(new ChasePoint(4096, 1.5), new ChasePoint(1 << 20, 11.0))));
        assertThat(table).contains("4 KiB", "2.00 ns", "1.50 ns (0.75)", "1 MiB", "11 ns (1.10)");
    }

    @Test
    void theLevelVerdictSaysWhereJavaAndCDisagree() {
        List<ChasePoint> java = LadderTest.fourLevels();
        List<ChasePoint> c = java.stream().map(p -> new ChasePoint(p.workingSetBytes(),
                p.nsPerLoad() * (p.workingSetBytes() <= 32 * 1024 ? 0.8 : 1.05))).toList();
        String table = BenchReportCommand.levelAgreement(CacheCliffs.plateaus(java), java, c);
        assertThat(table.lines().filter(l -> l.contains("L1"))).singleElement().asString().contains("0.80", "DIFFER");
        assertThat(table.lines().filter(l -> l.contains("DRAM"))).singleElement().asString().contains("1.05", "agree within 10%");
    }

    @Test
    void aReportOnAFileWithoutTheChaseSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("jmh.json"), json(DISK));
        var err = new ByteArrayOutputStream();
        int code = BenchReportCommand.run(new String[] {"--jmh", file.toString(), "--out", dir.toString(), "--no-native"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no PointerChaseBench results").hasLineCount(1);
    }

    @Test
    void aFullReportWritesTheChartsFromJmhFigures(@TempDir Path dir) throws IOException {
        StringBuilder entries = new StringBuilder();
        for (ChasePoint p : LadderTest.fourLevels()) {
            entries.append(entries.isEmpty() ? "" : ",").append(chaseEntry("PointerChaseBench", p.workingSetBytes(), p.nsPerLoad()));
            entries.append(",").append(chaseEntry("PointerChaseHugePagesBench", p.workingSetBytes(), p.nsPerLoad() * 0.9));
        }
        Path file = Files.writeString(dir.resolve("jmh.json"), "[" + entries + "," + MOUNTAIN + "," + DISK + "]");
        var out = new ByteArrayOutputStream();
        int code = BenchReportCommand.run(new String[] {"--jmh", file.toString(), "--out", dir.toString(), "--no-native"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Java, huge pages", "The ladder from JMH's figures",
                DiskRungs.DIRECT_4K, "Wrote");
        assertThat(dir.resolve("latency.png")).isNotEmptyFile();
        assertThat(dir.resolve("mountain.png")).isNotEmptyFile();
    }
}
