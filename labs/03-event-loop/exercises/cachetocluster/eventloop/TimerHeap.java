package cachetocluster.eventloop;

/**
 * Lab 03 exercise: the timers of an event loop, in a binary min-heap ordered by deadline.
 *
 * <p>The loop needs two answers, fast, on every turn: when is the earliest timer due (that is how long the poll
 * phase may sleep), and which timers are due now (the timers phase runs them). libuv keeps its timers in a
 * binary min-heap (src/heap-inl.h): the earliest is at index 0, and adding or removing costs O(log n). Write
 * that heap, by hand, in an array: the parent of index i is (i - 1) / 2, its children are 2i + 1 and 2i + 2.
 * (No java.util.PriorityQueue: it cannot remove from the middle in O(log n), and writing the sift-up and
 * sift-down is the point.)
 *
 * <p>Read the lab sheet, labs/03-event-loop/README.md, section "Tasks". Grade with ./workbook grade 3;
 * stuck? ./workbook hint 3.
 *
 * @param <T> what a timer carries (the event loop stores its Timer handles)
 */
public final class TimerHeap<T> {

    /** What peekDeadline() answers when there is no timer: "never". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** One scheduled timer. Given: you may add fields, but keep the public methods. */
    public static final class Entry<T> {
        private final long deadline;
        private final long sequence;
        private final T value;
        /** Where the entry sits in the heap array (-1 when it is not in the heap): what makes cancel O(log n). */
        private int index = -1;

        private Entry(long deadline, long sequence, T value) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.value = value;
        }

        public long deadline() {
            return deadline;
        }

        public T value() {
            return value;
        }

        @Override
        public String toString() {
            return "Entry[deadline=" + deadline + ", seq=" + sequence + ", " + value + ", index=" + index + "]";
        }
    }

    /**
     * Schedules {@code value} at {@code deadline} and returns its entry (the caller keeps it to cancel).
     */
    public Entry<T> add(long deadline, T value) {
        // TODO task 1: store the entry in an array that grows, sift it up. Two timers with the same deadline must
        //              come out in the order they were added: give each entry the next number of a counter
        //              (the `sequence` field) and compare by deadline, then by sequence (libuv's timer_less_than).
        throw new UnsupportedOperationException("TODO: TimerHeap.add, lab 03 task 1 (labs/03-event-loop/README.md)");
    }

    /**
     * Removes and returns the value of the earliest entry if it is due (deadline <= now); null otherwise.
     */
    public T pollExpired(long now) {
        // TODO task 1: look at the root; if it is due, move the last entry to the root and sift it down.
        throw new UnsupportedOperationException("TODO: TimerHeap.pollExpired, lab 03 task 1 (labs/03-event-loop/README.md)");
    }

    /** The earliest deadline, or NO_DEADLINE when the heap is empty. Does not remove anything. */
    public long peekDeadline() {
        // TODO task 1
        throw new UnsupportedOperationException("TODO: TimerHeap.peekDeadline, lab 03 task 1 (labs/03-event-loop/README.md)");
    }

    /**
     * Removes a scheduled entry and returns true; returns false if it already fired, was cancelled, or belongs to
     * another heap (clearTimeout twice is harmless in Node).
     */
    public boolean cancel(Entry<T> entry) {
        // TODO task 2: O(log n): find the entry through its index, put the last entry in the hole, then sift it up
        //              or down (only one of the two will move it). Lazy deletion (mark it, skip it when it reaches
        //              the top) also passes if size() and peekDeadline() ignore cancelled entries; say in a
        //              comment which you chose and why.
        throw new UnsupportedOperationException("TODO: TimerHeap.cancel, lab 03 task 2 (labs/03-event-loop/README.md)");
    }

    /** How many timers are scheduled (cancelled ones do not count). */
    public int size() {
        // TODO task 1
        throw new UnsupportedOperationException("TODO: TimerHeap.size, lab 03 task 1 (labs/03-event-loop/README.md)");
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
