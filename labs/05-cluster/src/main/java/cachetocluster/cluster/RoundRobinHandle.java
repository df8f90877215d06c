package cachetocluster.cluster;

import cachetocluster.child.Handle;
import cachetocluster.cluster.RoundRobinScheduler.Handoff;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.IoHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Round-robin in the primary: Node's {@code RoundRobinHandle}. The primary listens on the port itself and accepts
 * every connection; each one's file descriptor goes to a worker with a {@code newconn} message (SCM_RIGHTS, lab 04),
 * and the worker serves it on its own event loop. No byte passes through the primary after the accept.
 *
 * <p>Who gets which connection is {@link RoundRobinScheduler}'s decision: the next free worker, one hand-off in
 * flight per worker. The worker answers {@code accepted: true} (the primary then closes its own copy of the
 * descriptor: the connection lives on in the worker) or {@code false} (it is closing; the connection goes to
 * another worker).
 *
 * <p>The accept is ours, not the JDK's: {@link NativeSockets#accept} on the listening socket's descriptor returns the
 * new connection's descriptor number, which is what SCM_RIGHTS sends. The JDK channel is kept only for the bind and
 * for the loop's readiness (epoll says "a connection waits"; accept4 takes it).
 */
final class RoundRobinHandle implements ServerHandle {

    /** A connection the primary accepted: its descriptor, as a lab 04 Handle the primary keeps open until accepted. */
    record Connection(int fd, Handle handle) {
        void close() {
            try {
                handle.close();
            } catch (IOException ignored) {
                // close(2) of a descriptor we own does not fail in a way we could act on
            }
        }
    }

    private final String key;
    private final int fd;
    private final IoHandle accepting;
    private final InetSocketAddress local;
    private final RoundRobinScheduler<Connection> scheduler = new RoundRobinScheduler<>();
    /** Every worker ever added, so that a late answer from one that left can still be matched. */
    private final Map<Integer, Worker> workers = new HashMap<>();
    private final Map<Integer, HandoffCounts> counts = new HashMap<>();
    private boolean closed;

    RoundRobinHandle(EventLoop loop, String key, String address, int port) throws IOException {
        this.key = key;
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, port), 511); // Node's backlog
            this.local = (InetSocketAddress) channel.getLocalAddress();
            this.fd = Handle.of(channel).fd(); // its number in this process: the kernel tells lab 04's SocketFds, once
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.accepting = loop.register(channel, SelectionKey.OP_ACCEPT, (handle, ops) -> acceptWaiting());
    }

    @Override
    public void add(Worker worker, Reply reply) {
        workers.put(worker.id(), worker);
        counts.putIfAbsent(worker.id(), new HandoffCounts(0, 0));
        reply.send(Map.of("sockname", Map.of("address", local.getAddress().getHostAddress(), "port", local.getPort())), null);
        handOff(scheduler.addWorker(worker.id())); // in case connections wait already
    }

    @Override
    public boolean remove(Worker worker) {
        scheduler.removeWorker(worker.id());
        return closeIfUnused();
    }

    @Override
    public boolean abandon(Worker worker) {
        scheduler.abandon(worker.id()).ifPresent(Connection::close); // the worker's copy died with it
        return closeIfUnused();
    }

    Map<Integer, HandoffCounts> counts() {
        return Map.copyOf(counts);
    }

    /** Accepts what waits, up to 64 per readiness (a burst must not starve the loop's other work). */
    private void acceptWaiting() {
        for (int i = 0; i < 64 && !closed; i++) {
            int connectionFd;
            try {
                connectionFd = NativeSockets.accept(fd);
            } catch (IOException e) {
                return; // EMFILE and the like: the connection stays in the backlog, epoll reports it again
            }
            if (connectionFd == NativeSockets.NONE_WAITING) {
                return;
            }
            Connection connection;
            try {
                connection = new Connection(connectionFd,
                        Handle.ofFd(connectionFd, Handle.Type.SOCKET, () -> NativeSockets.close(connectionFd)).keepOpen(true));
            } catch (IOException e) {
                NativeSockets.close(connectionFd);
                continue;
            }
            handOff(scheduler.connection(connection));
        }
    }

    /** Sends each hand-off: {@code {act: newconn, key}} with the connection; the answer comes back to {@link #answered}. */
    private void handOff(List<Handoff<Connection>> handoffs) {
        for (Handoff<Connection> handoff : handoffs) {
            Worker worker = workers.get(handoff.worker());
            Connection connection = handoff.connection();
            boolean sent = worker.messages.request(ClusterMessages.message("act", "newconn", "key", key),
                    connection.handle(), (reply, none) -> answered(worker, reply));
            if (!sent) {
                // Its channel is closed: the descriptor never left. Take the worker out, give the connection to another.
                scheduler.removeWorker(worker.id());
                handOff(scheduler.refused(worker.id()));
                closeIfUnused();
            }
        }
    }

    private void answered(Worker worker, Map<?, ?> reply) {
        Connection connection = scheduler.inFlight(worker.id()).orElse(null);
        if (connection == null) {
            return; // abandoned meanwhile
        }
        HandoffCounts c = counts.get(worker.id());
        if (Boolean.TRUE.equals(reply.get("accepted"))) {
            counts.put(worker.id(), new HandoffCounts(c.accepted() + 1, c.refused()));
            connection.close(); // the worker has its own copy now; ours would only keep the connection alive
            handOff(scheduler.accepted(worker.id()));
        } else {
            counts.put(worker.id(), new HandoffCounts(c.accepted(), c.refused() + 1));
            handOff(scheduler.refused(worker.id()));
        }
        if (closed) {
            scheduler.drainPending().forEach(Connection::close); // came back after the last worker left
        }
    }

    /** With no worker left: close the listening socket and what waits in the queue (Node does the same). */
    private boolean closeIfUnused() {
        if (closed || !scheduler.workers().isEmpty()) {
            return closed;
        }
        closed = true;
        accepting.close();
        scheduler.drainPending().forEach(Connection::close);
        return true;
    }

    @Override
    public String toString() {
        return "RoundRobinHandle[" + key + ", " + scheduler + "]";
    }
}
