package cachetocluster.cluster;

import cachetocluster.child.Handle;
import cachetocluster.eventloop.EventLoop;
import java.io.IOException;
import java.net.BindException;
import java.util.Map;

/**
 * What the primary keeps for one address that workers listen on (Node's {@code handles} map in
 * lib/internal/cluster/primary.js): one per {@code address:port:index}, made at the first worker's
 * {@code queryServer}, shared by every worker that asks for the same, closed when the last one leaves. Which kind
 * depends on the scheduling policy. All calls come from the primary's event loop.
 */
sealed interface ServerHandle permits RoundRobinHandle, SharedHandle, ReusePortHandle {

    /** How a handle answers a worker's {@code queryServer}: more fields for the reply, and a socket to send with it. */
    @FunctionalInterface
    interface Reply {
        void send(Map<String, Object> fields, Handle handle);
    }

    /** A worker listens here: answer it (its server is ready when the answer arrives). */
    void add(Worker worker, Reply reply);

    /** A worker no longer listens here. True if it was the last one: the handle has closed its sockets. */
    boolean remove(Worker worker);

    /** A worker's channel closed: it can answer nothing any more. True if it was the last one (closed). */
    default boolean abandon(Worker worker) {
        return remove(worker);
    }

    /** Opens the handle {@code policy} calls for, binding {@code address:port} (port 0: the kernel picks one). */
    static ServerHandle open(SchedulingPolicy policy, EventLoop loop, String key, String address, int port)
            throws IOException {
        return switch (policy) {
            case RR -> new RoundRobinHandle(loop, key, address, port);
            case NONE -> new SharedHandle(address, port);
            case REUSEPORT -> new ReusePortHandle(address, port);
        };
    }

    /** Node's words for a failed listen: {@code listen EADDRINUSE: address already in use 127.0.0.1:3000}. */
    static String listenError(IOException e, String address, int port) {
        String errno = errno(e);
        String what = switch (errno) {
            case "EADDRINUSE" -> "address already in use";
            case "EADDRNOTAVAIL" -> "address not available";
            case "EACCES" -> "permission denied";
            default -> String.valueOf(e.getMessage());
        };
        return "listen " + errno + ": " + what + " " + address + ":" + port;
    }

    /** Node's error code for a failed bind: what a worker's listen reports, as Node's {@code listen EADDRINUSE ...}. */
    static String errno(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("in use")) {
            return "EADDRINUSE";
        }
        if (message.contains("assign") || message.contains("unresolved")) {
            return "EADDRNOTAVAIL";
        }
        if (message.contains("permission")) {
            return "EACCES";
        }
        return e instanceof BindException ? "EADDRNOTAVAIL" : "EIO";
    }
}
