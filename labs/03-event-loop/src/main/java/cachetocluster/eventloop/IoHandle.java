package cachetocluster.eventloop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel registered with the loop: libuv's {@code uv_poll_t}/{@code uv__io_t}, the thing under every Node
 * socket and server.
 *
 * <p>The handle is active while it is interested in something. As in libuv, a socket that neither reads nor
 * writes ({@code interestOps(0)}, Node's {@code socket.pause()} with nothing to write) does not keep the loop
 * alive on its own.
 */
public final class IoHandle extends Handle {

    private final SelectableChannel channel;
    private final IoHandler handler;
    private SelectionKey key;
    private int interest;
    private boolean closing;

    IoHandle(EventLoop loop, SelectableChannel channel, IoHandler handler) {
        super(loop);
        this.channel = channel;
        this.handler = handler;
    }

    void attach(SelectionKey key, int ops) {
        this.key = key;
        this.interest = ops;
        if (ops != 0) {
            activate();
        }
    }

    public SelectableChannel channel() {
        return channel;
    }

    public IoHandler handler() {
        return handler;
    }

    public int interestOps() {
        return interest;
    }

    /**
     * Sets what the loop should watch for. Each real change costs a system call ({@code epoll_ctl}) at the next
     * select, so an unchanged value is not passed on.
     */
    public IoHandle interestOps(int ops) {
        loop.checkThread("interestOps()");
        if (closing) {
            throw new IllegalStateException("the handle is closed");
        }
        if (ops != interest) {
            key.interestOps(ops);
            interest = ops;
            if (ops == 0) {
                deactivate();
            } else {
                activate();
            }
        }
        return this;
    }

    /** Adds ({@code on}) or removes one operation, e.g. {@code interest(OP_WRITE, true)} when a write was short. */
    public IoHandle interest(int op, boolean on) {
        return closing ? this : interestOps(on ? interest | op : interest & ~op);
    }

    @Override
    public IoHandle ref() {
        reference(true);
        return this;
    }

    @Override
    public IoHandle unref() {
        reference(false);
        return this;
    }

    public boolean isClosing() {
        return closing;
    }

    /** {@code uv_close(handle, NULL)}. */
    public void close() {
        close(null);
    }

    /**
     * libuv's {@code uv_close(handle, cb)}: stop watching, close the channel, and run {@code onClose} in the
     * close phase of this turn (Node emits {@code 'close'} from there). Until then the closing handle keeps
     * the loop alive. Closing twice does nothing.
     */
    public void close(Runnable onClose) {
        loop.checkThread("close()");
        if (closing) {
            return;
        }
        closing = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket fails only if the fd is already bad; there is nothing left to release.
        }
        deactivate();
        loop.closing(onClose);
        loop.channelClosed();
    }

    @Override
    public String toString() {
        return String.valueOf(handler);
    }
}
