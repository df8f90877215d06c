package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyLadderCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LatencyLadderCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownFlagIsOneLineAndExitTwo() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("latency-ladder: Unknown option: '--frobnicate'")
                .hasLineCount(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadSizeIsOneLineAndExitTwo() {
        assertThat(run("--max-size", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("latency-ladder: --max-size:").contains("\"lots\"").hasLineCount(1);
    }

    @Test
    void aSmallRunPrintsTheLadderAndWritesJsonAndCharts(@TempDir Path dir) throws Exception {
        assertThat(run("--max-size", "256K", "--rung-time", "100", "--out", dir.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1. Pointer chase", "256 KiB", "The ladder", "L1 cache hit", DiskRungs.PAGE_CACHE_4K,
                NetworkRungs.TCP, "Wrote");
        String json = Files.readString(dir.resolve("ladder.json"));
        assertThat(json).contains("\"chase\"", "\"mountain\"", "\"ladder\"", "\"workingSetBytes\" : 262144");
        assertThat(dir.resolve("latency.png")).isNotEmptyFile();
        assertThat(dir.resolve("mountain.png")).isNotEmptyFile();
    }
}
