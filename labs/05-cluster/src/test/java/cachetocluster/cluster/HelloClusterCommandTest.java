package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.Exit;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Signal;
import cachetocluster.child.Stdio;
import cachetocluster.cluster.demo.HelloCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The hello cluster's command line: bad settings give one clear line and status 2. */
@DisplayName("serve: bad settings")
@Execution(ExecutionMode.CONCURRENT)
class HelloClusterCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--mode fast           | serve: --mode: unknown scheduling policy 'fast': use rr, none or reuseport",
            "--workers 0           | serve: --workers must be at least 1, not 0",
            "--port 70000          | serve: --port must be from 0 to 65535, not 70000",
            "--workers many        | serve: Invalid value for option '--workers': 'many' is not an int (try --help)",
            "--colour blue         | serve: Unknown options: '--colour', 'blue' (try --help)"})
    @DisplayName("A bad option: one line on stderr, status 2, nothing started")
    void badOptions(String args, String expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HelloCluster.run(args.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("exit status for %s", args).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).as("stderr for %s", args).containsExactly(expected);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("stdout for %s", args).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SchedulingPolicy.class)
    @DisplayName("A port in use: one line in Node's words, status 2, and the workers it started are gone")
    void portInUse(SchedulingPolicy policy) throws Exception {
        try (ServerSocketChannel squatter = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
            Result r = runPrimary(List.of("--port", String.valueOf(port), "--workers", "2", "--mode", policy.wireName()), Map.of());
            assertThat(r.exit()).as("the primary's exit with port %d taken (%s)", port, policy).isEqualTo(new Exit(2, null));
            assertThat(r.stderr()).as("its stderr").containsExactly("serve: listen EADDRINUSE: address already in use 127.0.0.1:" + port);
            assertThat(r.workerPids()).as("worker pids it printed").isNotEmpty();
            await("its workers " + r.workerPids() + " to be gone").atMost(TestCluster.DEADLINE)
                    .until(() -> r.workerPids().stream().noneMatch(ResilienceTest::running));
        }
    }

    @Test
    @DisplayName("An unknown C2C_CLUSTER_SCHED_POLICY: one line naming the variable, status 2")
    void badEnvironment() throws Exception {
        Result r = runPrimary(List.of("--port", "0", "--workers", "1"), Map.of(SchedulingPolicy.ENV, "fair"));
        assertThat(r.exit()).as("the primary's exit").isEqualTo(new Exit(2, null));
        assertThat(r.stderr()).as("its stderr")
                .containsExactly("serve: C2C_CLUSTER_SCHED_POLICY: unknown scheduling policy 'fair': use rr, none or reuseport");
    }

    record Result(Exit exit, List<String> stderr, List<Long> workerPids) {}

    /** The hello cluster's primary as a process of its own (its workers are its children, not ours). */
    private static Result runPrimary(List<String> args, Map<String, String> env) throws Exception {
        ChildProcess primary = ChildProcesses.fork(HelloCluster.class, args,
                new ForkOptions().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.PIPE).execArgv(TestCluster.LEAN).extraEnv(env)
                        .exitOnParentDisconnect(true)); // a test run killed midway leaves no cluster behind
        List<String> stderr = new CopyOnWriteArrayList<>();
        List<Long> pids = new CopyOnWriteArrayList<>();
        Pattern online = Pattern.compile("worker \\d+ online \\(pid (\\d+)\\)");
        primary.onStderrLine(stderr::add).onStdoutLine(line -> {
            Matcher m = online.matcher(line);
            if (m.matches()) {
                pids.add(Long.parseLong(m.group(1)));
            }
        });
        try {
            Exit exit = primary.closed().get(TestCluster.DEADLINE_SECONDS * 2, TimeUnit.SECONDS);
            return new Result(exit, List.copyOf(stderr), List.copyOf(pids));
        } finally {
            primary.kill(Signal.SIGKILL);
        }
    }
}
