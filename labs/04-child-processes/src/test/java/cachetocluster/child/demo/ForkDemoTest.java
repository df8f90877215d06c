package cachetocluster.child.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.Exit;
import cachetocluster.child.demo.DemoAssertions.Captured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Step 1 (fork): a real child JVM, messages both ways, JSON's types, and the exit as Node reports it. */
@DisplayName("Lab 04 demo: fork")
class ForkDemoTest {

    @Test
    @DisplayName("The child is another process whose parent is us; it gets every sample as JSON makes it, and exits (3, null)")
    void forkExchangesAndExits() throws Exception {
        ForkDemo.Result r = ForkDemo.run(3);
        assertThat(r.childPid()).as("the child's pid").isNotEqualTo(r.parentPid());
        assertThat(r.childsParentPid()).as("the child's parent, as the child saw it").isEqualTo(r.parentPid());
        assertThat(r.exchanges()).as("one answer per sample").hasSize(ForkDemo.samples().size());
        assertThat(r.exchanges()).extracting(ForkDemo.Exchange::gotType).as("the Java types the child got")
                .containsExactly("Integer", "Integer", "Long", "Double", "String", "ArrayList", "LinkedHashMap", "String", "Boolean");
        ForkDemo.Exchange point = r.exchanges().get(6);
        assertThat(point.wire()).as("a record on the wire").isEqualTo("{\"x\":3,\"y\":4}");
        assertThat(point.got()).as("the record, as the child got it").isEqualTo(Map.of("x", 3, "y", 4));
        assertThat(r.exchanges().get(4).got()).as("a string with accents and a symbol").isEqualTo("héllo, wörld ✓");
        assertThat(r.exchanges().get(7).got()).as("an Instant, as the child got it").isEqualTo("2025-01-01T00:00:00Z");
        assertThat(r.exit()).as("'exit' after System.exit(3)").isEqualTo(new Exit(3, null));
        assertThat(r.exitCode()).as("exitCode").isEqualTo(3);
        assertThat(r.signalCode()).as("signalCode").isNull();
        assertThat(r.events()).as("the child's events").startsWith("spawn")
                .endsWith("disconnect", "exit(3, null)", "close(3, null)")
                .filteredOn("message"::equals).hasSize(1 + ForkDemo.samples().size());
        assertThat(r.childStdout()).as("the child's stdout, a pipe of its own")
                .startsWith("child " + r.childPid() + ": main started, forked: true")
                .endsWith("child " + r.childPid() + ": asked to exit with 3")
                .contains("child " + r.childPid() + ": got {x=3, y=4}");
        assertThat(r.forkToHelloNanos()).as("fork to first message").isPositive();
        DemoAssertions.gone(r.childPid());
    }

    @Test
    @DisplayName("The command prints the table and the exit the child was asked for")
    void commandPrintsTheExchange() {
        Captured out = Captured.open();
        Captured err = Captured.open();
        assertThat(ForkDemo.command(new String[] {"--exit-code", "0"}, out.stream(), err.stream())).as("exit status").isZero();
        assertThat(out.text()).contains("Point[x=3, y=4] (Point)", "{x=3, y=4} (LinkedHashMap)",
                "'exit' (code, signal) = (0, null); exitCode 0, signalCode null");
        assertThat(err.text()).as("stderr").isEmpty();
    }

    @Test
    @DisplayName("Bad options: one line on stderr, status 2, no child started")
    void badOptions() {
        for (List<String> args : List.of(List.of("--exit-code"), List.of("--exit-code", "300"), List.of("--nope"))) {
            Captured out = Captured.open();
            Captured err = Captured.open();
            assertThat(ForkDemo.command(args.toArray(String[]::new), out.stream(), err.stream())).as("status for %s", args).isEqualTo(2);
            assertThat(err.text().lines()).as("stderr for %s", args).hasSize(1).first().asString().startsWith("fork: ");
            assertThat(out.text()).as("stdout for %s", args).isEmpty();
        }
    }

    @Test
    @DisplayName("compress counts runs of equal events")
    void compressCountsRuns() {
        assertThat(ForkDemo.compress(List.of("spawn", "message", "message", "message", "disconnect")))
                .isEqualTo("spawn, message x3, disconnect");
    }
}
