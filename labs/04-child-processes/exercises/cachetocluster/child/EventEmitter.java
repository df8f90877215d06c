package cachetocluster.child;

import java.util.List;

/**
 * Lab 04 exercise: Node's {@code EventEmitter} (lib/events.js), the base of {@code ChildProcess}, {@code process},
 * sockets and servers. A listener is any function of the event's arguments; {@code emit} calls the listeners of one
 * event synchronously, in the order they were added.
 *
 * <p>The rules that matter, all Node's:
 * <ul>
 *   <li>{@code emit} calls a <em>copy</em> of the listener list: a listener removed during an emit still runs in that
 *       emit (not in the next); one added during an emit runs from the next one on.</li>
 *   <li>A {@code once} listener is removed before it is called and runs at most once, even if the same event is
 *       emitted again from inside it or from another thread.</li>
 *   <li>{@code off} removes at most one registration: the most recently added one of that listener (a once
 *       listener is found by the function you gave, not by its wrapper).</li>
 *   <li>{@code 'error'} is special: emitted with no listener, it <em>throws</em>. In Node the throw reaches the top
 *       of the event loop and the process dies ("Unhandled 'error' event"). In Java the exception propagates out of
 *       {@code emit} to whoever emitted: a RuntimeException or Error argument is thrown as it is (Node throws the
 *       Error itself), anything else wrapped in an {@link UnhandledErrorException} (Node's ERR_UNHANDLED_ERROR).</li>
 *   <li>A listener that throws stops the emit: later listeners do not run, and the exception reaches the caller.</li>
 * </ul>
 *
 * <p>Threads: in Node one thread does everything; here a child's events come from reader threads while your code adds
 * listeners from others. All methods may be called from any thread: the map is guarded by a lock, and listeners are
 * called <em>outside</em> it (a listener may add or remove listeners without deadlocking).
 *
 * <p>Read the lab sheet, labs/04-child-processes/README.md, section "Tasks". Grade with ./workbook grade 4.
 */
public class EventEmitter {

    /** A listener: the arguments are the event's (Node passes them as separate parameters). */
    @FunctionalInterface
    public interface Listener {
        void call(Object... args);
    }

    // TODO: your fields. Suggestion: a Map from event name to a List of registrations, where a registration holds
    //       the listener as given and, for once, an AtomicBoolean "fired"; and one lock object guarding the map.

    /** {@code emitter.on(event, listener)}: adds the listener at the end. The same listener twice runs twice. */
    public EventEmitter on(String event, Listener listener) {
        // TODO task 4 (null event or listener: NullPointerException)
        throw new UnsupportedOperationException("TODO: EventEmitter.on, lab 04 task 4 (labs/04-child-processes/README.md)");
    }

    /** Node's alias of {@link #on}. Given. */
    public final EventEmitter addListener(String event, Listener listener) {
        return on(event, listener);
    }

    /** {@code emitter.once(event, listener)}: the listener runs on the next emit only, and is removed before. */
    public EventEmitter once(String event, Listener listener) {
        // TODO task 5: register it marked "once"; listeners(event) and off(event, listener) see the listener you were
        //              given, not a wrapper.
        throw new UnsupportedOperationException("TODO: EventEmitter.once, lab 04 task 5 (labs/04-child-processes/README.md)");
    }

    /** {@code emitter.off(event, listener)}: removes the most recently added registration of it, if any. */
    public EventEmitter off(String event, Listener listener) {
        // TODO task 4: search from the end, remove one, compare with == (a lambda has no useful equals).
        throw new UnsupportedOperationException("TODO: EventEmitter.off, lab 04 task 4 (labs/04-child-processes/README.md)");
    }

    /** Node's alias of {@link #off}. Given. */
    public final EventEmitter removeListener(String event, Listener listener) {
        return off(event, listener);
    }

    /** Removes every listener of {@code event}. */
    public EventEmitter removeAllListeners(String event) {
        // TODO task 4
        throw new UnsupportedOperationException("TODO: EventEmitter.removeAllListeners, lab 04 task 4 (labs/04-child-processes/README.md)");
    }

    /**
     * Calls the listeners of {@code event} with {@code args}, in order; returns true if there were any.
     *
     * @throws RuntimeException for {@code 'error'} with no listener (see the class comment), or whatever a listener
     *         threw
     */
    public boolean emit(String event, Object... args) {
        // TODO task 4: copy the list under the lock, call the copy outside it.
        // TODO task 5: a once registration: only the first emit to flip its "fired" flag (compareAndSet) removes it
        //              and calls it.
        // TODO task 6: "error" with no listener throws (see the class comment); Error is rethrown as it is too.
        throw new UnsupportedOperationException("TODO: EventEmitter.emit, lab 04 task 4-6 (labs/04-child-processes/README.md)");
    }

    /** How many registrations {@code event} has (once listeners included until they fire). */
    public int listenerCount(String event) {
        // TODO task 4
        throw new UnsupportedOperationException("TODO: EventEmitter.listenerCount, lab 04 task 4 (labs/04-child-processes/README.md)");
    }

    /** The listeners of {@code event} in order, as they were given (not wrapped). */
    public List<Listener> listeners(String event) {
        // TODO task 4
        throw new UnsupportedOperationException("TODO: EventEmitter.listeners, lab 04 task 4 (labs/04-child-processes/README.md)");
    }
}
