package cachetocluster.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.cluster.SchedulingPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Step 2 (who-served) with real worker JVMs. */
@DisplayName("Lab 05 demo: who-served")
class WhoServedTest {

    static final List<String> LEAN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    @Test
    @DisplayName("Round-robin with one client at a time: the workers take turns, 10 connections each of 20")
    void roundRobinTakesTurns() throws Exception {
        WhoServed.Result r = WhoServed.run(SchedulingPolicy.RR, 2, 20, LEAN);
        assertThat(r.served()).as("one answer per request").hasSize(20);
        assertThat(r.pids()).as("two workers").hasSize(2);
        assertThat(r.served()).extracting(WhoServed.Served::worker).as("the workers that answered")
                .allMatch(r.pids()::containsKey);
        for (int i = 1; i < r.served().size(); i++) {
            assertThat(r.served().get(i).worker()).as("request %d's worker after request %d's (%s)", i + 1, i, r.served())
                    .isNotEqualTo(r.served().get(i - 1).worker());
        }
        assertThat(r.perWorker().values()).as("connections per worker").containsOnly(10L);
        r.pids().values().forEach(DemoAsserts::gone);
    }

    @Test
    @DisplayName("The printed table names every worker with its count; bad options give one line and status 2")
    void printsAndRefusesBadOptions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WhoServed.print(WhoServed.run(SchedulingPolicy.NONE, 2, 6, LEAN), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).as("the printout").contains("request -> worker:").contains("connections").contains("Jain");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WhoServed.command(new String[] {"--workers", "0"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("status for --workers 0").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).as("the error").doesNotContain("\n")
                .startsWith("who-served: --workers must be");
        err.reset();
        code = WhoServed.command(new String[] {"--mode", "random"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("status for --mode random").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the error").contains("unknown scheduling policy 'random'");
    }
}
