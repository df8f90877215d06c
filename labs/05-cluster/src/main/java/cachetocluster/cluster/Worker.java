package cachetocluster.cluster;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.EventEmitter;
import cachetocluster.child.Handle;
import cachetocluster.child.Signal;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A worker, as the primary sees it: Node's {@code Worker} in the primary ({@code cluster.workers[id]}). Its
 * {@link #process()} is the lab 04 child; this object adds the cluster's view of it.
 *
 * <p>Events, all on the primary's event loop: {@code 'online'}, {@code 'listening' (address)}, {@code 'message'
 * (message, handle)}, {@code 'disconnect'}, {@code 'exit' (code, signal)}, {@code 'error' (error)}. The cluster
 * emits each of them too, with the worker first ({@code cluster.on('exit', (worker, code, signal) => ...)}).
 *
 * <p>Its state goes {@code NONE -> ONLINE -> LISTENING -> DISCONNECTED -> DEAD} (Node's {@code worker.state}).
 */
public final class Worker extends EventEmitter {

    /** Node's internal {@code worker.state}. */
    public enum State { NONE, ONLINE, LISTENING, DISCONNECTED, DEAD }

    private final Primary cluster;
    private final int id;
    private final ChildProcess process;
    final ClusterMessages messages;
    private volatile State state = State.NONE;
    /** null until it is known (Node's undefined), then true once disconnect() was asked for, false at an unasked exit. */
    private volatile Boolean exitedAfterDisconnect;

    Worker(Primary cluster, int id, ChildProcess process) {
        this.cluster = cluster;
        this.id = id;
        this.process = process;
        this.messages = new ClusterMessages(process);
    }

    /** The worker's id: 1 for the first fork of this primary, then 2, 3... never reused (also after a respawn). */
    public int id() {
        return id;
    }

    /** The child process under it (lab 04): its pid, its exit code, its stdout when silent. */
    public ChildProcess process() {
        return process;
    }

    public State state() {
        return state;
    }

    void state(State next) {
        state = next;
    }

    /** {@code worker.send(message)}: a 'message' in the worker ({@code Cluster.worker().on("message", ...)}). */
    public boolean send(Object message) {
        return process.send(message);
    }

    /** {@code worker.send(message, handle)}. */
    public boolean send(Object message, Handle handle) {
        return process.send(message, handle);
    }

    /**
     * {@code worker.kill()}: SIGTERM, at once. Like Node since PR #34312, this is {@code process.kill()}: no
     * graceful disconnect first (that was Node's old behaviour, and a worker with a blocked loop could not be killed).
     * Use {@link #disconnect()} for a graceful end.
     */
    public boolean kill() {
        return process.kill(Signal.SIGTERM);
    }

    /** {@code worker.kill(signal)}. */
    public boolean kill(Signal signal) {
        return process.kill(signal);
    }

    /**
     * {@code worker.disconnect()} in the primary: asks the worker to close its servers (no new connections reach
     * it; requests in flight finish, keep-alive connections close after their current response), then close its
     * channel; it exits once nothing is left to do. It is given no more connections from now on, and its exit will
     * report {@code exitedAfterDisconnect() == true}. Returns this worker.
     */
    public Worker disconnect() {
        cluster.disconnect(this);
        return this;
    }

    /** {@code worker.isConnected()}: its channel to the primary is open. */
    public boolean isConnected() {
        return process.connected();
    }

    /** {@code worker.isDead()}: its process has exited. */
    public boolean isDead() {
        return process.exitCode() != null || process.signalCode() != null;
    }

    /**
     * {@code worker.exitedAfterDisconnect}: null while unknown, true if it exited because {@link #disconnect()} (here
     * or in the worker) asked it to, false if it exited otherwise (a crash, a kill). A respawner respawns only on false.
     */
    public Boolean exitedAfterDisconnect() {
        return exitedAfterDisconnect;
    }

    void exitedAfterDisconnect(Boolean value) {
        exitedAfterDisconnect = value;
    }

    // ---- typed listeners (the events are emitted on the primary's loop) -------------------------------------

    public Worker onOnline(Runnable listener) {
        on("online", args -> listener.run());
        return this;
    }

    public Worker onListening(Consumer<Address> listener) {
        on("listening", args -> listener.accept((Address) args[0]));
        return this;
    }

    public Worker onMessage(BiConsumer<Object, Handle> listener) {
        on("message", args -> listener.accept(args[0], (Handle) args[1]));
        return this;
    }

    public Worker onDisconnect(Runnable listener) {
        on("disconnect", args -> listener.run());
        return this;
    }

    /** {@code (code, signal)}: one of them null. */
    public Worker onExit(BiConsumer<Integer, String> listener) {
        on("exit", args -> listener.accept((Integer) args[0], (String) args[1]));
        return this;
    }

    @Override
    public String toString() {
        return "Worker[" + id + ", pid " + process.pid() + ", " + state + "]";
    }
}
