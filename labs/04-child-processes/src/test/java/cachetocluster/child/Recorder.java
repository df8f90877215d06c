package cachetocluster.child;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records an endpoint's events in queues; every wait has a deadline (no sleeps). */
final class Recorder {

    static final long DEADLINE_SECONDS = 20;

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Handle> handles = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> internal = new LinkedBlockingQueue<>();
    /** 'message', 'disconnect', 'exit', 'close' in the order they came, as short strings. */
    final List<String> order = Collections.synchronizedList(new ArrayList<>());

    /**
     * Fork options for test children: no stdin or stdout, stderr inherited (so a child's stack trace shows in the test
     * output), and a JIT and GC that start cheaply: a test child lives a second, and two cores are shared by many.
     */
    static ForkOptions lean() {
        return new ForkOptions().stdio(Stdio.IGNORE, Stdio.IGNORE, Stdio.INHERIT)
                .execArgv("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");
    }

    static Recorder of(IpcEndpoint<?> endpoint) {
        Recorder r = new Recorder();
        endpoint.on("message", args -> {
            r.order.add("message");
            r.messages.add(args[0]);
            if (args[1] != null) {
                r.handles.add((Handle) args[1]);
            }
        });
        endpoint.on("error", args -> r.errors.add((Throwable) args[0]));
        endpoint.on("internalMessage", args -> r.internal.add(args[0]));
        endpoint.on("disconnect", args -> r.order.add("disconnect"));
        endpoint.on("exit", args -> r.order.add("exit(" + args[0] + ", " + args[1] + ")"));
        endpoint.on("close", args -> r.order.add("close(" + args[0] + ", " + args[1] + ")"));
        return r;
    }

    Map<?, ?> nextMessage(String waitingFor) throws InterruptedException {
        return (Map<?, ?>) poll(messages, waitingFor);
    }

    /** The next message that has {@code key}, skipping others. */
    Map<?, ?> nextWith(String key) throws InterruptedException {
        while (true) {
            Map<?, ?> m = nextMessage("a message with \"" + key + "\"");
            if (m.containsKey(key)) {
                return m;
            }
        }
    }

    Throwable nextError(String waitingFor) throws InterruptedException {
        return poll(errors, waitingFor);
    }

    static <T> T poll(BlockingQueue<T> queue, String waitingFor) throws InterruptedException {
        T value = queue.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (value == null) {
            fail("nothing came within " + DEADLINE_SECONDS + " s while waiting for " + waitingFor);
        }
        return value;
    }
}
