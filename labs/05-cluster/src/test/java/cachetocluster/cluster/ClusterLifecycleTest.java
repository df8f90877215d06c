package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.Exit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The cluster API with real worker JVMs that only exchange messages: ids, environment, events, kill and disconnect. */
@DisplayName("cluster: workers, their ids, events and ends")
@Execution(ExecutionMode.CONCURRENT)
class ClusterLifecycleTest {

    @Test
    @DisplayName("Ids start at 1 and reach the worker as C2C_UNIQUE_ID, with the policy and exec's args; messages go both ways")
    void idsEnvironmentAndMessages() throws Exception {
        try (TestCluster cluster = TestCluster.of(SchedulingPolicy.NONE, EchoWorker.class, "a", "b")) {
            Worker first = cluster.primary.fork();
            Worker second = cluster.primary.fork();
            assertThat(List.of(first.id(), second.id())).as("ids of the first two forks").containsExactly(1, 2);
            for (int i = 0; i < 2; i++) {
                TestCluster.Message hello = cluster.nextMessageWith("hello");
                Map<?, ?> m = (Map<?, ?>) hello.message();
                assertThat(m.get("hello")).as("the id worker %d knows itself by", hello.worker().id()).isEqualTo(hello.worker().id());
                assertThat(m.get("uniqueId")).as("its C2C_UNIQUE_ID").isEqualTo(String.valueOf(hello.worker().id()));
                assertThat(m.get("policy")).as("the policy it was told").isEqualTo("none");
                assertThat(m.get("args")).as("the args its exec class got").isEqualTo(List.of("a", "b"));
            }
            cluster.poll(cluster.online, "an 'online'");
            cluster.poll(cluster.online, "another 'online'");
            assertThat(first.state()).as("worker 1's state after 'online'").isEqualTo(Worker.State.ONLINE);
            assertThat(cluster.primary.workers()).as("cluster.workers").containsOnlyKeys(1, 2);
            assertThat(cluster.events).as("events").containsSubsequence("fork 1", "online 1").containsSubsequence("fork 2", "online 2");
            assertThat(second.send(Map.of("op", "echo", "value", "ping"))).as("worker 2's send()").isTrue();
            TestCluster.Message echo = cluster.nextMessageWith("echo");
            assertThat(echo.worker()).as("who echoed").isSameAs(second);
            assertThat(((Map<?, ?>) echo.message()).get("echo")).as("the echo").isEqualTo("ping");
        }
    }

    @Test
    @DisplayName("kill() is SIGTERM at once (exitedAfterDisconnect false); disconnect() ends it with 0 (true)")
    void killAndDisconnect() throws Exception {
        try (TestCluster cluster = TestCluster.of(SchedulingPolicy.RR, EchoWorker.class)) {
            Worker killed = cluster.primary.fork();
            Worker asked = cluster.primary.fork();
            cluster.nextMessageWith("hello");
            cluster.nextMessageWith("hello");
            assertThat(killed.exitedAfterDisconnect()).as("exitedAfterDisconnect before anything happened").isNull();
            assertThat(killed.kill()).as("kill()").isTrue();
            TestCluster.Exited k = cluster.nextExitOf(killed);
            assertThat(new Exit(k.code(), k.signal())).as("the killed worker's exit").isEqualTo(new Exit(null, "SIGTERM"));
            assertThat(killed.exitedAfterDisconnect()).as("exitedAfterDisconnect after kill()").isFalse();
            assertThat(killed.isDead()).as("isDead() after its exit").isTrue();
            assertThat(killed.isConnected()).as("isConnected() after its exit").isFalse();
            assertThat(killed.state()).as("state after its exit").isEqualTo(Worker.State.DEAD);

            asked.disconnect();
            TestCluster.Exited d = cluster.nextExitOf(asked);
            assertThat(new Exit(d.code(), d.signal())).as("the disconnected worker's exit").isEqualTo(new Exit(0, null));
            assertThat(asked.exitedAfterDisconnect()).as("exitedAfterDisconnect after disconnect()").isTrue();
            assertThat(cluster.events).as("events").containsSubsequence("disconnect 1", "exit 1")
                    .containsSubsequence("disconnect 2", "exit 2");
            assertThat(cluster.primary.workers()).as("cluster.workers once both are gone").isEmpty();
        }
    }

    @Test
    @DisplayName("A worker's own disconnect() tells the primary: it exits 0 with exitedAfterDisconnect true")
    void workerSideDisconnect() throws Exception {
        try (TestCluster cluster = TestCluster.of(SchedulingPolicy.RR, EchoWorker.class)) {
            Worker worker = cluster.primary.fork();
            cluster.nextMessageWith("hello");
            worker.send(Map.of("op", "disconnect"));
            TestCluster.Exited exit = cluster.nextExitOf(worker);
            assertThat(new Exit(exit.code(), exit.signal())).as("its exit").isEqualTo(new Exit(0, null));
            assertThat(worker.exitedAfterDisconnect()).as("exitedAfterDisconnect").isTrue();
        }
    }

    @Test
    @DisplayName("cluster.disconnect(callback) calls back once every worker has gone; a worker that crashes reports false")
    void clusterDisconnect() throws Exception {
        try (TestCluster cluster = TestCluster.of(SchedulingPolicy.RR, EchoWorker.class)) {
            Worker crasher = cluster.primary.fork();
            cluster.primary.fork();
            cluster.primary.fork();
            for (int i = 0; i < 3; i++) {
                cluster.nextMessageWith("hello");
            }
            crasher.send(Map.of("op", "exit", "code", 3));
            TestCluster.Exited crash = cluster.nextExitOf(crasher);
            assertThat(new Exit(crash.code(), crash.signal())).as("exit(3)").isEqualTo(new Exit(3, null));
            assertThat(crasher.exitedAfterDisconnect()).as("exitedAfterDisconnect of a worker that exited by itself").isFalse();
            CompletableFuture<List<Integer>> gone = new CompletableFuture<>();
            cluster.primary.disconnect(() -> gone.complete(List.copyOf(cluster.primary.workers().keySet())));
            assertThat(gone.get(TestCluster.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("cluster.workers when the callback runs").isEmpty();
            assertThat(cluster.events).as("events").contains("exit 2", "exit 3");
        }
    }
}
