package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Exit codes and real signals, reported as Node reports them: {@code 'exit' (code, signal)} with exactly one of the
 * two set. Each test has its own child JVM; they run side by side.
 */
@DisplayName("fork: exit codes and signals, as Node reports them")
@Execution(ExecutionMode.CONCURRENT)
class ExitAndSignalTest {

    private record Forked(ChildProcess child, Recorder recorder) {}

    private static Forked forkAndAwaitHello() throws Exception {
        ChildProcess child = ChildProcesses.fork(TestChild.class, List.of(),
                Recorder.lean());
        Recorder recorder = Recorder.of(child);
        recorder.nextWith("hello");
        return new Forked(child, recorder);
    }

    private static Exit exitOf(ChildProcess child) throws Exception {
        return child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("exit(3) is code 3, signal null; 'disconnect', 'exit', 'close' in that order; kill afterwards is false")
    void exitThree() throws Exception {
        Forked f = forkAndAwaitHello();
        f.child().send(Map.of("op", "exit", "code", 3));
        assertThat(exitOf(f.child())).as("'exit' of a child that called System.exit(3)").isEqualTo(new Exit(3, null));
        assertThat(f.child().exitCode()).as("exitCode").isEqualTo(3);
        assertThat(f.child().signalCode()).as("signalCode").isNull();
        assertThat(f.child().closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("'close'").isEqualTo(new Exit(3, null));
        assertThat(f.recorder().order).as("events after the hello").containsSubsequence("disconnect", "exit(3, null)", "close(3, null)");
        assertThat(f.child().kill()).as("kill() of a child that has exited").isFalse();
        assertThat(f.child().killed()).as("killed").isFalse();
    }

    @Test
    @DisplayName("exit(143) is code 143, not SIGTERM: the child's shutdown hook said it exited")
    void exit143IsAnExit() throws Exception {
        Forked f = forkAndAwaitHello();
        f.child().send(Map.of("op", "exit", "code", 143));
        assertThat(exitOf(f.child())).as("'exit' of System.exit(143) (the JDK's exitValue is 143 for SIGTERM too)")
                .isEqualTo(new Exit(143, null));
    }

    @Test
    @DisplayName("kill() is SIGTERM: code null, signal SIGTERM; the channel stays open, so a shutdown hook's message arrives")
    void sigtermWithGoodbye() throws Exception {
        Forked f = forkAndAwaitHello();
        f.child().send(Map.of("op", "sayByeOnExit"));
        f.recorder().nextWith("ready");
        assertThat(f.child().kill()).as("kill()").isTrue();
        assertThat(f.child().killed()).as("killed after kill()").isTrue();
        assertThat(f.child().connected()).as("connected right after kill() (Node #34312: kill does not disconnect)").isTrue();
        assertThat(f.recorder().nextWith("bye")).as("the message the child's shutdown hook sent after SIGTERM")
                .isEqualTo(Map.of("bye", "from a shutdown hook"));
        assertThat(exitOf(f.child())).as("'exit' after kill()").isEqualTo(new Exit(null, "SIGTERM"));
        assertThat(f.child().exitCode()).as("exitCode").isNull();
        assertThat(f.child().signalCode()).as("signalCode").isEqualTo("SIGTERM");
        assertThat(f.child().process().exitValue()).as("what the JDK says (128 + 15)").isEqualTo(143);
    }

    @Test
    @DisplayName("SIGKILL: code null, signal SIGKILL (no hook runs, nothing is reported: the status says it)")
    void sigkill() throws Exception {
        Forked f = forkAndAwaitHello();
        f.child().send(Map.of("op", "sayByeOnExit"));
        f.recorder().nextWith("ready");
        assertThat(f.child().kill(Signal.SIGKILL)).as("kill(SIGKILL)").isTrue();
        assertThat(exitOf(f.child())).as("'exit' after SIGKILL").isEqualTo(new Exit(null, "SIGKILL"));
        assertThat(f.recorder().messages).as("messages after SIGKILL (no shutdown hook ran)").isEmpty();
    }

    @Test
    @DisplayName("SIGINT (which the JDK cannot send): code null, signal SIGINT")
    void sigint() throws Exception {
        Forked f = forkAndAwaitHello();
        assertThat(f.child().kill("SIGINT")).as("kill(\"SIGINT\")").isTrue();
        assertThat(exitOf(f.child())).as("'exit' after SIGINT").isEqualTo(new Exit(null, "SIGINT"));
    }

    @Test
    @DisplayName("SIGUSR2 reaches a handler the child installed; the child answers over IPC and lives on")
    void sigusr2Handled() throws Exception {
        Forked f = forkAndAwaitHello();
        f.child().send(Map.of("op", "usr2"));
        f.recorder().nextWith("ready");
        assertThat(f.child().kill(Signal.SIGUSR2)).as("kill(SIGUSR2)").isTrue();
        assertThat(f.recorder().nextWith("signal")).as("what the child's USR2 handler sent").isEqualTo(Map.of("signal", "USR2"));
        f.child().send(Map.of("op", "echo", "value", "alive"));
        assertThat(f.recorder().nextWith("echo")).as("an echo after SIGUSR2").isEqualTo(Map.of("echo", "alive"));
        f.child().send(Map.of("op", "exit", "code", 0));
        assertThat(exitOf(f.child())).as("its exit, asked for afterwards").isEqualTo(new Exit(0, null));
    }

    @Test
    @DisplayName("Runtime.halt(7) (no hooks, no report) is code 7")
    void haltSeven() throws Exception {
        Forked f = forkAndAwaitHello();
        f.child().send(Map.of("op", "halt", "code", 7));
        assertThat(exitOf(f.child())).as("'exit' of Runtime.halt(7)").isEqualTo(new Exit(7, null));
    }
}
