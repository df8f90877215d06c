package cachetocluster.load.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JloadStepTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return JloadStep.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("With the learner's arguments it is jload: -n 200 against a local server sends 200 and exits 0")
    void learnersArguments() throws Exception {
        try (DemoServer server = DemoServer.fixed(DemoServer.Workers.MANY, 0)) {
            assertThat(run("-n", "200", "-c", "4", "--quiet", server.url())).as("exit status; stderr: %s", err).isZero();
            assertThat(server.requests()).as("requests the server saw").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("Bad usage is jload's: one line and exit 2")
    void badUsage() throws Exception {
        assertThat(run("-c", "0", "http://127.0.0.1:9/")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("jload:").doesNotContain("\n");
    }

    @Test
    @DisplayName("With no arguments it loads a local server for 3 s and prints the report")
    void noArguments() throws Exception {
        assertThat(run()).as("exit status; stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./jload -k -c 10 -t 3 http://127.0.0.1:", "p99");
    }
}
