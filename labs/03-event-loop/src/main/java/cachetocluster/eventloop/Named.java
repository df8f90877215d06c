package cachetocluster.eventloop;

import java.util.Objects;

/**
 * A callback with a name, for blocked-loop reports and uncaught-exception messages:
 * {@code loop.setTimeout(new Named("flush cache", this::flush), 100)}. A bare lambda's toString is only
 * {@code Main$$Lambda/0x...}.
 */
public record Named(String name, Runnable task) implements Runnable {

    public Named {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
    }

    @Override
    public void run() {
        task.run();
    }

    @Override
    public String toString() {
        return name;
    }
}
