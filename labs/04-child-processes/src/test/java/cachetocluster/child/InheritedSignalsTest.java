package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

    /** Runs {@link BackgroundParent} through {@code sh -c script}, where the script ends in {@code exec "$0" "$@"}. */
    private static String parentStartedBy(String script) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CompletableFuture<String> stdout = new CompletableFuture<>();
        ChildProcesses.execFile("/bin/sh", List.of("-c", script, java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), BackgroundParent.class.getName()), new ExecOptions(),
                (error, out, err) -> stdout.complete(error == null ? out.strip() : "failed: " + error.getMessage() + " " + err));
        // The parent waits up to Recorder.DEADLINE_SECONDS for its child's exit, after starting two JVMs.
        return stdout.get(3 * Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("trap \"\" INT, then kill('SIGINT'): the child ends as in the foreground, (null, SIGINT), hooks run")
    void backgroundParent() throws Exception {
        assertThat(parentStartedBy("trap '' INT; exec \"$0\" \"$@\""))
                .as("what the parent that ignores SIGINT reports").isEqualTo("ignoresSIGINT=true " + AS_IN_THE_FOREGROUND);
    }

    @Test
    @DisplayName("The same parent without the trap gets the same ending")
    void foregroundParent() throws Exception {
        // No assertion on the parent's own SIGINT here: a test run started in the background ignores it already, and a
        // shell cannot un-ignore a signal it was started with.
        assertThat(parentStartedBy("exec \"$0\" \"$@\"")).as("what the parent reports").endsWith(" " + AS_IN_THE_FOREGROUND);
    }
}
