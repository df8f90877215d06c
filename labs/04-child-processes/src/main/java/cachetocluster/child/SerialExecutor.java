package cachetocluster.child;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order they were submitted, on an underlying executor: the events of one child
 * never run concurrently and never overtake each other ('message's before 'disconnect' before 'exit' before 'close'),
 * whichever threads produce them.
 *
 * <p>With the default, {@code Runnable::run}, there is no thread of its own: whoever submits while nothing runs runs the
 * queue itself (the channel's reader thread, usually, so a message reaches its listener without a thread hop); a task
 * submitted meanwhile is run by that same drain. With an {@code EventLoop} (lab 03) as the underlying executor, every
 * event runs on the loop thread, as in Node.
 *
 * <p>A listener that throws must not stop the queue. With the default the exception goes to the running thread's
 * uncaught-exception handler (it is printed, as Node prints an uncaught exception, but the JVM lives on); with an
 * executor it is rethrown in a task of its own on that executor, so an EventLoop reports it its own way.
 */
final class SerialExecutor implements Executor {

    static final Executor DIRECT = Runnable::run;

    private volatile Executor underlying;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialExecutor(Executor underlying) {
        this.underlying = underlying == null ? DIRECT : underlying;
    }

    /** Runs later events on {@code executor} (null: the producing thread); order is kept across the switch. */
    void setUnderlying(Executor executor) {
        this.underlying = executor == null ? DIRECT : executor;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            underlying.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    report(t);
                }
            }
            draining.set(false);
            // A task may have been added after the last poll and before the flag dropped: take it over if nobody did.
        } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
    }

    private void report(Throwable t) {
        if (underlying == DIRECT) {
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, t);
        } else {
            underlying.execute(() -> {
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new UnhandledErrorException(t);
            });
        }
    }
}
