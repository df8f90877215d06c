package cachetocluster.cluster;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.EventEmitter;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Handle;
import cachetocluster.eventloop.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The cluster, seen from the primary: Node's {@code cluster} module when {@code cluster.isPrimary}
 * (lib/internal/cluster/primary.js). {@link Cluster} is the static face of one of these; tests make their own.
 *
 * <p>The primary runs an event loop of its own (lab 03) on a daemon thread: the workers' events arrive there, the
 * round-robin primary accepts there, and your listeners run there, one at a time, as in a Node primary. Do not block
 * in a listener: while it runs, no connection is handed to any worker. The methods may be called from any thread.
 *
 * <p>Events (all on that loop): {@code 'fork' (worker)}, {@code 'online' (worker)}, {@code 'listening' (worker,
 * address)}, {@code 'message' (worker, message, handle)}, {@code 'disconnect' (worker)}, {@code 'exit' (worker,
 * code, signal)}, {@code 'setup' (settings)}.
 *
 * <p>A worker is a lab 04 child running {@link WorkerMain}, which starts the worker's side of the cluster
 * ({@link CurrentWorker}) and then your {@code exec} class. Its environment says who it is: {@code C2C_UNIQUE_ID}
 * (Node's {@code NODE_UNIQUE_ID}) and the scheduling policy. It exits when its channel to the primary closes
 * unasked (the primary died, even by SIGKILL), as Node's workers do.
 */
public final class Primary extends EventEmitter {

    /** The worker's id in its environment: Node's NODE_UNIQUE_ID. */
    public static final String UNIQUE_ID_ENV = "C2C_UNIQUE_ID";

    private final EventLoop loop = EventLoop.create();
    private final Object lock = new Object();
    private SchedulingPolicy policy;
    private Settings settings = Settings.defaults();
    private boolean setUp;
    private int lastId;
    /** Workers that have not both disconnected and exited, by id. Guarded by {@code lock}. */
    private final Map<Integer, Worker> workers = new TreeMap<>();
    /** By {@code address:port:index}. Loop thread only. */
    private final Map<String, ServerHandle> handles = new HashMap<>();
    private final List<Runnable> whenAllGone = new ArrayList<>();

    /** A primary whose scheduling policy comes from this process's environment (RR if it names none). */
    public Primary() {
        this(System.getenv());
    }

    /**
     * A primary whose scheduling policy comes from {@code env}'s {@code C2C_CLUSTER_SCHED_POLICY}.
     *
     * @throws IllegalArgumentException if that names no policy
     */
    public Primary(Map<String, String> env) {
        this.policy = SchedulingPolicy.fromEnvironment(env);
        // Node's primary would exit on an exception in a listener (and its workers with it); one bad listener
        // should not take the whole cluster down here: print it and carry on.
        loop.setUncaughtExceptionHandler((error, callback, l) -> {
            System.err.println("cluster primary: uncaught exception in " + callback + ":");
            error.printStackTrace();
        });
        loop.setInterval(() -> { }, EventLoop.TIMEOUT_MAX); // keeps the loop running while this primary exists
        Thread.ofPlatform().name("c2c-cluster-primary").daemon(true).start(loop::run);
    }

    // ---- settings ---------------------------------------------------------------------------------------------

    /** {@code cluster.schedulingPolicy}. */
    public SchedulingPolicy schedulingPolicy() {
        synchronized (lock) {
            return policy;
        }
    }

    /**
     * Sets {@code cluster.schedulingPolicy}, before the first fork or setupPrimary.
     *
     * @throws IllegalStateException afterwards (Node silently keeps the old one; that hides the mistake)
     */
    public Primary schedulingPolicy(SchedulingPolicy next) {
        synchronized (lock) {
            if (setUp && next != policy) {
                throw new IllegalStateException("the scheduling policy is " + policy.wireName()
                        + ": it is frozen at the first fork() or setupPrimary()");
            }
            policy = next;
        }
        return this;
    }

    /** {@code cluster.settings}: Node's defaults merged with every setupPrimary so far. */
    public Settings settings() {
        synchronized (lock) {
            return settings;
        }
    }

    /**
     * {@code cluster.setupPrimary(settings)}: merges the fields {@code changes} sets into the settings, for later
     * forks. The first call (or fork) freezes the scheduling policy. Emits {@code 'setup' (settings)}.
     */
    public Primary setupPrimary(Settings changes) {
        Settings now;
        synchronized (lock) {
            setUp = true;
            settings = settings.mergedWith(changes);
            now = settings;
        }
        loop.execute(() -> emit("setup", now));
        return this;
    }

    // ---- workers ----------------------------------------------------------------------------------------------

    /** {@code cluster.fork()}. */
    public Worker fork() {
        return fork(Map.of());
    }

    /**
     * {@code cluster.fork(env)}: starts a worker with this process's environment plus {@code env} plus its id. The
     * settings in force now apply. {@code 'fork'} is emitted on the loop.
     *
     * @throws UncheckedIOException if the JVM could not be started
     * @throws IllegalStateException if no exec class is set and none could be found
     */
    public Worker fork(Map<String, String> env) {
        Settings s;
        int id;
        SchedulingPolicy p;
        synchronized (lock) {
            setUp = true;
            s = settings;
            p = policy;
            if (s.exec() == null) {
                throw new IllegalStateException("no worker class: call setupPrimary(Settings.none().exec(...)) first");
            }
            id = ++lastId;
        }
        Map<String, String> extra = new LinkedHashMap<>(env);
        extra.put(UNIQUE_ID_ENV, String.valueOf(id));
        extra.put(SchedulingPolicy.ENV, p.wireName()); // the worker picks its loop's selector by it (CurrentWorker)
        ForkOptions options = new ForkOptions().execArgv(s.execArgv()).silent(s.silent()).extraEnv(extra)
                .executor(loop).exitOnParentDisconnect(true);
        List<String> args = new ArrayList<>();
        args.add(s.exec());
        args.addAll(s.args());
        ChildProcess child;
        try {
            child = ChildProcesses.fork(WorkerMain.class.getName(), args, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + id + ": " + e.getMessage(), e);
        }
        Worker worker = new Worker(this, id, child);
        synchronized (lock) {
            workers.put(id, worker);
        }
        // The child's events run on the loop; it takes a JVM start (hundreds of ms) before the first can come, and
        // from the loop's own thread (a respawn in an 'exit' listener) none can run before we return.
        worker.messages.listen((message, handle) -> internalMessage(worker, message, handle));
        child.onMessageWithHandle((message, handle) -> {
            worker.emit("message", message, handle);
            emit("message", worker, message, handle);
        });
        child.onError(error -> worker.emit("error", error));
        child.onDisconnect(() -> workerDisconnected(worker));
        child.onExit((code, signal) -> workerExited(worker, code, signal));
        loop.execute(() -> emit("fork", worker));
        return worker;
    }

    /** {@code cluster.workers}: the workers not both disconnected and exited, by id (a copy). */
    public Map<Integer, Worker> workers() {
        synchronized (lock) {
            return new TreeMap<>(workers);
        }
    }

    /**
     * {@code cluster.disconnect(callback)}: {@link Worker#disconnect()} for every connected worker; {@code callback}
     * (may be null) runs on the loop once every worker is gone.
     */
    public void disconnect(Runnable callback) {
        loop.execute(() -> {
            if (callback != null) {
                whenAllGone.add(callback);
            }
            for (Worker worker : workers().values()) {
                if (worker.isConnected()) {
                    disconnectOnLoop(worker);
                }
            }
            checkAllGone();
        });
    }

    /**
     * Connections each worker accepted and refused from the round-robin primary, by worker id (empty in the other
     * modes: the kernel hands them out there, the primary never sees them). A copy, taken on the loop.
     */
    public Map<Integer, HandoffCounts> roundRobinCounts() {
        if (loop.isLoopThread()) {
            return countsOnLoop();
        }
        CompletableFuture<Map<Integer, HandoffCounts>> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(countsOnLoop()));
        return result.join();
    }

    private Map<Integer, HandoffCounts> countsOnLoop() {
        Map<Integer, HandoffCounts> all = new TreeMap<>();
        for (ServerHandle h : handles.values()) {
            if (h instanceof RoundRobinHandle rr) {
                rr.counts().forEach((id, c) -> all.merge(id, c,
                        HandoffCounts::plus));
            }
        }
        return all;
    }

    /** The primary's event loop, for timers ({@code loop().setTimeout(...)} from a listener) and posting work. */
    public EventLoop loop() {
        return loop;
    }

    // ---- typed listeners ----------------------------------------------------------------------------------------

    public Primary onFork(Consumer<Worker> listener) {
        on("fork", args -> listener.accept((Worker) args[0]));
        return this;
    }

    public Primary onOnline(Consumer<Worker> listener) {
        on("online", args -> listener.accept((Worker) args[0]));
        return this;
    }

    public Primary onListening(BiConsumer<Worker, Address> listener) {
        on("listening", args -> listener.accept((Worker) args[0], (Address) args[1]));
        return this;
    }

    public Primary onMessage(BiConsumer<Worker, Object> listener) {
        on("message", args -> listener.accept((Worker) args[0], args[1]));
        return this;
    }

    public Primary onDisconnect(Consumer<Worker> listener) {
        on("disconnect", args -> listener.accept((Worker) args[0]));
        return this;
    }

    /** {@code 'exit' (worker, code, signal)}. */
    @FunctionalInterface
    public interface ExitListener {
        void exited(Worker worker, Integer code, String signal);
    }

    public Primary onExit(ExitListener listener) {
        on("exit", args -> listener.exited((Worker) args[0], (Integer) args[1], (String) args[2]));
        return this;
    }

    // ---- what the workers say (lib/internal/cluster/primary.js onmessage) -------------------------------------

    private void internalMessage(Worker worker, Map<?, ?> message, Handle handle) {
        switch (String.valueOf(message.get("act"))) {
            case "online" -> {
                worker.state(Worker.State.ONLINE);
                worker.emit("online");
                emit("online", worker);
            }
            case "queryServer" -> queryServer(worker, message);
            case "listening" -> {
                Address address = Address.of(String.valueOf(message.get("address")), ((Number) message.get("port")).intValue());
                worker.state(Worker.State.LISTENING);
                worker.emit("listening", address);
                emit("listening", worker, address);
            }
            case "exitedAfterDisconnect" -> {
                worker.exitedAfterDisconnect(true);
                worker.messages.reply(message, null);
            }
            case "close" -> {
                String key = String.valueOf(message.get("key"));
                ServerHandle h = handles.get(key);
                if (h != null && h.remove(worker)) {
                    handles.remove(key);
                }
            }
            default -> { } // an act of a newer version: ignore, as Node does
        }
    }

    /**
     * A worker's server wants to listen: find or make the handle for {@code address:port:index} and answer with
     * what the policy gives (a key to receive connections on, the listening socket itself, or "bind it yourself").
     */
    private void queryServer(Worker worker, Map<?, ?> message) {
        if (Boolean.TRUE.equals(worker.exitedAfterDisconnect())) {
            return; // it is on its way out
        }
        String address = String.valueOf(message.get("address"));
        int port = ((Number) message.get("port")).intValue();
        String key = address + ":" + port + ":" + message.get("index");
        SchedulingPolicy p = schedulingPolicy();
        ServerHandle h = handles.get(key);
        if (h == null) {
            try {
                h = ServerHandle.open(p, loop, key, address, port);
            } catch (IOException | RuntimeException e) {
                IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
                worker.messages.reply(message, null, "key", key, "errno", ServerHandle.errno(io),
                        "error", ServerHandle.listenError(io, address, port));
                return; // no handle kept: the next worker tries again (Node: "gives other workers a chance to retry")
            }
            handles.put(key, h);
        }
        h.add(worker, (fields, socket) -> {
            Map<String, Object> reply = ClusterMessages.message("ack", message.get("seq"), "key", key, "policy", p.wireName());
            reply.putAll(fields);
            worker.messages.send(reply, socket);
        });
    }

    // ---- worker life cycle ------------------------------------------------------------------------------------

    void disconnect(Worker worker) {
        loop.execute(() -> disconnectOnLoop(worker));
    }

    /** Node's primary-side {@code worker.disconnect()}: mark it, tell it, and hand it nothing more. */
    private void disconnectOnLoop(Worker worker) {
        if (!worker.isConnected()) {
            return;
        }
        worker.exitedAfterDisconnect(true);
        worker.messages.send(ClusterMessages.message("act", "disconnect"), null);
        removeHandlesFor(worker, false);
    }

    private void workerDisconnected(Worker worker) {
        removeHandlesFor(worker, true); // it can accept nothing any more
        worker.state(Worker.State.DISCONNECTED);
        worker.emit("disconnect");
        emit("disconnect", worker);
    }

    /** Lab 04 emits 'exit' after 'disconnect', always: by now the worker has both disconnected and exited. */
    private void workerExited(Worker worker, Integer code, String signal) {
        removeHandlesFor(worker, true);
        synchronized (lock) {
            workers.remove(worker.id()); // before the events, as in Node
        }
        worker.exitedAfterDisconnect(Boolean.TRUE.equals(worker.exitedAfterDisconnect()));
        worker.state(Worker.State.DEAD);
        worker.emit("exit", code, signal);
        emit("exit", worker, code, signal);
        checkAllGone();
    }

    private void removeHandlesFor(Worker worker, boolean gone) {
        for (Iterator<ServerHandle> it = handles.values().iterator(); it.hasNext(); ) {
            ServerHandle h = it.next();
            if (gone ? h.abandon(worker) : h.remove(worker)) {
                it.remove();
            }
        }
    }

    private void checkAllGone() {
        boolean none;
        synchronized (lock) {
            none = workers.isEmpty();
        }
        if (none && !whenAllGone.isEmpty()) {
            List<Runnable> callbacks = new ArrayList<>(whenAllGone);
            whenAllGone.clear();
            callbacks.forEach(Runnable::run);
        }
    }

    @Override
    public String toString() {
        return "Primary[" + schedulingPolicy().wireName() + ", workers " + workers().keySet() + "]";
    }
}
