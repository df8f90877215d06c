package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three ways to share a port, with real worker JVMs serving real connections: each serves; round-robin spreads
 * evenly; a refused hand-off goes to another worker.
 */
@DisplayName("cluster: the three modes")
@Execution(ExecutionMode.CONCURRENT)
class ModesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(SchedulingPolicy.class)
    @DisplayName("Every mode serves GET / on the shared port from the workers themselves")
    void everyModeServes(SchedulingPolicy policy) throws Exception {
        try (TestCluster cluster = TestCluster.hello(policy)) {
            List<Worker> workers = cluster.startListening(2);
            Map<Integer, Long> pids = workers.stream().collect(Collectors.toMap(Worker::id, w -> w.process().pid()));
            for (int i = 0; i < 20; i++) {
                String body = cluster.hello("request " + i + " in " + policy + " mode");
                int id = Http.workerId(body);
                assertThat(pids).as("request %d in %s mode was answered '%s': a worker of ours?", i, policy, body)
                        .containsKey(id);
                assertThat(Http.pid(body)).as("the pid in '%s' (worker %d's process)", body, id).isEqualTo(pids.get(id));
            }
            assertThat(Http.get(cluster.port(), "/nothing").status()).as("GET /nothing in %s mode", policy).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("Round-robin: 200 short connections one after another, 2 workers: each serves 40% to 60%")
    void roundRobinIsEven() throws Exception {
        // One client, so that each connection finds both workers idle: then round-robin alternates. (With several
        // clients at once, a worker that answers its hand-offs faster is given more: on a busy machine that alone
        // skewed 200 connections to 137/63. That is the "one hand-off in flight" rule working, not unfairness.)
        try (TestCluster cluster = TestCluster.hello(SchedulingPolicy.RR)) {
            cluster.startListening(2);
            Map<Integer, Integer> counts = new java.util.TreeMap<>();
            for (int i = 0; i < 200; i++) {
                counts.merge(Http.workerId(cluster.hello("connection " + i)), 1, Integer::sum);
                // The worker's "accepted" comes over IPC and may trail its reply: wait for it, so that the next
                // connection finds that worker free again (WhoServed does the same).
                long handedOff = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> cluster.primary.roundRobinCounts().values().stream()
                        .mapToLong(HandoffCounts::accepted).sum() >= handedOff);
            }
            assertThat(counts).as("connections per worker (%s)", Fairness.of(counts.values()).summary()).hasSize(2);
            for (int n : counts.values()) {
                assertThat(n).as("one worker's share of 200 connections: %s", counts).isBetween(80, 120);
            }
            // A worker acknowledges a hand-off over its IPC channel while it serves, so the last acknowledgement may
            // reach the primary after the client has its reply: wait for it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<Integer, HandoffCounts> primarySide = cluster.primary.roundRobinCounts();
                assertThat(primarySide.values().stream().mapToLong(HandoffCounts::accepted).sum())
                        .as("hand-offs the workers accepted, as the primary counted them: %s", primarySide).isEqualTo(200);
            });
        }
    }

    @Test
    @DisplayName("Round-robin: a worker at its maxConnections refuses, and the primary gives the connection to another")
    void refusedHandoffIsRequeued() throws Exception {
        try (TestCluster cluster = TestCluster.hello(SchedulingPolicy.RR, "--max-connections", "1")) {
            Worker first = cluster.startListening(1).getFirst();
            try (var held = Http.open(cluster.port())) {
                Http.send(held, "/slow?ms=60000", true); // busy, so never closed as idle: worker 1 is at its maximum
                assertThat(cluster.nextMessageWith("slow").worker()).as("the worker serving the held connection")
                        .isSameAs(first);
                // Later forks get the settings in force when they are forked: worker 2 has no limit.
                cluster.primary.setupPrimary(Settings.none().args("--port", "0", "--mode", "rr"));
                Worker second = cluster.primary.fork();
                cluster.poll(cluster.listening, "worker 2's 'listening'");
                for (int i = 0; i < 6; i++) {
                    assertThat(Http.workerId(cluster.hello("connection " + i)))
                            .as("connection %d, while worker 1 holds its one allowed connection", i).isEqualTo(second.id());
                }
                // The answers to the hand-offs come over IPC and may trail the replies the client already has.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Map<Integer, HandoffCounts> counts = cluster.primary.roundRobinCounts();
                    assertThat(counts.get(first.id()).refused()).as("hand-offs worker 1 refused (%s)", counts).isGreaterThanOrEqualTo(6);
                    assertThat(counts.get(first.id()).accepted()).as("hand-offs worker 1 accepted (%s)", counts).isEqualTo(1);
                    assertThat(counts.get(second.id()).accepted()).as("hand-offs worker 2 accepted (%s)", counts).isEqualTo(6);
                });
            }
        }
    }
}
