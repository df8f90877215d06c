package cachetocluster.child;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** One registration; for once, {@code fired} makes "at most once" hold under reentrant and concurrent emits. */
    private record Registration(Listener listener, AtomicBoolean fired) {
        boolean once() {
            return fired != null;
        }
    }

    private final Object lock = new Object();
    private final Map<String, List<Registration>> listeners = new HashMap<>();

    /** {@code emitter.on(event, listener)}: adds the listener at the end. The same listener twice runs twice. */
    public EventEmitter on(String event, Listener listener) {
        return add(event, new Registration(requireListener(listener), null));
    }

    /** Node's alias of {@link #on}. */
    public final EventEmitter addListener(String event, Listener listener) {
        return on(event, listener);
    }

    /** {@code emitter.once(event, listener)}: the listener runs on the next emit only, and is removed before. */
    public EventEmitter once(String event, Listener listener) {
        return add(event, new Registration(requireListener(listener), new AtomicBoolean()));
    }

    /** {@code emitter.off(event, listener)}: removes the most recently added registration of it, if any. */
    public EventEmitter off(String event, Listener listener) {
        synchronized (lock) {
            List<Registration> list = listeners.get(event);
            if (list != null) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i).listener() == listener) {
                        list.remove(i);
                        break;
                    }
                }
                if (list.isEmpty()) {
                    listeners.remove(event);
                }
            }
        }
        return this;
    }

    /** Node's alias of {@link #off}. */
    public final EventEmitter removeListener(String event, Listener listener) {
        return off(event, listener);
    }

    /** Removes every listener of {@code event}. */
    public EventEmitter removeAllListeners(String event) {
        synchronized (lock) {
            listeners.remove(event);
        }
        return this;
    }

    /**
     * Calls the listeners of {@code event} with {@code args}, in order; returns true if there were any.
     *
     * @throws RuntimeException for {@code 'error'} with no listener (see the class comment), or whatever a listener
     *         threw
     */
    public boolean emit(String event, Object... args) {
        List<Registration> snapshot;
        synchronized (lock) {
            List<Registration> list = listeners.get(event);
            snapshot = list == null ? List.of() : List.copyOf(list);
        }
        if (snapshot.isEmpty()) {
            if ("error".equals(event)) {
                throw unhandled(args.length > 0 ? args[0] : null);
            }
            return false;
        }
        for (Registration registration : snapshot) {
            if (registration.once()) {
                if (!registration.fired().compareAndSet(false, true)) {
                    continue; // already fired in a reentrant or concurrent emit
                }
                removeRegistration(event, registration);
            }
            registration.listener().call(args);
        }
        return true;
    }

    /** How many registrations {@code event} has (once listeners included until they fire). */
    public int listenerCount(String event) {
        synchronized (lock) {
            List<Registration> list = listeners.get(event);
            return list == null ? 0 : list.size();
        }
    }

    /** The listeners of {@code event} in order, as they were given (not wrapped). */
    public List<Listener> listeners(String event) {
        synchronized (lock) {
            List<Registration> list = listeners.get(event);
            List<Listener> result = new ArrayList<>();
            if (list != null) {
                list.forEach(r -> result.add(r.listener()));
            }
            return result;
        }
    }

    private EventEmitter add(String event, Registration registration) {
        synchronized (lock) {
            listeners.computeIfAbsent(requireEvent(event), e -> new ArrayList<>()).add(registration);
        }
        return this;
    }

    private void removeRegistration(String event, Registration registration) {
        synchronized (lock) {
            List<Registration> list = listeners.get(event);
            if (list != null) {
                list.removeIf(r -> r == registration);
                if (list.isEmpty()) {
                    listeners.remove(event);
                }
            }
        }
    }

    /** What an unhandled 'error' throws: the error itself if it can be thrown unchecked, else a wrapper. */
    private static RuntimeException unhandled(Object error) {
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new UnhandledErrorException(error);
    }

    private static String requireEvent(String event) {
        if (event == null) {
            throw new NullPointerException("event name is null");
        }
        return event;
    }

    private static Listener requireListener(Listener listener) {
        if (listener == null) {
            throw new NullPointerException("listener is null"); // Node: ERR_INVALID_ARG_TYPE
        }
        return listener;
    }
}
