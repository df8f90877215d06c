package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The three step scripts' commands: their flags, their errors in one line, and a small real run each. */
class CommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whoWaitsRefusesAnUnknownFlagInOneLine() {
        assertThat(WhoWaitsCommand.run(new String[] {"--frobnicate"}, stdout, stderr)).isEqualTo(2);
        assertThat(err()).startsWith("who-waits: Unknown option: '--frobnicate'").hasLineCount(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void whoWaitsRefusesABadDuration() {
        assertThat(WhoWaitsCommand.run(new String[] {"--wait", "fast"}, stdout, stderr)).isEqualTo(2);
        assertThat(err()).startsWith("who-waits: a duration is").contains("\"fast\"").hasLineCount(1);
    }

    @Test
    void whoWaitsPrintsBothTablesWithThePredictions() {
        int code = WhoWaitsCommand.run(new String[] {"--clients", "3", "--threads", "2", "--wait", "30ms", "--cpu", "5ms", "--many", "20"},
                stdout, stderr);
        assertThat(code).as(err()).isZero();
        String text = out();
        assertThat(text).contains("3 clients at once", "1. The handler waits 30 ms", "2. The handler computes 5 ms",
                "single", "2 threads", "virtual", "predicted");
        assertThat(text.lines().filter(l -> l.startsWith("  virtual ")).count()).as("virtual rows: 3 clients, 20 clients, computing").isEqualTo(3);
        // single, 3 clients x 1, 30 ms: the prediction is 90 ms of wall time, 33.3 req/s, 90 ms longest wait
        assertThat(text).containsPattern("  single +3 .*\\|\\s+90 ms\\s+33\\.3\\s+90 ms");
        assertThat(text).doesNotContain("failed");
    }

    @Test
    void serveRefusesABadModeAndABadHandler() {
        assertThat(ServeCommand.run(new String[] {"--mode", "turbo"}, stdout, stderr)).isEqualTo(2);
        assertThat(ServeCommand.run(new String[] {"--handler", "slow"}, stdout, stderr)).isEqualTo(2);
        assertThat(err()).contains("serve: a mode is single, threads or virtual, not \"turbo\"",
                "serve: a handler is hello, slow:200ms, cpu:50ms, where:10ms or file:PATH, not \"slow\"").hasLineCount(2);
    }

    @Test
    void serveSaysWhenThePortIsTaken() throws Exception {
        try (var taken = BlockingServer.start(new Mode.VirtualThreads(), Handlers.hello(), 0)) {
            assertThat(ServeCommand.run(new String[] {"--port", String.valueOf(taken.port())}, stdout, stderr)).isEqualTo(1);
            assertThat(err()).startsWith("serve: cannot listen on 127.0.0.1:" + taken.port() + " is already in use").hasLineCount(1);
        }
    }

    @Test
    void serveListensThenStops() {
        int code = ServeCommand.run(new String[] {"--port", "0", "--mode", "threads", "--threads", "3", "--stop-after", "200ms"}, stdout, stderr);
        assertThat(code).as(err()).isZero();
        assertThat(out()).containsPattern("Listening on http://127\\.0\\.0\\.1:\\d+/ \\(a pool of 3 platform threads, one per connection, handler hello\\)")
                .contains("Stopped. Served 0 requests on 0 connections");
    }

    @Test
    void theWrkStepSkipsWithAMessageWhenWrkIsMissing() {
        assertThat(WrkCommand.run(new String[] {"--wrk", "/nonexistent/wrk"}, stdout, stderr)).isZero();
        assertThat(out()).startsWith("wrk is not installed at /nonexistent/wrk").contains("apt-get install wrk");
    }

    @Test
    void theWrkStepRefusesBadFlags() {
        assertThat(WrkCommand.run(new String[] {"--duration", "soon"}, stdout, stderr)).isEqualTo(2);
        assertThat(err()).startsWith("who-waits-wrk: a duration is").hasLineCount(1);
    }
}
