package cachetocluster.eventloop;

import java.util.Arrays;

/**
 * The timers of an event loop, kept in a binary min-heap ordered by deadline.
 *
 * <p>libuv keeps every {@code uv_timer_t} of a loop in one heap (src/heap-inl.h, src/timer.c): the loop
 * only ever needs the <em>earliest</em> deadline (to know how long the poll phase may sleep) and the timers
 * that are due now (to run them in the timers phase). A heap answers the first in O(1) and the second in
 * O(log n) per timer, where a sorted list would pay O(n) on every insert. Node's own JavaScript timers sit on
 * top of a single libuv timer, with lists per duration in a priority queue (lib/internal/timers.js); the idea
 * is the same.
 *
 * <p>Ties: two timers with the same deadline fire in the order they were added. libuv breaks ties with a
 * {@code start_id} counter; here each {@link Entry} gets a sequence number from {@code nextSequence}.
 * Without it a heap is not stable: {@code setTimeout(a, 5); setTimeout(b, 5)} could run b first.
 *
 * <p>Cancellation is an O(log n) removal from the middle of the heap, as libuv's {@code heap_remove} does:
 * every entry remembers its index in the array, so {@link #cancel} can move the last entry into the hole and
 * sift it up or down. The alternative, lazy deletion, only marks the entry and drops it when it reaches the
 * top; it is simpler but keeps cancelled timers in memory until their deadline, which hurts a server that
 * sets a 2-minute timeout per request and clears it a millisecond later.
 *
 * <p>Deadlines are plain longs in whatever unit the caller uses (the event loop uses milliseconds of loop
 * time, like libuv's {@code uv_now}). This class is not thread-safe: it belongs to the loop thread.
 *
 * <p>This is a lab 03 exercise: {@code exercises/cachetocluster/eventloop/TimerHeap.java} is the learner's
 * copy; {@code TimerHeapGradedTest} grades it.
 *
 * @param <T> what a timer carries (the event loop stores its {@link Timer} handles)
 */
public final class TimerHeap<T> {

    /** What {@link #peekDeadline()} answers when there is no timer: "never". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** One scheduled timer: its deadline, its tie-breaking sequence number, and where it sits in the heap. */
    public static final class Entry<T> {
        private final long deadline;
        private final long sequence;
        private final T value;
        /** Position in the heap array, or -1 once it has been polled or cancelled. */
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
            return "Entry[deadline=" + deadline + ", seq=" + sequence + ", " + value + "]";
        }
    }

    private Entry<T>[] heap = newArray(16);
    private int size;
    private long nextSequence;

    /** Schedules {@code value} at {@code deadline}; keep the entry to {@link #cancel} it. O(log n). */
    public Entry<T> add(long deadline, T value) {
        Entry<T> entry = new Entry<>(deadline, nextSequence++, value);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        place(entry, size++);
        siftUp(entry.index);
        return entry;
    }

    /**
     * Removes a scheduled entry. Returns false (and does nothing) if it already fired or was cancelled, so
     * {@code clearTimeout} twice, or on a timer that has run, is harmless, as in Node. O(log n).
     */
    public boolean cancel(Entry<T> entry) {
        int i = entry.index;
        if (i < 0 || i >= size || heap[i] != entry) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** The earliest deadline, or {@link #NO_DEADLINE} when the heap is empty. O(1). */
    public long peekDeadline() {
        return size == 0 ? NO_DEADLINE : heap[0].deadline;
    }

    /**
     * Removes and returns the earliest timer if it is due ({@code deadline <= now}), else null. The timers
     * phase calls this until it answers null. O(log n).
     */
    public T pollExpired(long now) {
        if (size == 0 || heap[0].deadline > now) {
            return null;
        }
        Entry<T> first = heap[0];
        removeAt(0);
        return first.value;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private void removeAt(int i) {
        Entry<T> removed = heap[i];
        Entry<T> last = heap[--size];
        heap[size] = null;
        removed.index = -1;
        if (last != removed) {
            // The last entry fills the hole; it may belong above (it is earlier than the hole's parent)
            // or below (later than one of the hole's children): only one of the two sifts will move it.
            place(last, i);
            siftUp(i);
            siftDown(last.index);
        }
    }

    private void siftUp(int i) {
        Entry<T> entry = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!earlier(entry, heap[parent])) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(entry, i);
    }

    private void siftDown(int i) {
        Entry<T> entry = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && earlier(heap[child + 1], heap[child])) {
                child++;
            }
            if (!earlier(heap[child], entry)) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(entry, i);
    }

    private void place(Entry<T> entry, int i) {
        heap[i] = entry;
        entry.index = i;
    }

    /** libuv's timer_less_than: by deadline, then by the order of scheduling. */
    private static boolean earlier(Entry<?> a, Entry<?> b) {
        return a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence;
    }

    @SuppressWarnings("unchecked")
    private static <T> Entry<T>[] newArray(int length) {
        return (Entry<T>[]) new Entry<?>[length];
    }
}
