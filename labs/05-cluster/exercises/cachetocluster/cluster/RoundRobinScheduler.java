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
 * plain numbers. {@link RoundRobinHandle} does the sending and calls these methods with what comes back: once you
 * pass, the round-robin cluster (./workbook run 5 --mine) hands connections out with YOUR decisions.
 *
 * <p>Workers are their cluster ids; a connection is whatever the caller uses for one (the primary: a file
 * descriptor). The state is four things, already declared below:
 * <ul>
 *   <li><b>workers</b>: those listening on this port, in the order they joined;</li>
 *   <li><b>free</b>: a FIFO of workers with no hand-off in flight and nothing handed to them yet;</li>
 *   <li><b>pending</b>: a FIFO of accepted connections no worker has been given yet;</li>
 *   <li><b>in flight</b>: for each worker, the one connection handed to it that it has not answered yet.</li>
 * </ul>
 * A worker has at most <em>one</em> hand-off in flight: the next one waits for its answer ("accepted" or "refused").
 * That is the "built-in smarts to avoid overloading a worker" of the Node docs. And because a worker is free only
 * while nothing is pending, at most one of {@code free} and {@code pending} is non-empty at any time.
 *
 * <p>Every method returns the hand-offs to make now, in order (often none, at most two). Two private helpers carry
 * almost all of it, and Node has the same two ({@code distribute} and {@code handoff}): write them first.
 *
 * <p>Not thread-safe: the primary calls it from its event loop only.
 *
 * <p>Read the lab sheet, labs/05-cluster/README.md, section "Exercises". Grade with ./workbook grade 5.
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
        // TODO task 1: workers.add(worker) returns false if it was there: IllegalStateException. Then handoff(worker, out).
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.addWorker, lab 05 task 1 (labs/05-cluster/README.md)");
    }

    /** A new connection was accepted (Node's {@code distribute}): it joins the queue, and the first free worker gets it. */
    public List<Handoff<C>> connection(C connection) {
        // TODO task 1: append to pending, then distribute(out). (Task 2 needs nothing more here: with no free worker
        //              the connection simply stays in pending, in order.)
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.connection, lab 05 task 1 (labs/05-cluster/README.md)");
    }

    /**
     * {@code worker} accepted the connection handed to it: it is handed the next pending one, or becomes free.
     *
     * @throws IllegalStateException if it had nothing in flight
     */
    public List<Handoff<C>> accepted(int worker) {
        // TODO task 1: takeInFlight(worker), then handoff(worker, out): the oldest pending one, or the back of the free queue.
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.accepted, lab 05 task 1 (labs/05-cluster/README.md)");
    }

    /**
     * {@code worker} refused the connection handed to it: the connection goes back to the head of the queue and to
     * the first free worker, if any; then {@code worker} is handed the next pending connection, or becomes free.
     *
     * @throws IllegalStateException if it had nothing in flight
     */
    public List<Handoff<C>> refused(int worker) {
        // TODO task 3: take the connection back from in flight and put it at the HEAD of pending (it has waited
        //              longest); distribute(out) gives it to a free worker if there is one; then handoff(worker, out).
        //              The order matters: first the refused connection finds a home, then the refuser gets the next.
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.refused, lab 05 task 3 (labs/05-cluster/README.md)");
    }

    /**
     * {@code worker} stops listening here (it closed its server, disconnected, or died): it gets nothing more. A
     * hand-off already in flight to it stays in flight: its answer may still come ({@link #accepted}, {@link #refused}),
     * or the caller learns it never will ({@link #abandon}). Removing a worker that is not here does nothing.
     */
    public void removeWorker(int worker) {
        // TODO task 4: out of workers and out of the free queue; leave inFlight alone (its answer can still come, and
        //              handoff must then not give it anything new: that is why handoff checks workers first).
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.removeWorker, lab 05 task 4 (labs/05-cluster/README.md)");
    }

    /**
     * {@code worker} can no longer answer (its channel closed): returns the connection it left unanswered, if any,
     * for the caller to close its copy of.
     */
    public Optional<C> abandon(int worker) {
        // TODO task 4: removeWorker, then remove (and return) what it had in flight.
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.abandon, lab 05 task 4 (labs/05-cluster/README.md)");
    }

    /** The pending connections, oldest first, removed from the queue (when the last worker has gone). */
    public List<C> drainPending() {
        // TODO task 4: a copy of pending, then clear it.
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.drainPending, lab 05 task 4 (labs/05-cluster/README.md)");
    }

    /** The workers listening here, in the order they joined. Given. */
    public List<Integer> workers() {
        return List.copyOf(workers);
    }

    /** The free queue, first in line first. Given. */
    public List<Integer> freeWorkers() {
        return List.copyOf(free);
    }

    /** How many accepted connections wait for a worker. Given. */
    public int pendingCount() {
        return pending.size();
    }

    /** The connection handed to {@code worker} and not answered yet, if any. Given. */
    public Optional<C> inFlight(int worker) {
        return Optional.ofNullable(inFlight.get(worker));
    }

    /** Gives the first free worker the first pending connection, if there are both. */
    private void distribute(List<Handoff<C>> out) {
        // TODO task 1: if pending and free are both non-empty, handoff(free.pollFirst(), out).
    }

    /** {@code worker} is ready: the oldest pending connection is handed to it, or it joins the free queue. */
    private void handoff(int worker, List<Handoff<C>> out) {
        // TODO task 1: if worker is no longer in workers, do nothing (Node: "Worker is closing (or has closed) the
        //              server"). Else poll the oldest pending connection: none? the worker goes to the BACK of free.
        //              One? record it in inFlight and add new Handoff<>(worker, connection) to out.
    }

    /** Removes and returns what {@code worker} had in flight; IllegalStateException if nothing. */
    private C takeInFlight(int worker) {
        // TODO task 1: inFlight.remove(worker); null means the worker answered a hand-off it never got.
        throw new UnsupportedOperationException("TODO: RoundRobinScheduler.takeInFlight, lab 05 task 1 (labs/05-cluster/README.md)");
    }

    @Override
    public String toString() {
        return "RoundRobinScheduler[workers " + workers + ", free " + free + ", pending " + pending.size()
                + ", in flight " + inFlight.keySet() + "]";
    }
}
