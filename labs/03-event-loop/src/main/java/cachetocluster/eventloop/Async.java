package cachetocluster.eventloop;

import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How other threads hand work to the loop thread: libuv's {@code uv_async_t}.
 *
 * <p>A lock-free queue plus a way to interrupt a blocking select: {@link Selector#wakeup()} (an eventfd write on
 * Linux, what {@code uv_async_send} does too). One wakeup is enough however many tasks arrive before the loop
 * looks, so a flag skips the system call for the others; the loop clears it after each select, before it takes the
 * tasks, so a task posted after that gets a wakeup of its own. The one thread-safe door into the loop.
 */
final class Async {

    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Selector selector;

    Async(Selector selector) {
        this.selector = selector;
    }

    /** Any thread; {@code onLoopThread} skips the wakeup (the loop will look before it blocks). */
    void post(Runnable task, boolean onLoopThread) {
        posted.add(task);
        if (!onLoopThread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** The loop thread, right after each select (the poll phase's, and the close phase's flush, which can eat a wakeup). */
    void selected() {
        wakeupPending.set(false);
    }

    boolean isEmpty() {
        return posted.isEmpty();
    }

    Runnable poll() {
        return posted.poll();
    }
}
