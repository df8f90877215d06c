package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop on a selector provider of its own: what lab 05's workers need for descriptors received from the primary. */
class EventLoopProviderTest {

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void theSelectorComesFromTheGivenProvider() throws IOException {
        CountingProvider provider = new CountingProvider();
        try (EventLoop own = new EventLoop(provider)) {
            assertThat(provider.selectorsOpened).hasValue(1);
            assertThat(own.provider()).isSameAs(provider);
            Pipe pipe = SelectorProvider.provider().openPipe();
            // A channel of another provider cannot register with this selector: say so clearly.
            assertThatThrownBy(() -> own.register(pipe.source(), SelectionKey.OP_READ, (h, r) -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("new EventLoop(channel.provider())");
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void aSelectInterruptedBySignalIsRetriedNotFatal() throws IOException {
        // junixsocket's selector (lab 05's workers) throws on EINTR where the JDK's retries.
        try (EventLoop own = new EventLoop(new InterruptingProvider())) {
            own.setTimeout(() -> log.add("timer"), 20);
            assertTimeoutPreemptively(Duration.ofSeconds(5), own::run, "run() did not return");
            assertThat(log).as("the timer after a select that threw 'Interrupted system call'").containsExactly("timer");
        }
    }

    /** The JDK's provider, but its selectors' first blocking select fails as junixsocket's does on EINTR. */
    private static final class InterruptingProvider extends DelegatingProvider {

        @Override
        public AbstractSelector openSelector() throws IOException {
            AbstractSelector real = jdk.openSelector();
            return new AbstractSelector(this) {
                private boolean interrupted;

                @Override
                protected void implCloseSelector() throws IOException {
                    real.close();
                }

                @Override
                protected SelectionKey register(java.nio.channels.spi.AbstractSelectableChannel ch, int ops, Object att) {
                    throw new UnsupportedOperationException("no channels in this test");
                }

                @Override
                public java.util.Set<SelectionKey> keys() {
                    return real.keys();
                }

                @Override
                public java.util.Set<SelectionKey> selectedKeys() {
                    return real.selectedKeys();
                }

                @Override
                public int selectNow() throws IOException {
                    return real.selectNow();
                }

                @Override
                public int select(long timeout) throws IOException {
                    if (!interrupted) {
                        interrupted = true;
                        throw new java.net.SocketException("Interrupted system call");
                    }
                    return real.select(timeout);
                }

                @Override
                public int select() throws IOException {
                    return select(0);
                }

                @Override
                public java.nio.channels.Selector wakeup() {
                    real.wakeup();
                    return this;
                }
            };
        }
    }

    /** The JDK's provider, counting the selectors it opens. */
    private static final class CountingProvider extends DelegatingProvider {
        final AtomicInteger selectorsOpened = new AtomicInteger();

        @Override
        public AbstractSelector openSelector() throws IOException {
            selectorsOpened.incrementAndGet();
            return jdk.openSelector();
        }
    }

    /** The JDK's provider for everything but selectors, which each test's provider makes its own way. */
    private abstract static class DelegatingProvider extends SelectorProvider {
        final SelectorProvider jdk = SelectorProvider.provider();

        @Override
        public DatagramChannel openDatagramChannel() throws IOException {
            return jdk.openDatagramChannel();
        }

        @Override
        public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
            return jdk.openDatagramChannel(family);
        }

        @Override
        public Pipe openPipe() throws IOException {
            return jdk.openPipe();
        }

        @Override
        public ServerSocketChannel openServerSocketChannel() throws IOException {
            return jdk.openServerSocketChannel();
        }

        @Override
        public SocketChannel openSocketChannel() throws IOException {
            return jdk.openSocketChannel();
        }
    }
}
