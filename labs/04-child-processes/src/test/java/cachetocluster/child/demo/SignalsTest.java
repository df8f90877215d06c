package cachetocluster.child.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.Exit;
import cachetocluster.child.Signal;
import cachetocluster.child.demo.DemoAssertions.Captured;
import cachetocluster.child.demo.Signals.Ending;
import cachetocluster.child.demo.Signals.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Step 5 (signals): five real children, five real endings. */
@DisplayName("Lab 04 demo: signals")
class SignalsTest {

    private static final String BYE = "bye (from a shutdown hook)";

    @Test
    @DisplayName("TERM, INT, KILL, a handled USR2 and exit(143) end as Node reports them; only KILL silences the goodbye")
    void fiveEndings() throws Exception {
        List<Ending> endings = List.of(Ending.values());
        Map<Ending, Outcome> outcomes = new EnumMap<>(Ending.class);
        Signals.run(endings).forEach(o -> outcomes.put(o.ending(), o));
        assertThat(outcomes.keySet()).as("an outcome per ending").containsExactlyElementsOf(endings);
        Outcome term = outcomes.get(Ending.TERM);
        assertThat(term.exit()).as("after kill()").isEqualTo(new Exit(null, "SIGTERM"));
        assertThat(term.exitValue()).as("the JDK's exitValue after SIGTERM").isEqualTo(143);
        assertThat(term.said()).as("said after kill() (the channel stayed open: #34312)").containsExactly(BYE);
        // Even when this test runs in a background job (SIGINT ignored here): the children start with it at its default.
        Outcome interrupt = outcomes.get(Ending.INT);
        assertThat(interrupt.exit()).as("after kill('SIGINT')").isEqualTo(new Exit(null, "SIGINT"));
        assertThat(interrupt.exitValue()).as("exitValue after SIGINT").isEqualTo(130);
        assertThat(interrupt.said()).as("said after kill('SIGINT')").containsExactly(BYE);
        assertThat(outcomes.values()).as("signals the children ignored when ready").allSatisfy(o -> assertThat(o.ignores()).isEmpty());
        Outcome kill = outcomes.get(Ending.KILL);
        assertThat(kill.exit()).as("after kill('SIGKILL')").isEqualTo(new Exit(null, "SIGKILL"));
        assertThat(kill.said()).as("said after SIGKILL (no hook runs)").isEmpty();
        assertThat(kill.exitValue()).as("exitValue after SIGKILL").isEqualTo(137);
        Outcome usr2 = outcomes.get(Ending.USR2);
        assertThat(usr2.said()).as("said by the child that handles USR2, then was asked to exit")
                .containsExactly("caught SIGUSR2, still running", BYE);
        assertThat(usr2.exit()).as("its exit, asked for after USR2").isEqualTo(new Exit(0, null));
        Outcome exit143 = outcomes.get(Ending.EXIT_143);
        assertThat(exit143.exit()).as("System.exit(143): an exit, not a signal").isEqualTo(new Exit(143, null));
        assertThat(exit143.exitValue()).as("the JDK's exitValue, the same as SIGTERM's").isEqualTo(143);
        outcomes.values().forEach(o -> DemoAssertions.gone(o.pid()));
    }

    @Test
    @DisplayName("The SigIgn mask of /proc/self/status names the ignored signals (bit n - 1 is signal n)")
    void ignoredSignalsFromTheMask() {
        assertThat(Signals.ignoredIn("Name:\tjava\nSigIgn:\t0000000000000002\nSigCgt:\t0\n")).as("mask 0x2")
                .containsExactly(Signal.SIGINT);
        assertThat(Signals.ignoredIn("SigIgn:\t0000000000001005\n")).as("mask 0x1005 (bits 0, 2, 12)")
                .containsExactlyInAnyOrder(Signal.SIGHUP, Signal.SIGQUIT, Signal.SIGPIPE);
        assertThat(Signals.ignoredIn("SigIgn:\t0000000000000000\n")).as("mask 0").isEmpty();
        assertThat(Signals.ignoredIn("no such line")).as("no SigIgn line").isEmpty();
    }

    @Test
    @DisplayName("An option: one line on stderr, status 2")
    void noOptions() {
        Captured out = Captured.open();
        Captured err = Captured.open();
        assertThat(Signals.command(new String[] {"--all"}, out.stream(), err.stream())).isEqualTo(2);
        assertThat(err.text().lines()).hasSize(1).first().asString().startsWith("signals: ");
    }
}
