package cachetocluster.cluster;

import cachetocluster.child.Handle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shared handle (SCHED_NONE): Node's {@code SharedHandle}. The primary creates the listening socket once and
 * sends the same socket to every worker that asks (lab 04's {@code send(message, handle)} with {@code keepOpen}, so
 * the primary's copy survives each send); the primary itself never accepts on it.
 *
 * <p>Then every worker's event loop watches the same socket, and when a connection arrives the kernel wakes the
 * workers waiting on it; whichever calls {@code accept} first gets it. A worker that has just finished a request is
 * already awake and tends to win again, which is why Node's docs found "over 70% of all connections" in two workers
 * out of eight: fast, but not fair.
 */
final class SharedHandle implements ServerHandle {

    private final ServerSocketChannel server;
    private final Handle handle;
    private final InetSocketAddress local;
    private final Set<Integer> workers = new HashSet<>();
    private boolean closed;

    SharedHandle(String address, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, port), 511);
            this.local = (InetSocketAddress) channel.getLocalAddress();
            this.handle = Handle.of(channel).keepOpen(true); // sent many times, closed when the last worker leaves
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.server = channel;
    }

    @Override
    public void add(Worker worker, Reply reply) {
        workers.add(worker.id());
        reply.send(Map.of("sockname", Map.of("address", local.getAddress().getHostAddress(), "port", local.getPort())), handle);
    }

    @Override
    public boolean remove(Worker worker) {
        workers.remove(worker.id());
        if (!closed && workers.isEmpty()) {
            closed = true;
            try {
                server.close(); // the workers' copies are theirs: they close them when they close their servers
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
        return closed;
    }

    @Override
    public String toString() {
        return "SharedHandle[" + local + ", workers " + workers + "]";
    }
}
