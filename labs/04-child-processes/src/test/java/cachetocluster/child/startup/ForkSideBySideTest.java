package cachetocluster.child.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java side of compare-node-fork.sh, on real child JVMs with small counts: it prints the lines the script parses,
 * in the same shape as scripts/node/fork-parent.js. No figure is asserted beyond its being one.
 */
@DisplayName("ForkSideBySide: the result lines compare-node-fork.sh reads")
class ForkSideBySideTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ForkSideBySide.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields(String line) {
        return Arrays.stream(line.split(" ")).skip(1).map(f -> f.split("=", 2))
                .collect(Collectors.toMap(f -> f[0], f -> f[1]));
    }

    @Test
    @DisplayName("ipc prints one line per window, with rates, percentiles in order, and CPU per round trip")
    void ipcLines() {
        Run r = run("ipc", "--count", "300", "--warmup", "100", "--windows", "1,8");
        assertThat(r.code()).as("exit status; stderr: %s", r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("ipc "));
        for (int i = 0; i < 2; i++) {
            Map<String, String> f = fields(lines.get(i));
            assertThat(f.get("count")).isEqualTo("300");
            assertThat(f.get("window")).isEqualTo(i == 0 ? "1" : "8");
            assertThat(Double.parseDouble(f.get("roundtrips_per_s"))).isPositive();
            double p50 = Double.parseDouble(f.get("p50_us"));
            double p99 = Double.parseDouble(f.get("p99_us"));
            assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
            assertThat(p99).isLessThanOrEqualTo(Double.parseDouble(f.get("max_us")));
            assertThat(Double.parseDouble(f.get("cpu_us_per_rt"))).isPositive();
        }
    }

    @Test
    @DisplayName("raw echoes bare frames between two JVMs and prints the floor")
    void rawLine() {
        Run r = run("raw", "--count", "300", "--warmup", "100");
        assertThat(r.code()).as("exit status; stderr: %s", r.err()).isZero();
        Map<String, String> f = fields(r.out().strip());
        assertThat(r.out()).startsWith("raw count=300 ");
        assertThat(Double.parseDouble(f.get("roundtrips_per_s"))).isPositive();
    }

    @Test
    @DisplayName("startup with --aot trains a cache first, says how long it took, and measures with it")
    void startupWithAot(@TempDir Path dir) {
        Run r = run("startup", "--runs", "1", "--warmup", "0", "--aot", dir.toString());
        assertThat(r.code()).as("exit status; stderr: %s", r.err()).isZero();
        Map<String, String> f = fields(r.out().strip());
        assertThat(r.out()).startsWith("startup runs=1 ");
        assertThat(f).containsKeys("median_ms", "p90_ms", "min_ms", "samples", "training_ms");
        assertThat(dir.resolve("side-by-side.aot")).isRegularFile();
        assertThat(Double.parseDouble(f.get("median_ms"))).isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                 | no mode ''",
        "bench                            | no mode 'bench'",
        "ipc --count 0                    | --count needs a whole number from 1, not '0'",
        "ipc --windows 1,,2               | --windows needs positive whole numbers separated by commas, not '1,,2'",
        "ipc --count 5 --windows 1,10     | a window (10) cannot exceed --count (5)",
        "startup --aot                    | --aot needs a directory",
        "startup --fast                   | unknown option '--fast'"})
    void badOptions(String args, String message) {
        Run r = run(args == null ? new String[0] : args.split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("fork-side-by-side: ").contains(message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }
}
