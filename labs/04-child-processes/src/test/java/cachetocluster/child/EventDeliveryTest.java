package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Where Java must differ from Node to keep Node's promise "a listener added right after fork misses nothing":
 * messages held until the first 'message' listener, one-shot events replayed to late listeners, and events on the
 * executor you choose.
 */
@DisplayName("fork: events reach late listeners, on the executor given")
@Execution(ExecutionMode.CONCURRENT)
class EventDeliveryTest {

    @Test
    @DisplayName("A message that arrived before any 'message' listener is delivered to the first one")
    void heldUntilTheFirstListener() throws Exception {
        ChildProcess child = ChildProcesses.fork(TestChild.class, List.of(), Recorder.lean());
        try {
            CompletableFuture<Object> afterHello = new CompletableFuture<>();
            child.on("internalMessage", args -> afterHello.complete(args[0]));
            afterHello.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS); // the child sends it right after its hello
            CompletableFuture<Object> first = new CompletableFuture<>();
            child.onMessage(first::complete);
            Map<?, ?> message = (Map<?, ?>) first.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(message.containsKey("hello")).as("the first message a late 'message' listener gets (%s) is the hello", message).isTrue();
        } finally {
            child.kill(Signal.SIGKILL);
        }
    }

    @Test
    @DisplayName("'spawn', 'exit' and 'close' reach listeners added after they fired, once, with their arguments")
    void oneShotEventsAreReplayed() throws Exception {
        ChildProcess child = ChildProcesses.spawn("sh", List.of("-c", "exit 5"), new SpawnOptions().stdio(Stdio.IGNORE));
        child.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        CompletableFuture<String> spawn = new CompletableFuture<>();
        CompletableFuture<String> exit = new CompletableFuture<>();
        CompletableFuture<String> close = new CompletableFuture<>();
        child.onSpawn(() -> spawn.complete("spawn"));
        child.onExit((code, signal) -> exit.complete(code + " " + signal));
        child.once("close", args -> close.complete(args[0] + " " + args[1]));
        assertThat(spawn.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("late 'spawn' listener").isEqualTo("spawn");
        assertThat(exit.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("late 'exit' listener").isEqualTo("5 null");
        assertThat(close.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("late once('close') listener").isEqualTo("5 null");
    }

    @Test
    @DisplayName("With an executor, every event of the child runs on it, in order")
    void eventsRunOnTheGivenExecutor() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("the-loop").factory());
        try {
            ChildProcess child = ChildProcesses.fork(TestChild.class, List.of(), Recorder.lean().executor(loop));
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            child.onMessage(m -> threads.add("message on " + Thread.currentThread().getName()));
            child.onDisconnect(() -> threads.add("disconnect on " + Thread.currentThread().getName()));
            child.onExit((c, s) -> threads.add("exit on " + Thread.currentThread().getName()));
            CompletableFuture<Object> hello = new CompletableFuture<>();
            child.on("internalMessage", args -> hello.complete(args[0]));
            hello.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
            child.send(Map.of("op", "exit", "code", 0));
            child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(threads).as("where and in what order the events ran")
                    .containsExactly("message on the-loop", "disconnect on the-loop", "exit on the-loop");
        } finally {
            loop.shutdown();
        }
    }
}
