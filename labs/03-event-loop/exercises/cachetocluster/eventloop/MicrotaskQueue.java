package cachetocluster.eventloop;

/**
 * Lab 03 exercise: Node's process.nextTick queue, its microtask queue, and the rule that drains them.
 *
 * <p>After every callback the event loop calls {@link #drain()}. Node's rule (processTicksAndRejections in
 * lib/internal/process/task_queues.js): run every nextTick callback, then every microtask, and start again while
 * a microtask has queued a nextTick. Tasks queued while draining run in the same drain. In Node:
 *
 * <pre>
 * queueMicrotask(() => { log('m1'); process.nextTick(() => log('t2')); queueMicrotask(() => log('m2')) });
 * process.nextTick(() => log('t1'));
 * // prints t1 m1 m2 t2
 * </pre>
 *
 * <p>Do not add a limit on how many tasks one drain runs: Node has none, and the lab shows what that means (a
 * microtask that re-queues itself starves the loop).
 *
 * <p>Read the lab sheet, labs/03-event-loop/README.md, section "Tasks". Grade with ./workbook grade 3;
 * stuck? ./workbook hint 3.
 */
public final class MicrotaskQueue {

    /** process.nextTick(task). A null task throws NullPointerException at once. */
    public void nextTick(Runnable task) {
        // TODO task 4: two FIFO queues (java.util.ArrayDeque), one for ticks, one for microtasks.
        // TODO task 6: reject null here, so the stack trace points at the caller, not at drain().
        throw new UnsupportedOperationException("TODO: MicrotaskQueue.nextTick, lab 03 task 4 (labs/03-event-loop/README.md)");
    }

    /** queueMicrotask(task); also what a resolved promise does with its .then callbacks. */
    public void queueMicrotask(Runnable task) {
        // TODO task 4 (and task 6: null)
        throw new UnsupportedOperationException("TODO: MicrotaskQueue.queueMicrotask, lab 03 task 4 (labs/03-event-loop/README.md)");
    }

    /** True when neither queue holds a task. */
    public boolean isEmpty() {
        // TODO task 4
        throw new UnsupportedOperationException("TODO: MicrotaskQueue.isEmpty, lab 03 task 4 (labs/03-event-loop/README.md)");
    }

    /** How many tasks wait in both queues together. */
    public int size() {
        // TODO task 4
        throw new UnsupportedOperationException("TODO: MicrotaskQueue.size, lab 03 task 4 (labs/03-event-loop/README.md)");
    }

    /**
     * Runs tasks until both queues are empty and returns how many ran.
     */
    public int drain() {
        // TODO task 4: all ticks first, then all microtasks.
        // TODO task 5: tasks queued while draining run in this same drain; a tick queued by a microtask runs after
        //              the microtasks, then the drain goes round again.
        // TODO task 6: a task that throws ends the drain with its exception, and the tasks behind it stay queued:
        //              take a task off its queue before running it.
        throw new UnsupportedOperationException("TODO: MicrotaskQueue.drain, lab 03 tasks 4-6 (labs/03-event-loop/README.md)");
    }
}
