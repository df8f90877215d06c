package cachetocluster.cluster;

import java.io.IOException;
import java.nio.channels.IllegalSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelectionKey;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * A selector for {@link ForeignSocketChannel}s that is the JDK's epoll underneath: each channel's readiness channel
 * ({@code jdk.nio.Channels.readWriteSelectableChannel}) is registered with a JDK selector, and its ready keys are
 * reported as ours. This is the whole trick that lets a lab 03 loop serve connections received from another process
 * at the JDK's speed.
 *
 * <p>Used the way the loop uses a selector: registration, interest changes and selects on the loop thread,
 * {@link #wakeup()} from anywhere.
 */
final class ForeignSelector extends AbstractSelector {

    /** Our key; the JDK key it stands for is {@code inner}. */
    private static final class Key extends AbstractSelectionKey {
        private final ForeignSelector selector;
        private final ForeignSocketChannel channel;
        private SelectionKey inner;
        private int readyOps;

        Key(ForeignSelector selector, ForeignSocketChannel channel) {
            this.selector = selector;
            this.channel = channel;
        }

        @Override
        public SelectableChannel channel() {
            return channel;
        }

        @Override
        public Selector selector() {
            return selector;
        }

        @Override
        public int interestOps() {
            return inner.interestOps();
        }

        @Override
        public SelectionKey interestOps(int ops) {
            inner.interestOps(ops); // takes effect at the next select, as with the JDK's own keys
            return this;
        }

        @Override
        public int readyOps() {
            return readyOps;
        }
    }

    private final Selector epoll = SelectorProvider.provider().openSelector();
    private final Set<SelectionKey> keys = new HashSet<>();
    private final Set<SelectionKey> publicKeys = Collections.unmodifiableSet(keys);
    private final Set<SelectionKey> selected = new HashSet<>();

    ForeignSelector(ForeignSelectorProvider provider) throws IOException {
        super(provider);
    }

    @Override
    protected SelectionKey register(AbstractSelectableChannel channel, int ops, Object attachment) {
        if (!(channel instanceof ForeignSocketChannel foreign)) {
            throw new IllegalSelectorException();
        }
        Key key = new Key(this, foreign);
        try {
            key.inner = foreign.readiness().register(epoll, ops, key);
        } catch (IOException e) {
            throw new IllegalStateException("cannot register " + foreign + " with epoll", e);
        }
        key.attach(attachment);
        keys.add(key);
        return key;
    }

    @Override
    public Set<SelectionKey> keys() {
        return publicKeys;
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        return selected;
    }

    @Override
    public int selectNow() throws IOException {
        return select(-1);
    }

    @Override
    public int select() throws IOException {
        return select(0);
    }

    /** {@code timeout}: as Selector.select(long), 0 waits for ever; -1 (ours) does not wait at all. */
    @Override
    public int select(long timeout) throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedSelectorException();
        }
        dropCancelled();
        if (timeout < 0) {
            epoll.selectNow();
        } else {
            begin(); // so that Thread.interrupt() wakes us, as the JDK's selectors do
            try {
                epoll.select(timeout);
            } finally {
                end();
            }
        }
        int added = 0;
        for (SelectionKey inner : epoll.selectedKeys()) {
            Key key = (Key) inner.attachment();
            if (key.isValid() && inner.isValid()) {
                key.readyOps = inner.readyOps();
                if (selected.add(key)) {
                    added++;
                }
            }
        }
        epoll.selectedKeys().clear();
        dropCancelled();
        return added;
    }

    @Override
    public Selector wakeup() {
        epoll.wakeup();
        return this;
    }

    /** Keys cancelled since the last select: cancel their epoll keys too and let their channels go. */
    private void dropCancelled() {
        Set<SelectionKey> cancelled = cancelledKeys();
        synchronized (cancelled) {
            for (SelectionKey k : cancelled) {
                Key key = (Key) k;
                key.inner.cancel();
                keys.remove(key);
                selected.remove(key);
                deregister(key);
            }
            cancelled.clear();
        }
    }

    @Override
    protected void implCloseSelector() throws IOException {
        epoll.wakeup();
        synchronized (this) {
            dropCancelled();
            for (SelectionKey k : new HashSet<>(keys)) {
                Key key = (Key) k;
                key.inner.cancel();
                deregister(key);
            }
            keys.clear();
            selected.clear();
            epoll.close();
        }
    }
}
