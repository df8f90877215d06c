package cachetocluster.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lab 05 exercise: who gets the next connection. The decisions of Node's {@code RoundRobinHandle}
 * (lib/internal/cluster/round_robin_handle.js) without the sockets and the messages, so that they can be tested with
 * plain numbers. {@link RoundRobinHandle} does the sending and calls these methods with what comes back.
 *
 * <p>Workers are their cluster ids; a connection is whatever the caller uses for one (the primary: a file
 * descriptor). The state is four things:
 * <ul>
 *   <li><b>workers</b>: those listening on this port, in the order they joined;</li>
 *   <li><b>free</b>: a FIFO of workers with no hand-off in flight and nothing handed to them yet;</li>
 *   <li><b>pending</b>: a FIFO of accepted connections no worker has been given yet;</li>
 *   <li><b>in flight</b>: for each worker, the one connection handed to it that it has not answered yet.</li>
 * </ul>
 * A worker has at most <em>one</em> hand-off in flight: the next one waits for its answer ("accepted" or "refused").
 * That is the "built-in smarts to avoid overloading a worker" of the Node docs: a worker that is busy answers late,
 * so it is handed less. And because a worker is free only while nothing is pending, at most one of {@code free} and
 * {@code pending} is non-empty at any time.
 *
 * <p>Every method returns the hand-offs to make now, in order. A worker refuses a connection when it is closing its
 * server (or is at its {@code maxConnections}): the connection goes back to the <em>head</em> of the queue (it has
 * waited longest; Node appends it instead) and on to the next free worker, if there is one; the refusing worker is
 * then handed the next connection, as in Node. With no other worker free that next connection can be the one it
 * just refused: like Node, the two bounce until someone else is free or the refuser leaves.
 *
 * <p>Not thread-safe: the primary calls it from its event loop only.
 *
 * <p>Read the lab sheet, labs/05-cluster/README.md, section "Tasks". Grade with ./workbook grade 5.
 *
 * @param <C> what a connection is to the caller
 */
public final class RoundRobinScheduler<C> {

    /** Give {@code connection} to {@code worker} now. Given. */
    public record Handoff<C>(int worker, C connection) {}

    private final Set<Integer> workers = new LinkedHashSet<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final ArrayDeque<C> pending = new ArrayDeque<>();
    private final Map<Integer, C> inFlight = new HashMap<>();

    /**
     * A worker starts listening on this port (Node's {@code add}): it is handed the oldest pending connection, or
     * waits at the end of the free queue.
     *
     * @throws IllegalStateException if it is already here
     */
    public List<Handoff<C>> addWorker(int worker) {
        if (!workers.add(worker)) {
            throw new IllegalStateException("worker " + worker + " is already scheduled");
        }
        List<Handoff<C>> out = new ArrayList<>();
        handoff(worker, out);
        return out;
    }

    /** A new connection was accepted (Node's {@code distribute}): it joins the queue, and the first free worker gets it. */
    public List<Handoff<C>> connection(C connection) {
        pending.addLast(connection);
        List<Handoff<C>> out = new ArrayList<>();
        distribute(out);
        return out;
    }

    /**
     * {@code worker} accepted the connection handed to it: it is handed the next pending one, or becomes free.
     *
     * @throws IllegalStateException if it had nothing in flight
     */
    public List<Handoff<C>> accepted(int worker) {
        takeInFlight(worker);
        List<Handoff<C>> out = new ArrayList<>();
        handoff(worker, out);
        return out;
    }

    /**
     * {@code worker} refused the connection handed to it: the connection goes back to the head of the queue and to
     * the first free worker, if any; then {@code worker} is handed the next pending connection, or becomes free.
     *
     * @throws IllegalStateException if it had nothing in flight
     */
    public List<Handoff<C>> refused(int worker) {
        C connection = takeInFlight(worker);
        pending.addFirst(connection);
        List<Handoff<C>> out = new ArrayList<>();
        distribute(out);
        handoff(worker, out);
        return out;
    }

    /**
     * {@code worker} stops listening here (it closed its server, disconnected, or died): it gets nothing more. A
     * hand-off already in flight to it stays in flight: its answer may still come ({@link #accepted}, {@link #refused}),
     * or the caller learns it never will ({@link #abandon}). Removing a worker that is not here does nothing.
     */
    public void removeWorker(int worker) {
        workers.remove(worker);
        free.remove(worker);
    }

    /**
     * {@code worker} can no longer answer (its channel closed): returns the connection it left unanswered, if any,
     * for the caller to close its copy of.
     */
    public Optional<C> abandon(int worker) {
        removeWorker(worker);
        return Optional.ofNullable(inFlight.remove(worker));
    }

    /** The pending connections, oldest first, removed from the queue (when the last worker has gone). */
    public List<C> drainPending() {
        List<C> drained = new ArrayList<>(pending);
        pending.clear();
        return drained;
    }

    /** The workers listening here, in the order they joined. */
    public List<Integer> workers() {
        return List.copyOf(workers);
    }

    /** The free queue, first in line first. */
    public List<Integer> freeWorkers() {
        return List.copyOf(free);
    }

    /** How many accepted connections wait for a worker. */
    public int pendingCount() {
        return pending.size();
    }

    /** The connection handed to {@code worker} and not answered yet, if any. */
    public Optional<C> inFlight(int worker) {
        return Optional.ofNullable(inFlight.get(worker));
    }

    /** Gives the first free worker the first pending connection, if there are both. */
    private void distribute(List<Handoff<C>> out) {
        if (!pending.isEmpty() && !free.isEmpty()) {
            handoff(free.pollFirst(), out);
        }
    }

    /** {@code worker} is ready: the oldest pending connection is handed to it, or it joins the free queue. */
    private void handoff(int worker, List<Handoff<C>> out) {
        if (!workers.contains(worker)) {
            return; // it closed its server meanwhile (Node: "Worker is closing (or has closed) the server")
        }
        C next = pending.pollFirst();
        if (next == null) {
            free.addLast(worker);
            return;
        }
        inFlight.put(worker, next);
        out.add(new Handoff<>(worker, next));
    }

    private C takeInFlight(int worker) {
        C connection = inFlight.remove(worker);
        if (connection == null) {
            throw new IllegalStateException("worker " + worker + " answered, but nothing was handed to it");
        }
        return connection;
    }

    @Override
    public String toString() {
        return "RoundRobinScheduler[workers " + workers + ", free " + free + ", pending " + pending.size()
                + ", in flight " + inFlight.keySet() + "]";
    }
}
