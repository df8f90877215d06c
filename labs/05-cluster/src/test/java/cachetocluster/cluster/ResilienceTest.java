package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.Exit;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Posix;
import cachetocluster.child.Signal;
import cachetocluster.child.Stdio;
import cachetocluster.cluster.demo.HelloCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Workers die, are asked to leave, and lose their primary: with real signals, real JVMs, real connections. */
@DisplayName("cluster: crashes, disconnects, a dead primary")
@Execution(ExecutionMode.CONCURRENT)
class ResilienceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(SchedulingPolicy.class)
    @DisplayName("A worker killed with SIGKILL is replaced, and the port keeps answering")
    void killedWorkerIsReplaced(SchedulingPolicy policy) throws Exception {
        try (TestCluster cluster = TestCluster.hello(policy)) {
            List<String> reports = Collections.synchronizedList(new ArrayList<>());
            Respawner respawner = new Respawner(cluster.primary, new RespawnPolicy(50, 1_000, 5, 10_000), reports::add,
                    Map.of()).start();
            List<Worker> workers = cluster.startListening(2);
            int port = cluster.port();
            Worker victim = workers.getFirst();
            assertThat(victim.kill(Signal.SIGKILL)).as("kill(SIGKILL) of worker 1").isTrue();
            TestCluster.Exited exit = cluster.nextExitOf(victim);
            assertThat(exit.signal()).as("how worker 1 ended").isEqualTo("SIGKILL");
            assertThat(victim.exitedAfterDisconnect()).as("worker 1's exitedAfterDisconnect (nobody asked it to go)").isFalse();
            assertThat(victim.isDead()).as("worker 1's isDead()").isTrue();
            for (int i = 0; i < 10; i++) {
                assertThat(Http.workerId(cluster.hello("request " + i + " after worker 1 died"))).as("request %d right after worker 1 died (%s)", i, policy)
                        .isNotEqualTo(victim.id());
            }
            TestCluster.Listening replacement = cluster.poll(cluster.listening, "the replacement's 'listening'");
            assertThat(replacement.worker().id()).as("the replacement's id (ids are never reused)").isEqualTo(3);
            assertThat(replacement.address().port()).as("the replacement's port").isEqualTo(port);
            assertThat(reports).as("what the respawner said").anySatisfy(line -> assertThat(line)
                    .contains("worker 1 (pid " + victim.process().pid() + ") died (SIGKILL)"));
            if (policy == SchedulingPolicy.RR) { // the kernel picks in the other modes: no fixed number of tries suffices
                List<Integer> served = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    served.add(Http.workerId(cluster.hello("request " + i + " after the replacement listened")));
                }
                assertThat(served).as("workers that served 4 connections after the replacement listened").contains(3);
            }
            assertThat(respawner.gaveUp()).as("gaveUp() after one crash").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SchedulingPolicy.class)
    @DisplayName("disconnect(): a request in flight completes (Connection: close), then the worker exits 0; the other serves on")
    void disconnectLosesNoInFlightRequest(SchedulingPolicy policy) throws Exception {
        try (TestCluster cluster = TestCluster.hello(policy)) {
            List<Worker> workers = cluster.startListening(2);
            int port = cluster.port();
            try (Socket slow = Http.open(port)) {
                Http.send(slow, "/slow?ms=3000", true); // keep-alive, and 3 s: the disconnect arrives while it runs
                Worker busy = cluster.nextMessageWith("slow").worker();
                Worker other = workers.stream().filter(w -> w != busy).findFirst().orElseThrow();
                busy.disconnect();
                Http.Response response = Http.read(slow.getInputStream());
                assertThat(response.status()).as("status of the request in flight during disconnect (%s)", policy).isEqualTo(200);
                assertThat(Http.workerId(response.body())).as("who answered it").isEqualTo(busy.id());
                assertThat(response.closesConnection()).as("its headers say Connection: close (keep-alive ends): %s",
                        response.headers()).isTrue();
                assertThat(slow.getInputStream().read()).as("the connection after that response").isEqualTo(-1);
                TestCluster.Exited exit = cluster.nextExitOf(busy);
                assertThat(new Exit(exit.code(), exit.signal())).as("the disconnected worker's exit").isEqualTo(new Exit(0, null));
                assertThat(busy.exitedAfterDisconnect()).as("its exitedAfterDisconnect").isTrue();
                assertThat(cluster.events).as("the cluster's events").containsSubsequence(
                        "disconnect " + busy.id(), "exit " + busy.id());
                assertThat(cluster.primary.workers()).as("cluster.workers after it exited").doesNotContainKey(busy.id());
                for (int i = 0; i < 5; i++) {
                    assertThat(Http.workerId(cluster.hello("request " + i + " after the disconnect"))).as("request %d after the disconnect", i).isEqualTo(other.id());
                }
            }
        }
    }

    @Test
    @DisplayName("A worker that dies at every start is respawned with a growing delay, until the crash-loop limit")
    void crashLoopStops() throws Exception {
        try (TestCluster cluster = TestCluster.of(SchedulingPolicy.RR, CrashingWorker.class)) {
            java.util.concurrent.BlockingQueue<String> reports = new java.util.concurrent.LinkedBlockingQueue<>();
            // At most 2 crashes in a minute: crash 1 and 2 are respawned (after 20, then 40 ms), crash 3 is not.
            Respawner respawner = new Respawner(cluster.primary, new RespawnPolicy(20, 1_000, 2, 60_000), reports::add,
                    Map.of()).start();
            cluster.primary.fork();
            assertThat(cluster.poll(reports, "the first crash's report")).as("after crash 1")
                    .contains("worker 1").contains("status 3").contains("starting another in 20 ms");
            assertThat(cluster.poll(reports, "the second crash's report")).as("after crash 2")
                    .contains("worker 2").contains("starting another in 40 ms");
            assertThat(cluster.poll(reports, "the third crash's report")).as("after crash 3")
                    .contains("worker 3").contains("not starting any more");
            assertThat(respawner.gaveUp()).as("gaveUp()").isTrue();
            assertThat(cluster.events.stream().filter(e -> e.startsWith("fork ")).toList())
                    .as("the forks (none is pending: each respawn timer fired before the next crash)")
                    .containsExactly("fork 1", "fork 2", "fork 3");
            assertThat(cluster.primary.workers()).as("cluster.workers after the last crash").isEmpty();
        }
    }

    @Test
    @DisplayName("SIGKILL of the primary (a process of its own) leaves no worker alive")
    void primarySigkillLeavesNoWorker() throws Exception {
        ChildProcess primary = ChildProcesses.fork(HelloCluster.class,
                List.of("--port", "0", "--workers", "2", "--mode", "rr"),
                new ForkOptions().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.INHERIT).execArgv(TestCluster.LEAN)
                        .exitOnParentDisconnect(true)); // a test run killed midway leaves no cluster behind
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(primary.stdout(), StandardCharsets.UTF_8));
            Pattern online = Pattern.compile("worker (\\d+) online \\(pid (\\d+)\\)");
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("listening on")) {
                Matcher m = online.matcher(line);
                if (m.matches()) {
                    pids.add(Long.parseLong(m.group(2)));
                }
            }
            assertThat(line).as("the primary's 'listening on' line").isNotNull();
            assertThat(pids).as("the workers' pids the primary printed").hasSize(2);
            for (long pid : pids) {
                assertThat(running(pid)).as("worker pid %d before the primary is killed", pid).isTrue();
            }
            Thread.ofVirtual().start(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter()); // keep the pipe drained
                } catch (IOException ignored) {
                    // the primary is gone
                }
            });
            assertThat(primary.kill(Signal.SIGKILL)).as("kill(SIGKILL) of the primary").isTrue();
            assertThat(primary.exited().get(TestCluster.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the primary's exit")
                    .isEqualTo(new Exit(null, "SIGKILL"));
            await("both workers " + pids + " to exit after their primary died").atMost(TestCluster.DEADLINE)
                    .pollInterval(Duration.ofMillis(50)).until(() -> pids.stream().noneMatch(ResilienceTest::running));
        } catch (Throwable failed) {
            // Never leave one behind when the test fails. Only then: once they have exited, their numbers can be
            // reused at any moment (pid_max is 32768 here, and threads use the same numbers).
            for (long pid : pids) {
                if (running(pid)) {
                    Posix.kill(pid, Signal.SIGKILL);
                }
            }
            throw failed;
        } finally {
            primary.kill(Signal.SIGKILL);
        }
    }

    /** Alive and not a zombie. */
    static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
