package cachetocluster.cluster;

import cachetocluster.child.EventEmitter;
import cachetocluster.child.Handle;
import cachetocluster.child.Parent;
import cachetocluster.child.ParentPort;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;
import cachetocluster.eventloop.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster, seen from a worker: Node's {@code cluster.worker} and lib/internal/cluster/child.js.
 * {@code Cluster.worker()} returns the one of this process.
 *
 * <p>It owns the worker's event loop ({@link #loop()}), and serves on it whatever the primary sends. Its selector
 * comes from the provider the scheduling policy needs. With round-robin every connection arrives as a file
 * descriptor from the primary and becomes a {@link ForeignSocketChannel}, whose provider's selectors are the JDK's
 * epoll underneath. With the shared handle only the listening socket arrives, once, and it is put under a JDK
 * channel ({@link NativeSockets#adopt}); with reusePort the worker binds its own, a JDK one: both run on the JDK's
 * selector directly. That is why the primary tells the worker its policy in the environment: the loop must exist
 * before the first connection does.
 *
 * <p>Events (on the loop): {@code 'message' (message, handle)}, {@code 'disconnect'}. The channel's own events
 * run on lab 04's pooled threads, so a worker whose loop is stuck still exits when the primary dies.
 */
public final class CurrentWorker extends EventEmitter {

    private final int id;
    private final SchedulingPolicy policy;
    private final EventLoop loop;
    private final ParentPort port;
    final ClusterMessages messages;
    /** Listening servers by the primary's key. Loop thread only. */
    final Map<String, ClusterServer> servers = new LinkedHashMap<>();
    private final Map<String, Integer> nextIndex = new HashMap<>();
    private volatile Boolean exitedAfterDisconnect;
    private boolean disconnecting;
    private boolean forwardingMessages;
    /** While someone listens for 'message': the open channel keeps the loop alive (Node refs process.channel). */
    private Timer channelRef;

    private CurrentWorker(int id, SchedulingPolicy policy, EventLoop loop, ParentPort port) {
        this.id = id;
        this.policy = policy;
        this.loop = loop;
        this.port = port;
        this.messages = new ClusterMessages(port);
    }

    /** Node's {@code cluster._setupWorker()}: connect, listen for the primary, say "online". */
    static CurrentWorker start(Map<String, String> env) {
        int id = Integer.parseInt(env.get(Primary.UNIQUE_ID_ENV));
        SchedulingPolicy policy = SchedulingPolicy.fromEnvironment(env);
        EventLoop loop = new EventLoop(policy == SchedulingPolicy.RR ? ForeignSelectorProvider.INSTANCE : SelectorProvider.provider());
        // An exception nobody caught ends a Node worker with status 1, and the primary may start another: the same here.
        loop.setUncaughtExceptionHandler((error, callback, l) -> {
            System.err.println("worker " + id + ": uncaught " + error + " in " + callback + "; exiting (as a Node worker does)");
            error.printStackTrace();
            Runtime.getRuntime().exit(1);
        });
        CurrentWorker self = new CurrentWorker(id, policy, loop, Parent.port());
        self.messages.listen(self::internalMessage);
        self.port.onDisconnect(() -> self.onLoop(() -> {
            if (self.channelRef != null) {
                loop.clearInterval(self.channelRef);
            }
            self.emit("disconnect");
        }));
        self.messages.send(ClusterMessages.message("act", "online"), null);
        return self;
    }

    /** {@code cluster.worker.id}: the primary's number for this worker ({@code C2C_UNIQUE_ID}). */
    public int id() {
        return id;
    }

    /** {@code cluster.worker.process}: this process. */
    public ProcessHandle process() {
        return ProcessHandle.current();
    }

    /** The policy the primary runs: how connections reach this worker. */
    public SchedulingPolicy schedulingPolicy() {
        return policy;
    }

    /** This worker's event loop: create servers on it, then {@code run()} it on the main thread. */
    public EventLoop loop() {
        return loop;
    }

    /** {@code cluster.worker.send(message)}: a 'message' for this worker in the primary. */
    public boolean send(Object message) {
        return port.send(message);
    }

    public boolean send(Object message, Handle handle) {
        return port.send(message, handle);
    }

    public boolean isConnected() {
        return port.connected();
    }

    /** Always false: a worker that can ask is alive. */
    public boolean isDead() {
        return false;
    }

    /** True once {@link #disconnect()} began here or the primary asked for it; null before. */
    public Boolean exitedAfterDisconnect() {
        return exitedAfterDisconnect;
    }

    /**
     * 'message' listeners run on the loop; the first one makes the channel keep the loop (and the JVM) alive until
     * it closes, as {@code process.on('message')} does in Node.
     */
    @Override
    public EventEmitter on(String event, Listener listener) {
        super.on(event, listener);
        if ("message".equals(event)) {
            forwardMessages();
        }
        return this;
    }

    private synchronized void forwardMessages() {
        if (!forwardingMessages) {
            forwardingMessages = true;
            Runnable ref = () -> channelRef = isConnected() ? loop.setInterval(() -> { }, EventLoop.TIMEOUT_MAX) : null;
            if (loop.isRunning() && !loop.isLoopThread()) {
                onLoop(ref);
            } else {
                ref.run();
            }
            port.onMessageWithHandle((message, handle) -> onLoop(() -> emit("message", message, handle)));
        }
    }

    /**
     * Node's {@code server.listen(port, host)} in a worker ({@code cluster._getServer}): asks the primary for the
     * socket ({@code queryServer}) and completes, on the loop, once {@code server} listens in whatever way the
     * policy says. The primary then emits {@code 'listening'}. Call it on the loop thread (or before the loop runs).
     * Fails with an {@link UncheckedIOException} (cause: a {@link BindException}) saying, as Node does,
     * {@code listen EADDRINUSE: ...} when the primary could not bind.
     */
    public CompletableFuture<ClusterServer> listen(HttpServer server, int port, String host) {
        CompletableFuture<ClusterServer> result = new CompletableFuture<>();
        int index = nextIndex.merge(host + ":" + port, 1, Integer::sum) - 1;
        Timer waiting = loop.setInterval(() -> { }, EventLoop.TIMEOUT_MAX); // the loop must not end before the answer
        boolean sent = messages.request(
                ClusterMessages.message("act", "queryServer", "address", host, "port", port, "index", index), null,
                (reply, handle) -> onLoop(() -> {
                    loop.clearInterval(waiting);
                    answered(reply, handle, server, result);
                }));
        if (!sent) {
            loop.clearInterval(waiting);
            result.completeExceptionally(new IllegalStateException("the channel to the primary is closed"));
        }
        return result;
    }

    private void answered(Map<?, ?> reply, Handle handle, HttpServer server, CompletableFuture<ClusterServer> result) {
        if (reply.get("errno") != null) {
            String message = String.valueOf(reply.get("error"));
            result.completeExceptionally(new UncheckedIOException(message, new BindException(message)));
            return;
        }
        String key = String.valueOf(reply.get("key"));
        Map<?, ?> sockname = (Map<?, ?>) reply.get("sockname");
        Address address = Address.of(String.valueOf(sockname.get("address")), ((Number) sockname.get("port")).intValue());
        ClusterServer bound;
        try {
            bound = ClusterServer.bind(this, key, server, address, handle, Boolean.TRUE.equals(reply.get("reusePort")));
        } catch (IOException e) {
            String message = ServerHandle.listenError(e, address.address(), address.port());
            result.completeExceptionally(new UncheckedIOException(message, e));
            return;
        }
        servers.put(key, bound);
        messages.send(ClusterMessages.message("act", "listening", "key", key, "address", address.address(),
                "port", address.port()), null);
        result.complete(bound);
        if (disconnecting) {
            bound.close(null); // disconnect() came while we waited for the primary
        }
    }

    /** What the primary says (Node's child.js onmessage): a connection to serve, or "disconnect". */
    private void internalMessage(Map<?, ?> message, Handle handle) {
        switch (String.valueOf(message.get("act"))) {
            case "newconn" -> onLoop(() -> connection(message, handle));
            case "disconnect" -> onLoop(() -> disconnect(true));
            default -> { }
        }
    }

    /**
     * A round-robin hand-off (Node's {@code onconnection}): answer first, then serve. Refused when the server is
     * gone or closing, or at its {@code maxConnections}; the primary then gives the connection to another worker.
     */
    private void connection(Map<?, ?> message, Handle handle) {
        ClusterServer server = servers.get(String.valueOf(message.get("key")));
        boolean accepted = server != null && server.accepts();
        messages.reply(message, null, "accepted", accepted);
        try {
            if (accepted) {
                server.serve(ForeignSelectorProvider.INSTANCE.adopt(handle.fd(), handle.fileDescriptor()));
            } else {
                handle.close(); // our copy only: the primary keeps its own and passes it on
            }
        } catch (IOException e) {
            try {
                handle.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /**
     * {@code cluster.worker.disconnect()} in the worker: close every server (no new connections; requests in flight
     * finish, keep-alive connections close after their current response), tell the primary this exit is wanted, then
     * close the channel. The process exits once its loop has nothing left. Callable from any thread.
     */
    public CurrentWorker disconnect() {
        onLoop(() -> disconnect(false));
        return this;
    }

    /**
     * Runs {@code task} on the loop, from the channel's threads. After the loop has finished and been closed there
     * is nothing left to do it for (the servers are gone): the task is dropped.
     */
    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the worker is on its way out
        }
    }

    /** Node's child.js {@code _disconnect(primaryInitiated)}. */
    private void disconnect(boolean primaryInitiated) {
        if (disconnecting) {
            return;
        }
        disconnecting = true;
        exitedAfterDisconnect = true;
        port.exitOnDisconnect(false); // the channel will close on purpose: do not exit before the requests are done
        int[] waiting = {1};
        Runnable closedOne = () -> {
            if (--waiting[0] > 0) {
                return;
            }
            if (primaryInitiated) {
                port.disconnect();
            } else {
                // Wait for the primary to know, so that its 'exit' reports exitedAfterDisconnect == true.
                messages.request(ClusterMessages.message("act", "exitedAfterDisconnect"), null,
                        (reply, none) -> port.disconnect());
            }
        };
        for (ClusterServer server : new ArrayList<>(servers.values())) {
            waiting[0]++;
            server.close(closedOne);
        }
        closedOne.run();
    }

    @Override
    public String toString() {
        return "CurrentWorker[" + id + ", pid " + ProcessHandle.current().pid() + ", " + policy.wireName() + "]";
    }
}
