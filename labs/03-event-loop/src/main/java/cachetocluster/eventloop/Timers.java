package cachetocluster.eventloop;

/**
 * The timers of one loop and the bookkeeping of the timers phase, on a {@link TimerHeap}.
 *
 * <p>A one-shot timer stops being active when it is taken off the heap, before its callback runs (so it no longer
 * keeps the loop alive, and clearing it inside its own callback is harmless). An interval stays active and goes
 * back on the heap after its callback, at loop time plus its delay, unless the callback cleared or refreshed it:
 * Node's {@code listOnTimeout} does the same. Since loop time is cached for the turn, an interval whose callback
 * took longer than the interval is due again at once on the next turn; it does not run twice to catch up.
 */
final class Timers {

    private final TimerHeap<Timer> heap = new TimerHeap<>();

    void schedule(Timer timer, long now) {
        timer.entry = heap.add(now + timer.delay(), timer);
        timer.activate();
    }

    void cancel(Timer timer) {
        if (timer.entry != null) {
            heap.cancel(timer.entry);
            timer.entry = null;
        }
        timer.deactivate();
    }

    /** The earliest deadline, or {@link TimerHeap#NO_DEADLINE}. */
    long nextDeadline() {
        return heap.peekDeadline();
    }

    /** The next timer due at {@code now}, taken off the heap, or null. */
    Timer nextDue(long now) {
        Timer timer = heap.pollExpired(now);
        if (timer != null) {
            timer.entry = null;
            if (!timer.isRepeating()) {
                timer.deactivate();
            }
        }
        return timer;
    }

    /** After the callback: an interval that is still active and not rescheduled goes back on the heap. */
    void ran(Timer timer, long now) {
        if (timer.isRepeating() && timer.isActive() && timer.entry == null) {
            timer.entry = heap.add(now + timer.delay(), timer);
        }
    }
}
