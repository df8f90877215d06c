package cachetocluster.cluster;

import cachetocluster.child.Handle;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;
import cachetocluster.eventloop.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A worker's HTTP server, listening on the cluster's port: what {@link CurrentWorker#listen} makes of the primary's
 * answer. One of three shapes, as the policy says:
 * <ul>
 *   <li><b>round-robin</b>: no socket at all. Connections arrive one by one from the primary and are served with
 *       {@link HttpServer#serve}. A timer that never fires keeps the loop alive meanwhile: Node's "faux handle", a
 *       {@code setInterval(noop, TIMEOUT_MAX)} in lib/internal/cluster/child.js, for the same reason.</li>
 *   <li><b>shared handle</b>: the primary's listening socket, received as a file descriptor and put under a JDK
 *       channel ({@link NativeSockets#adopt}); the server accepts on it like on its own.</li>
 *   <li><b>reusePort</b>: a socket of the worker's own, bound with {@code SO_REUSEPORT} to the port the primary
 *       reserved.</li>
 * </ul>
 */
public final class ClusterServer {

    private final CurrentWorker worker;
    private final String key;
    private final HttpServer server;
    private final Address address;
    private final Timer roundRobinRef;
    private int maxConnections = -1;
    private boolean closed;

    private ClusterServer(CurrentWorker worker, String key, HttpServer server, Address address, Timer roundRobinRef) {
        this.worker = worker;
        this.key = key;
        this.server = server;
        this.address = address;
        this.roundRobinRef = roundRobinRef;
    }

    static ClusterServer bind(CurrentWorker worker, String key, HttpServer server, Address address, Handle sharedSocket,
            boolean reusePort) throws IOException {
        EventLoop loop = worker.loop();
        if (sharedSocket != null) {
            ServerSocketChannel shared = NativeSockets.adopt(sharedSocket.fd()); // a JDK channel on the shared socket
            sharedSocket.close(); // the descriptor that came with the message: the adopted one is a copy of it
            server.listen(shared);
            return new ClusterServer(worker, key, server, address, null);
        }
        if (reusePort) {
            ServerSocketChannel own = loop.provider().openServerSocketChannel();
            try {
                own.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                own.setOption(StandardSocketOptions.SO_REUSEPORT, true); // before bind: it is a property of the bind
                own.bind(new InetSocketAddress(address.address(), address.port()), 511);
            } catch (IOException | RuntimeException e) {
                own.close();
                throw e;
            }
            server.listen(own);
            return new ClusterServer(worker, key, server, address, null);
        }
        return new ClusterServer(worker, key, server, address, loop.setInterval(() -> { }, EventLoop.TIMEOUT_MAX));
    }

    /** Where the cluster listens (the primary's address and port, in every mode). */
    public Address address() {
        return address;
    }

    public HttpServer httpServer() {
        return server;
    }

    /**
     * Node's {@code server.maxConnections}: with round-robin, a worker that has this many connections open refuses
     * further hand-offs, and the primary gives them to another worker. Negative: no limit (the default).
     */
    public ClusterServer maxConnections(int limit) {
        this.maxConnections = limit;
        return this;
    }

    /** Would a hand-off be accepted now? */
    boolean accepts() {
        return !closed && !server.isClosing() && (maxConnections < 0 || server.connections() < maxConnections);
    }

    void serve(SocketChannel connection) {
        server.serve(connection);
    }

    /**
     * Node's {@code server.close(callback)} in a worker: tell the primary (no more hand-offs to this server), stop
     * accepting, and call {@code onClosed} (may be null) once the last connection has finished. Loop thread.
     */
    public void close(Runnable onClosed) {
        if (closed) {
            if (onClosed != null) {
                server.close(onClosed); // already closing: called back when it is done
            }
            return;
        }
        closed = true;
        if (roundRobinRef != null) {
            worker.loop().clearInterval(roundRobinRef);
        }
        worker.servers.remove(key);
        worker.messages.send(ClusterMessages.message("act", "close", "key", key), null);
        server.close(onClosed);
    }

    @Override
    public String toString() {
        return "ClusterServer[" + key + ", " + worker.schedulingPolicy().wireName() + ", " + server.connections()
                + " connections]";
    }
}
