package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A parent killed with SIGKILL runs no cleanup at all; its children survive it unless they notice (nodejs/help#1790).
 * Ours notice: the kernel closes the dead parent's end of the channel, the child reads end-of-file, and with
 * exitOnParentDisconnect it exits.
 */
@DisplayName("fork: a parent's SIGKILL leaves no child behind")
class OrphanTest {

    @Test
    @DisplayName("SIGKILL the parent: the grandchild (which a non-daemon thread would keep alive) exits")
    void parentSigkillLeavesNoOrphan() throws Exception {
        ChildProcess parent = ChildProcesses.fork(IntermediateParent.class, List.of("true"),
                Recorder.lean());
        Recorder recorder = Recorder.of(parent);
        long grandchild = ((Number) recorder.nextWith("grandchild").get("grandchild")).longValue();
        try {
            assertThat(running(grandchild)).as("the grandchild %d before its parent dies", grandchild).isTrue();
            assertThat(parent.kill(Signal.SIGKILL)).as("kill(SIGKILL) of the parent in the middle").isTrue();
            assertThat(parent.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the middle parent's exit")
                    .isEqualTo(new Exit(null, "SIGKILL"));
            await("the orphaned grandchild " + grandchild + " to exit").atMost(Duration.ofSeconds(Recorder.DEADLINE_SECONDS))
                    .pollInterval(Duration.ofMillis(50)).until(() -> !running(grandchild));
        } finally {
            if (running(grandchild)) {
                Posix.kill(grandchild, Signal.SIGKILL); // never leave it behind, even when the test fails
            }
        }
    }

    /** Alive and not a zombie (an orphan is reaped by init, or by nobody in some containers). */
    static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false; // gone between the two looks
            }
        }
        return false;
    }
}
