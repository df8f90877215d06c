package cachetocluster.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The lean loop: one {@link Selector}, and between two selects only what a load generator needs. The tick runs
 * after every batch of ready keys (a few comparisons when nothing is due), so there is no timer heap: the load
 * loop itself knows its next deadline. Ready keys are dispatched with {@code select(Consumer)}: no selected-key
 * set to iterate and clear, no iterator allocated per turn.
 *
 * <p>Waking on time: {@code select(timeout)} takes whole milliseconds (epoll_wait's), and rounding up would make
 * a request due in 0.3 ms go out 0.7 ms late: at low rates the open model would report that as queueing. So
 * the loop selects for the whole milliseconds only, and hands the last fraction to a {@link Waker} thread that
 * parks for exactly that long and then {@link Selector#wakeup() wakes} the selector (about 0.1 ms late here,
 * instead of up to 1 ms), at most once per {@link #WAKER_SPACING_NANOS}. While the loop waits, I/O still wakes
 * it at once.
 */
final class LeanReactor implements Reactor {

    private final Selector selector;
    private final Consumer<SelectionKey> dispatch = key -> ((Ready) key.attachment()).ready(key.readyOps());
    private Thread thread;
    private boolean stopped;
    private volatile boolean wokenUp;
    private boolean tickSoon;

    /**
     * A hand-off to the waker costs about 20 us of CPU (two thread switches, an eventfd write and read): at most
     * one per half millisecond, so at most ~4% of a core. Faster schedules (over ~2,000 requests/s per loop)
     * go out in whole-millisecond batches between the waker's turns.
     */
    private static final long WAKER_SPACING_NANOS = 500_000;

    private final Waker waker;
    private long lastWaker = Long.MIN_VALUE / 2;

    LeanReactor() throws IOException {
        selector = Selector.open();
        waker = new Waker(selector);
    }

    /** Wakes the selector at a time finer than a millisecond: a thread that parks until then (LockSupport). */
    static final class Waker implements Runnable {
        private final Selector selector;
        private final java.util.concurrent.atomic.AtomicLong target = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        private final Thread thread;
        private volatile boolean closed;

        Waker(Selector selector) {
            this.selector = selector;
            this.thread = Thread.ofPlatform().daemon().name("jload-waker").unstarted(this);
        }

        void wakeAt(long nanoTime) {
            if (thread.getState() == Thread.State.NEW) thread.start();
            target.set(nanoTime);
            java.util.concurrent.locks.LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (!closed) {
                long t = target.get();
                long left = t - System.nanoTime();
                if (t == Long.MAX_VALUE) {
                    java.util.concurrent.locks.LockSupport.park(this);
                } else if (left > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(this, left);
                } else if (target.compareAndSet(t, Long.MAX_VALUE)) {
                    selector.wakeup();
                }
            }
        }

        void close() {
            closed = true;
            java.util.concurrent.locks.LockSupport.unpark(thread);
        }
    }

    @Override
    public Registration register(SocketChannel channel, int ops, Ready ready) throws IOException {
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, ops, ready);
        return new KeyRegistration(key, ops);
    }

    private static final class KeyRegistration implements Registration {
        private final SelectionKey key;
        private int ops;

        KeyRegistration(SelectionKey key, int ops) {
            this.key = key;
            this.ops = ops;
        }

        @Override
        public void interestOps(int ops) {
            if (ops != this.ops && key.isValid()) {
                key.interestOps(ops);
                this.ops = ops;
            }
        }

        @Override
        public void close() {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // The fd is gone either way; nothing else to release.
            }
        }
    }

    @Override
    public void run(Tick tick) {
        thread = Thread.currentThread();
        long next = tick.tick(System.nanoTime());
        try {
            while (!stopped) {
                long now = System.nanoTime();
                if (tickSoon || wokenUp || now - next >= 0) {
                    tickSoon = false;
                    wokenUp = false;
                    next = tick.tick(now);
                    continue;
                }
                long ms = (next - now) / 1_000_000;
                if (next == Long.MAX_VALUE) {
                    selector.select(dispatch);
                } else if (ms >= 1) {
                    selector.select(dispatch, ms); // wakes up to 1 ms early; the next turn sleeps the rest
                } else if (now - lastWaker >= WAKER_SPACING_NANOS) {
                    lastWaker = now;
                    waker.wakeAt(next);
                    selector.select(dispatch);
                } else {
                    selector.select(dispatch, 1);
                }
                if (!stopped) {
                    next = tick.tick(System.nanoTime());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("select failed", e);
        } finally {
            thread = null;
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void wakeup() {
        if (Thread.currentThread() == thread) {
            tickSoon = true;
        } else {
            wokenUp = true;
            selector.wakeup();
        }
    }

    @Override
    public void close() {
        waker.close();
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // Closing at the end of a run: nothing to do about a channel that will not close.
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // As above.
        }
    }
}
