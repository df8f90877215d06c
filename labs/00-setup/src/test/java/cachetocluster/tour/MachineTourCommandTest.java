package cachetocluster.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line of MachineTour.java: flags, exit codes, and what goes to stdout and stderr. */
class MachineTourCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MachineTourCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownOptionIsOneLineOnStderrAndExitCodeTwo() {
        assertThat(run("--x")).isEqualTo(2);
        assertThat(err()).isEqualTo("machine-tour: unknown option '--x' (try --help)" + System.lineSeparator());
        assertThat(out()).isEmpty();
    }

    @Test
    void helpNamesTheFlags() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("Usage: MachineTour").contains("--json", "--help");
        assertThat(err()).isEmpty();
    }

    @Test
    void theTableStartsWithItsTitleLine() {
        assertThat(run()).isZero();
        assertThat(out()).startsWith("Machine tour: ").contains("CPUs", "Caches of cpu0", "What this means");
        assertThat(err()).isEmpty();
    }

    @Test
    void jsonIsNothingButJson() {
        assertThat(run("--json")).isZero();
        assertThat(out()).startsWith("{");
        MachineInfo info = MachineReport.fromJson(out());
        assertThat(info.cpus().availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
