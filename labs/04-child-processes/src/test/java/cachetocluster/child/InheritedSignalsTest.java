package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A shell starts a background job with SIGINT ignored, and a JDK child inherits that; libuv resets every signal in a
 * Node child, and ChildMain does the same for ours (InheritedSignals). A real shell starts a real parent JVM, with and
 * without {@code trap "" INT}, and that parent forks a child and sends it SIGINT.
 */
@DisplayName("fork: a child of a parent that ignores SIGINT (a background job) starts with SIGINT at its default")
@Execution(ExecutionMode.CONCURRENT)
class InheritedSignalsTest {

    /** What the foreground case gives (ExitAndSignalTest checks it too): a signal, 128 + 2, and the hooks ran. */
    private static final String AS_IN_THE_FOREGROUND = "exit=" + new Exit(null, "SIGINT") + " exitValue=130 bye=true";

    /** GNU env resets the signals before java starts when it can (Linux: the parent reads its mask in /proc). */
    private static final boolean ENV_RESETS = InheritedSignals.gnuEnvResets() && Files.isReadable(Path.of("/proc/self/status"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Ran(String stdout, int exitValue) {}

    /** Runs {@code java mainClassAndArgs} through {@code sh -c script}, where the script ends in {@code exec "$0" "$@"}. */
    private static Ran startedBy(String script, String... mainClassAndArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-c", script, JAVA, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path")));
        args.addAll(List.of(mainClassAndArgs));
        ChildProcess shell = ChildProcesses.spawn("/bin/sh", args, new SpawnOptions().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.INHERIT));
        CompletableFuture<String> stdout = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                stdout.complete(new String(shell.stdout().readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                stdout.completeExceptionally(e);
            }
        });
        // A parent waits up to Recorder.DEADLINE_SECONDS for its child's exit, after starting two JVMs.
        String out = stdout.get(3 * Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        shell.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        return new Ran(out, shell.process().exitValue());
    }

    private static String parentStartedBy(String script) throws Exception {
        Ran ran = startedBy(script, BackgroundParent.class.getName());
        assertThat(ran.exitValue()).as("the parent's exit status (it printed: %s)", ran.stdout()).isZero();
        return ran.stdout();
    }

    @Test
    @DisplayName("trap \"\" INT, then kill('SIGINT'): the child ends as in the foreground, (null, SIGINT), hooks run")
    void backgroundParent() throws Exception {
        assertThat(parentStartedBy("trap '' INT; exec \"$0\" \"$@\""))
                .as("what the parent that ignores SIGINT reports (GNU env resets it, or else the child itself)")
                .isEqualTo("ignoresSIGINT=true " + AS_IN_THE_FOREGROUND + " viaEnv=" + ENV_RESETS);
    }

    @Test
    @DisplayName("trap \"\" INT, then a spawned sleep's kill('SIGINT'): (null, SIGINT), through env as libuv resets every child")
    void backgroundParentSpawns() throws Exception {
        assumeTrue(ENV_RESETS, "GNU env with --default-signal and /proc: without them a spawned program keeps SIGINT ignored");
        Ran ran = startedBy("trap '' INT; exec \"$0\" \"$@\"", BackgroundParent.class.getName(), "spawn");
        assertThat(ran.exitValue()).as("the parent's exit status (it printed: %s)", ran.stdout()).isZero();
        assertThat(ran.stdout()).as("what the parent that ignores SIGINT reports of its spawned sleep")
                .isEqualTo("ignoresSIGINT=true exit=" + new Exit(null, "SIGINT") + " viaEnv=true");
    }

    @Test
    @DisplayName("The same parent without the trap gets the same ending")
    void foregroundParent() throws Exception {
        // No assertion on the parent's own SIGINT here: a test run started in the background ignores it already, and a
        // shell cannot un-ignore a signal it was started with.
        assertThat(parentStartedBy("exec \"$0\" \"$@\"")).as("what the parent reports").contains(" " + AS_IN_THE_FOREGROUND + " ");
    }

    @Test
    @DisplayName("Without env's help (a JVM started through ChildMain with SIGINT ignored): ChildMain resets it itself")
    void childMainResetsItself() throws Exception {
        // What a child of a parent without GNU env (macOS, older Linux) goes through: nothing reset it before exec.
        Ran ran = startedBy("trap '' INT; exec \"$0\" \"$@\"", ChildMain.class.getName(), SignalSelf.class.getName());
        assertThat(ran.stdout()).as("what it says once its main runs, then after its own SIGINT").isEqualTo("ignores=[]\nhook ran");
        assertThat(ran.exitValue()).as("its exit status (a JVM's after SIGINT: 128 + 2)").isEqualTo(130);
    }
}
