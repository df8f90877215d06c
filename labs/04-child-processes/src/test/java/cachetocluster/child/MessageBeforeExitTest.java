package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's #6767: {@code process.send(msg); process.exit()} loses the message, because send only queues it. Here send
 * writes it to the socket before returning; the kernel delivers what was written even after the sender is gone, and
 * 'exit' waits for the channel's end. Both shown with Runtime.halt too, which runs no shutdown hook at all, so no
 * flush-on-exit could be what saves the message.
 */
@DisplayName("fork: a message sent just before exit is delivered")
class MessageBeforeExitTest {

    private static final ForkOptions LEAN = Recorder.lean();

    /**
     * Trials of the one-message test: 20 in the default run (a child JVM costs about a second of a shared 2-core
     * machine), -Dc2c.exitTrials=1000 for the full claim: 1000 of 1000 delivered, half of them after Runtime.halt, in
     * 318 s on the 2-core build machine (536 s on an earlier run with the machine busy).
     */
    private static final int TRIALS = Integer.getInteger("c2c.exitTrials", 20);

    @Test
    @DisplayName("1000 messages sent as fast as possible, then Runtime.halt: all 1000 arrive, in order, before 'exit'")
    void burstThenHalt() throws Exception {
        burst("halt");
    }

    @Test
    @DisplayName("1000 messages sent as fast as possible, then System.exit: all 1000 arrive, in order, before 'exit'")
    void burstThenExit() throws Exception {
        burst("exit");
    }

    private static void burst(String how) throws Exception {
        ChildProcess child = ChildProcesses.fork(SendThenExit.class, List.of("1000", how), LEAN);
        Recorder recorder = Recorder.of(child);
        Exit exit = child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        List<Object> received = new ArrayList<>(recorder.messages);
        assertThat(received).as("messages received from a child that sent 1000 and called %s(0)", how).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(((Map<?, ?>) received.get(i)).get("seq")).as("seq of message %d", i).isEqualTo(i);
        }
        assertThat(exit).as("the child's exit").isEqualTo(new Exit(0, null));
        assertThat(recorder.order.indexOf("exit(0, null)")).as("'exit' comes after the 1000 'message's").isEqualTo(1001);
    }

    @Test
    @DisplayName("One message then exit at once, in many separate child JVMs: delivered every time")
    void oneMessageThenExitEveryTime() throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4); // four JVMs starting at once keep two cores busy
        List<Future<Integer>> trials = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            String how = i % 2 == 0 ? "exit" : "halt";
            trials.add(pool.submit((Callable<Integer>) () -> {
                ChildProcess child = ChildProcesses.fork(SendThenExit.class, List.of("1", how), LEAN);
                Recorder recorder = Recorder.of(child);
                child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
                return recorder.messages.size();
            }));
        }
        int delivered = 0;
        for (Future<Integer> trial : trials) {
            delivered += trial.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("message-before-exit: %d of %d delivered, %d child JVMs in %.1f s%n",
                delivered, TRIALS, TRIALS, (System.nanoTime() - start) / 1e9);
        assertThat(delivered).as("messages delivered by %d children that each sent one and exited at once (half with halt)",
                TRIALS).isEqualTo(TRIALS);
    }
}
