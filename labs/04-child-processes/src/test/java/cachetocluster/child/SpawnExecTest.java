package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** spawn, exec and execFile with real programs (sh, cat, sleep, printf): Node's semantics, Node's error fields. */
@DisplayName("spawn, exec, execFile")
@Execution(ExecutionMode.CONCURRENT)
class SpawnExecTest {

    private record Outcome(ExecException error, String stdout, String stderr) {}

    private static Outcome exec(String command, ExecOptions options) throws Exception {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        ChildProcesses.exec(command, options, (error, out, err) -> done.complete(new Outcome(error, out, err)));
        return done.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static Outcome execFile(String file, List<String> args, ExecOptions options) throws Exception {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        ChildProcesses.execFile(file, args, options, (error, out, err) -> done.complete(new Outcome(error, out, err)));
        return done.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("spawn streams stdout and stderr line by line; exit(4) is code 4; 'close' follows 'exit'")
    void spawnStreamsLines() throws Exception {
        ChildProcess child = ChildProcesses.spawn("sh", List.of("-c", "echo out1; echo err1 >&2; echo out2; exit 4"));
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        child.onStdoutLine(out::add).onStderrLine(err::add);
        child.onExit((code, signal) -> events.add("exit " + code));
        child.onClose((code, signal) -> events.add("close " + code));
        assertThat(child.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("'close' of exit 4").isEqualTo(new Exit(4, null));
        assertThat(out).as("stdout lines").containsExactly("out1", "out2");
        assertThat(err).as("stderr lines").containsExactly("err1");
        assertThat(events).as("events").containsExactly("exit 4", "close 4");
        assertThat(child.connected()).as("connected() of a spawned child (no channel)").isFalse();
    }

    @Test
    @DisplayName("spawn with stdin piped: what the parent writes, cat writes back")
    void spawnStdin() throws Exception {
        ChildProcess cat = ChildProcesses.spawn("cat", List.of());
        try (var stdin = cat.stdin()) {
            stdin.write("through cat\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new String(cat.stdout().readAllBytes(), StandardCharsets.UTF_8)).as("cat's stdout").isEqualTo("through cat\n");
        cat.stderr().close();
        assertThat(cat.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("cat's 'close'").isEqualTo(new Exit(0, null));
    }

    @Test
    @DisplayName("spawn's env and cwd apply; the channel's C2C_ variables never reach a child")
    void spawnEnvAndCwd() throws Exception {
        ChildProcess child = ChildProcesses.spawn("sh", List.of("-c", "echo $LAB04_VAR; pwd; env | grep -c '^C2C_' || true"),
                new SpawnOptions().extraEnv(Map.of("LAB04_VAR", "from the parent", "C2C_CHANNEL", "/not/yours"))
                        .cwd(Path.of("/tmp")));
        List<String> out = new CopyOnWriteArrayList<>();
        child.onStdoutLine(out::add).onStderrLine(line -> { });
        child.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(out).as("$LAB04_VAR, pwd, and how many C2C_ variables the child sees").containsExactly("from the parent", "/tmp", "0");
    }

    @Test
    @DisplayName("A C2C_ variable given with extraEnv reaches the child (lab 05's C2C_UNIQUE_ID); the channel's never do")
    void explicitC2cVariablesPass() throws Exception {
        ChildProcess child = ChildProcesses.spawn("sh", List.of("-c", "echo \"$C2C_UNIQUE_ID\"; env | grep -c '^C2C_CHANNEL=' || true"),
                new SpawnOptions().extraEnv(Map.of("C2C_UNIQUE_ID", "7", "C2C_CHANNEL", "/not/yours")));
        List<String> out = new CopyOnWriteArrayList<>();
        child.onStdoutLine(out::add).onStderrLine(line -> { });
        child.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(out).as("$C2C_UNIQUE_ID, and how many C2C_CHANNEL variables the child sees").containsExactly("7", "0");
    }

    @Test
    @DisplayName("kill(SIGINT) of a spawned sleep: code null, signal SIGINT")
    void spawnKillSigint() throws Exception {
        ChildProcess sleep = ChildProcesses.spawn("sleep", List.of("30"), new SpawnOptions().stdio(Stdio.IGNORE));
        assertThat(sleep.kill(Signal.SIGINT)).as("kill(SIGINT)").isTrue();
        assertThat(sleep.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("sleep's exit").isEqualTo(new Exit(null, "SIGINT"));
    }

    @Test
    @DisplayName("exec runs a shell command line (pipes work) and collects the output")
    void execShellPipeline() throws Exception {
        Outcome o = exec("echo $((6 * 7)) | tr 0-9 a-j", new ExecOptions());
        assertThat(o.error()).as("error of a command that exits 0").isNull();
        assertThat(o.stdout()).as("stdout of echo 42 | tr 0-9 a-j").isEqualTo("ec\n");
        assertThat(ChildProcesses.exec("echo hi", new ExecOptions()).get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS))
                .as("the promise form").isEqualTo(new Exec.Result("hi\n", ""));
    }

    @Test
    @DisplayName("exec of a failing command: the error has code, cmd and the stderr in its message")
    void execFailure() throws Exception {
        Outcome o = exec("echo oops >&2; exit 3", new ExecOptions());
        assertThat(o.error()).as("error of exit 3").isNotNull();
        assertThat(o.error().code()).as("code").isEqualTo(3);
        assertThat(o.error().signal()).as("signal").isNull();
        assertThat(o.error().killed()).as("killed").isFalse();
        assertThat(o.error().getMessage()).as("message").isEqualTo("Command failed: echo oops >&2; exit 3\noops\n");
        assertThat(o.stderr()).as("stderr").isEqualTo("oops\n");
    }

    @Test
    @DisplayName("exec with a timeout kills the child with killSignal: killed, signal SIGTERM, code null")
    void execTimeout() throws Exception {
        long start = System.nanoTime();
        // "exec sleep": with a plain "sleep 10", dash would fork sleep, and SIGTERM would kill only the shell (a
        // caveat Node documents: the orphaned sleep keeps the pipe open until it ends).
        Outcome o = exec("exec sleep 10", new ExecOptions().timeout(Duration.ofMillis(300)));
        assertThat(o.error()).as("error of a command over its timeout").isNotNull();
        assertThat(o.error().killed()).as("killed").isTrue();
        assertThat(o.error().signal()).as("signal").isEqualTo("SIGTERM");
        assertThat(o.error().code()).as("code").isNull();
        assertThat((System.nanoTime() - start) / 1e9).as("seconds until the callback (sleep 10, timeout 0.3 s)").isLessThan(8);
    }

    @Test
    @DisplayName("exec past maxBuffer: killed, ERR_CHILD_PROCESS_STDIO_MAXBUFFER, the first maxBuffer bytes kept (bytes, not characters)")
    void execMaxBuffer() throws Exception {
        Outcome big = exec("head -c 200000 /dev/zero | tr '\\000' x", new ExecOptions().maxBuffer(1000));
        assertThat(big.error()).as("error of 200 kB of output with maxBuffer 1000").isNotNull();
        assertThat(big.error().errorCode()).as("errorCode").isEqualTo("ERR_CHILD_PROCESS_STDIO_MAXBUFFER");
        assertThat(big.error().getMessage()).as("message").isEqualTo("stdout maxBuffer length exceeded");
        assertThat(big.stdout()).as("stdout kept").hasSize(1000);
        Outcome accents = exec("printf 'ééé'", new ExecOptions().maxBuffer(4));
        assertThat(accents.stdout()).as("stdout kept of ééé (6 bytes) with maxBuffer 4").isEqualTo("éé");
    }

    @Test
    @DisplayName("execFile passes arguments without a shell: metacharacters stay text")
    void execFileHasNoShell() throws Exception {
        Outcome o = execFile("printf", List.of("%s\\n", "; echo injected $HOME"), new ExecOptions());
        assertThat(o.error()).as("error").isNull();
        assertThat(o.stdout()).as("what printf printed").isEqualTo("; echo injected $HOME\n");
        Outcome missing = execFile("/no/such/program-c2c", List.of(), new ExecOptions());
        assertThat(missing.error()).as("error of a program that does not exist").isNotNull();
        assertThat(missing.error().errorCode()).as("its errorCode").isEqualTo("ENOENT");
    }
}
