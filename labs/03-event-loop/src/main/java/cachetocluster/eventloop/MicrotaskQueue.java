package cachetocluster.eventloop;

import java.util.ArrayDeque;

/**
 * Node's two "run this before anything else" queues and the rule that drains them.
 *
 * <p>{@code process.nextTick(fn)} and {@code queueMicrotask(fn)} (and every resolved promise's
 * {@code .then}) do not wait for a phase of the event loop: they run as soon as the current callback returns,
 * before the loop looks at timers or I/O again. Node drains them after every single callback (since Node 11;
 * before that, after a whole phase). The drain rule is {@code processTicksAndRejections} in
 * lib/internal/process/task_queues.js:
 *
 * <pre>
 * do {
 *   while (tock = queue.shift()) run(tock)    // every nextTick, including ones queued meanwhile
 *   runMicrotasks()                           // V8 drains every microtask, including new ones
 * } while (!queue.isEmpty())                  // a microtask may have queued a nextTick
 * </pre>
 *
 * <p>So nextTick callbacks go first, then all microtasks, then (if a microtask queued one) the nextTicks
 * again. Work queued while draining runs in the same drain: that is what makes these queues "micro".
 *
 * <p>There is no bound, on purpose: Node has none. A microtask that queues itself again (or a nextTick that
 * calls nextTick) keeps {@link #drain()} from returning, and the loop never reaches its timers or I/O: the
 * loop is starved, not blocked by one long callback but by an endless chain of short ones. Node's docs warn
 * about exactly this for {@code process.nextTick}. The tests show it with a counter that stops the chain.
 *
 * <p>A task that throws stops the drain; the exception goes to the caller (the event loop routes it to its
 * uncaught-exception handler) and the tasks behind it stay queued for the next {@link #drain()}, as in Node,
 * where the remaining ticks run after an {@code 'uncaughtException'} listener returns.
 *
 * <p>Loop thread only. This is a lab 03 exercise: {@code exercises/cachetocluster/eventloop/MicrotaskQueue.java}
 * is the learner's copy; {@code MicrotaskQueueGradedTest} grades it.
 */
public final class MicrotaskQueue {

    private final ArrayDeque<Runnable> ticks = new ArrayDeque<>();
    private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>();

    /** {@code process.nextTick(task)}: runs before any microtask of the same drain. */
    public void nextTick(Runnable task) {
        ticks.add(requireTask(task));
    }

    /** {@code queueMicrotask(task)}, also what a resolved promise does with its {@code .then} callbacks. */
    public void queueMicrotask(Runnable task) {
        microtasks.add(requireTask(task));
    }

    /** True when neither queue holds a task. */
    public boolean isEmpty() {
        return ticks.isEmpty() && microtasks.isEmpty();
    }

    /** How many tasks wait in both queues together. */
    public int size() {
        return ticks.size() + microtasks.size();
    }

    /**
     * Runs tasks until both queues are empty: all nextTicks, then all microtasks, and again while a microtask
     * has queued a nextTick. Returns how many tasks ran. A task that throws ends the drain with its exception;
     * the tasks behind it stay queued.
     */
    public int drain() {
        int ran = 0;
        do {
            Runnable task;
            while ((task = ticks.poll()) != null) {
                ran++;
                task.run();
            }
            while ((task = microtasks.poll()) != null) {
                ran++;
                task.run();
            }
        } while (!ticks.isEmpty());
        return ran;
    }

    private static Runnable requireTask(Runnable task) {
        if (task == null) {
            // Node throws ERR_INVALID_ARG_TYPE at the call, not later when the queue is drained: the stack
            // trace then points at the code that passed null.
            throw new NullPointerException("task is null");
        }
        return task;
    }
}
