package cachetocluster.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * reusePort: every worker binds a listening socket of its own to the same port with {@code SO_REUSEPORT}, and the
 * kernel spreads new connections over those sockets by a hash of the connection's addresses and ports. No socket
 * travels between processes; this handle only tells the workers which port.
 *
 * <p>The primary still binds the port first, with a socket that never listens: that reserves it (a port picked by
 * the kernel for {@code port 0} is the same for every worker, and another program cannot take it meanwhile), and it
 * surfaces "address in use" in the primary, once, instead of in every worker. A socket that is bound but not
 * listening is in the SO_REUSEPORT group without ever being given a connection: the kernel balances over listening
 * sockets only. (Node has no cluster mode for this: a worker calls {@code listen({port, reusePort: true,
 * exclusive: true})} and binds by itself; that reports a busy port in each worker.)
 */
final class ReusePortHandle implements ServerHandle {

    private final SocketChannel reservation;
    private final InetSocketAddress local;
    private final Set<Integer> workers = new HashSet<>();
    private boolean closed;

    ReusePortHandle(String address, int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.bind(new InetSocketAddress(address, port)); // bind(2) without listen(2): a reservation
            this.local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.reservation = channel;
    }

    @Override
    public void add(Worker worker, Reply reply) {
        workers.add(worker.id());
        reply.send(Map.of("sockname", Map.of("address", local.getAddress().getHostAddress(), "port", local.getPort()),
                "reusePort", true), null);
    }

    @Override
    public boolean remove(Worker worker) {
        workers.remove(worker.id());
        if (!closed && workers.isEmpty()) {
            closed = true;
            try {
                reservation.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
        return closed;
    }

    @Override
    public String toString() {
        return "ReusePortHandle[" + local + ", workers " + workers + "]";
    }
}
