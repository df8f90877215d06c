package cachetocluster.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.util.function.Consumer;

/**
 * The system side of the poll phase: libuv's {@code uv__io_poll} (src/unix/linux.c, around {@code epoll_wait}),
 * here around a {@link Selector} (epoll too, on Linux).
 *
 * <p>The selector is opened from the loop's {@link SelectorProvider}: a channel registers only with a selector of
 * its own provider, and a later lab runs the loop on channels received from another process, whose provider is
 * not the JDK's. Ready keys go straight to the loop's dispatch with {@code select(Consumer)}: no selected-key set
 * to iterate and clear, no iterator per turn.
 *
 * <p>One JDK difference from libuv: closing a registered channel does not close its file descriptor until the
 * selector has dropped the key, in its next select. libuv closes at once, and a Node program counts on it (a
 * closed server's port is free again). So after the loop closes channels it calls {@link #flushClosed()}, one
 * extra non-blocking select whose ready keys are ignored; nothing is lost, the selector is level-triggered and
 * reports them again.
 */
final class IoPoller {

    private static final Consumer<SelectionKey> IGNORE = key -> { };

    private final SelectorProvider provider;
    private final Selector selector;
    private final Consumer<SelectionKey> dispatch;
    private boolean closedSinceSelect;

    IoPoller(SelectorProvider provider, Consumer<SelectionKey> dispatch) {
        this.provider = provider;
        this.dispatch = dispatch;
        try {
            this.selector = provider.openSelector();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector from " + provider, e);
        }
    }

    Selector selector() {
        return selector;
    }

    SelectionKey register(SelectableChannel channel, int ops, IoHandle handle) {
        if (channel.provider() != provider) {
            throw new IllegalArgumentException("the channel comes from " + channel.provider()
                    + " but this loop's selector from " + provider + "; create the loop with new EventLoop(channel.provider())");
        }
        try {
            channel.configureBlocking(false);
            return channel.register(selector, ops, handle);
        } catch (ClosedChannelException e) {
            throw new IllegalArgumentException("the channel is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to {@code timeoutMs} (0: not at all, -1: for ever) and dispatches every ready key. A select that a
     * signal interrupted returns with nothing dispatched: the loop simply polls again. (The JDK's selector retries
     * EINTR itself; junixsocket's, which lab 05's workers use for sockets received from another process, throws
     * {@code SocketException: Interrupted system call} when a signal lands on the loop thread, e.g. a jstack's
     * SIGQUIT or JFR's sampling.)
     */
    void poll(long timeoutMs) {
        try {
            if (timeoutMs == 0) {
                selector.selectNow(dispatch);
            } else if (timeoutMs < 0) {
                selector.select(dispatch);
            } else {
                selector.select(dispatch, timeoutMs);
            }
        } catch (IOException e) {
            if (!interrupted(e)) {
                throw new UncheckedIOException("select failed", e);
            }
        }
        closedSinceSelect = false;
    }

    private static boolean interrupted(IOException e) {
        return e instanceof java.net.SocketException && String.valueOf(e.getMessage()).contains("Interrupted system call");
    }

    void channelClosed() {
        closedSinceSelect = true;
    }

    /** Lets the selector drop the keys of channels closed since the last select, which closes their fds. */
    void flushClosed() {
        if (closedSinceSelect && selector.isOpen()) {
            closedSinceSelect = false;
            try {
                selector.selectNow(IGNORE);
            } catch (IOException e) {
                throw new UncheckedIOException("select failed", e);
            }
        }
    }

    void wakeup() {
        selector.wakeup();
    }

    /** Closes every channel still registered, then the selector. */
    void close() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // Best effort: the loop is going away; a channel that cannot close has nothing left to release.
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // As above.
        }
    }
}
