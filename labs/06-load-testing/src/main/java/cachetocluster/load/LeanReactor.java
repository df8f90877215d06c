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
 * <p>The select timeout is in whole milliseconds (epoll_wait's), rounded up: a tick is never early, and at most
 * about a millisecond late when nothing else wakes the loop. The open model records that lateness honestly,
 * as part of the response time.
 */
final class LeanReactor implements Reactor {

    private final Selector selector;
    private final Consumer<SelectionKey> dispatch = key -> ((Ready) key.attachment()).ready(key.readyOps());
    private Thread thread;
    private boolean stopped;
    private volatile boolean wokenUp;
    private boolean tickSoon;

    LeanReactor() throws IOException {
        selector = Selector.open();
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
                if (next == Long.MAX_VALUE) {
                    selector.select(dispatch);
                } else {
                    long ms = (next - now + 999_999) / 1_000_000;
                    selector.select(dispatch, Math.max(1, ms));
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
