package cachetocluster.cluster;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;

/**
 * The provider of a round-robin worker's event loop: its channels are connections received from the primary
 * ({@link ForeignSocketChannel}), its selectors put them on the JDK's epoll ({@link ForeignSelector}). A lab 03 loop
 * made with it serves them like sockets of its own. It opens nothing itself: the connections come from elsewhere.
 */
final class ForeignSelectorProvider extends SelectorProvider {

    static final ForeignSelectorProvider INSTANCE = new ForeignSelectorProvider();

    private ForeignSelectorProvider() {}

    /** A received connection's descriptor as a channel of this provider (this process owns that copy from now on). */
    SocketChannel adopt(int fd, FileDescriptor descriptor) {
        return new ForeignSocketChannel(this, fd, descriptor);
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        return new ForeignSelector(this);
    }

    @Override
    public DatagramChannel openDatagramChannel() {
        throw notHere();
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) {
        throw notHere();
    }

    @Override
    public Pipe openPipe() {
        throw notHere();
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() {
        throw notHere();
    }

    @Override
    public SocketChannel openSocketChannel() {
        throw notHere();
    }

    private static UnsupportedOperationException notHere() {
        return new UnsupportedOperationException("this provider only carries connections received from the primary");
    }
}
