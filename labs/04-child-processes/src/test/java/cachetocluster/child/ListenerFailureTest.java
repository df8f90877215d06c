package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What a listener's exception looks like on stderr: an exercise stub's TODO is one line (the learner's answer is that
 * line, not a stack trace above it); any other exception keeps its full trace. Real child JVMs, their real stderr.
 */
@DisplayName("A listener that throws: a stub's TODO is one line, a real bug keeps its stack trace")
@Execution(ExecutionMode.CONCURRENT)
class ListenerFailureTest {

    private record Run(ChildProcess child, Recorder recorder, BlockingQueue<String> live, List<String> all) {}

    private static Run fork(String... jvmOptions) throws Exception {
        ChildProcess child = ChildProcesses.fork(ThrowingListenerChild.class, List.of(),
                Recorder.lean().stdio(Stdio.IGNORE, Stdio.IGNORE, Stdio.PIPE).execArgv(jvmOptions));
        BlockingQueue<String> live = new LinkedBlockingQueue<>();
        List<String> all = new CopyOnWriteArrayList<>();
        child.onStderrLine(line -> {
            all.add(line);
            live.add(line);
        });
        Recorder recorder = Recorder.of(child);
        assertThat(Recorder.poll(recorder.messages, "the hello")).isEqualTo("hello");
        return new Run(child, recorder, live, all);
    }

    /** Waits for a stack frame line after a line that contains {@code header}: a whole trace has begun to print. */
    private static void awaitTrace(Run run, String header) throws InterruptedException {
        boolean seen = false;
        while (true) {
            String line = Recorder.poll(run.live(), "a stack trace under \"" + header + "\" on the child's stderr");
            seen |= line.contains(header);
            if (seen && line.startsWith("\tat ")) {
                return;
            }
        }
    }

    private static List<String> exitAndCollect(Run run) throws Exception {
        run.child().send("exit");
        run.child().closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS); // 'close': stderr read to its end
        return run.all();
    }

    @Test
    @DisplayName("A stub's TODO thrown twice: its message, once, on one line; an IllegalStateException: the whole trace")
    void todoIsOneLine() throws Exception {
        Run run = fork();
        run.child().send("todo");
        run.child().send("todo");
        run.child().send("ping");
        assertThat(Recorder.poll(run.recorder().messages, "the pong")).as("the events go on after the throws").isEqualTo("pong");
        run.child().send("bug");
        awaitTrace(run, "java.lang.IllegalStateException: " + ThrowingListenerChild.BUG);
        List<String> stderr = exitAndCollect(run);
        assertThat(stderr.stream().filter(l -> l.contains("TODO:"))).as("the lines about the TODO in %s", stderr)
                .containsExactly(ThrowingListenerChild.TODO);
        assertThat(stderr).as("stderr").noneMatch(l -> l.contains("UnsupportedOperationException"));
    }

    @Test
    @DisplayName("-Dc2c.fullTraces=true: the stub's TODO gets its stack trace too")
    void fullTracesOnRequest() throws Exception {
        Run run = fork("-Dc2c.fullTraces=true");
        run.child().send("todo");
        awaitTrace(run, "java.lang.UnsupportedOperationException: " + ThrowingListenerChild.TODO);
        exitAndCollect(run);
    }

    @Test
    @DisplayName("A stub's TODO thrown by a forked child's main: that one line, and exit code 1 as for any uncaught exception")
    void todoInMain() throws Exception {
        ChildProcess child = ChildProcesses.fork(ThrowingListenerChild.class, List.of("todoInMain"),
                Recorder.lean().stdio(Stdio.IGNORE, Stdio.IGNORE, Stdio.PIPE));
        List<String> stderr = new CopyOnWriteArrayList<>();
        child.onStderrLine(stderr::add);
        assertThat(child.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("'close'").isEqualTo(new Exit(1, null));
        assertThat(stderr).as("the child's stderr").containsExactly(ThrowingListenerChild.TODO);
    }
}
