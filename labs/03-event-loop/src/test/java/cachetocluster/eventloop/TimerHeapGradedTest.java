package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graded tests of the TimerHeap exercise (lab 03). Task 1: order; task 2: cancellation; task 3: a long
 * random run against a sorted list. Messages name the calls made, so a failure reads like
 * {@code [pollExpired(10) after add(30,"c"), add(10,"a"), add(20,"b")] expected: "a" but was: "c"}.
 */
@DisplayName("Lab 03: TimerHeap")
class TimerHeapGradedTest {

    @Tag("task:1")
    @DisplayName("Timers fire in deadline order, ties in insertion order")
    @Test
    void timersFireInDeadlineOrderTiesInInsertionOrder() {
        TimerHeap<String> heap = new TimerHeap<>();
        heap.add(30, "c");
        heap.add(10, "a1");
        heap.add(20, "b");
        heap.add(10, "a2");
        heap.add(5, "first");
        heap.add(10, "a3");
        assertThat(drain(heap, 100))
                .as("pollExpired(100) until null, after add(30,c) add(10,a1) add(20,b) add(10,a2) add(5,first) add(10,a3)")
                .containsExactly("first", "a1", "a2", "a3", "b", "c");
        assertThat(heap.isEmpty()).as("isEmpty() after every timer was polled").isTrue();
    }

    @Tag("task:1")
    @DisplayName("pollExpired returns only timers whose deadline is not after now")
    @Test
    void pollExpiredReturnsOnlyDueTimers() {
        TimerHeap<String> heap = new TimerHeap<>();
        heap.add(10, "at 10");
        heap.add(20, "at 20");
        assertThat(heap.pollExpired(9)).as("pollExpired(9) with timers at 10 and 20").isNull();
        assertThat(heap.pollExpired(10)).as("pollExpired(10): a deadline equal to now is due").isEqualTo("at 10");
        assertThat(heap.pollExpired(10)).as("pollExpired(10) again: 20 is not due yet").isNull();
        assertThat(heap.size()).as("size() with one timer left").isEqualTo(1);
        assertThat(heap.pollExpired(25)).as("pollExpired(25)").isEqualTo("at 20");
        assertThat(heap.pollExpired(Long.MAX_VALUE)).as("pollExpired on an empty heap").isNull();
    }

    @Tag("task:1")
    @DisplayName("peekDeadline answers the earliest deadline, NO_DEADLINE when empty")
    @Test
    void peekDeadlineIsTheEarliest() {
        TimerHeap<String> heap = new TimerHeap<>();
        assertThat(heap.peekDeadline()).as("peekDeadline() of an empty heap").isEqualTo(TimerHeap.NO_DEADLINE);
        heap.add(50, "x");
        heap.add(40, "y");
        heap.add(60, "z");
        assertThat(heap.peekDeadline()).as("peekDeadline() after add(50), add(40), add(60)").isEqualTo(40);
        assertThat(heap.size()).as("size() after three adds (peek must not remove)").isEqualTo(3);
        heap.pollExpired(45);
        assertThat(heap.peekDeadline()).as("peekDeadline() after the 40 was polled").isEqualTo(50);
    }

    @Tag("task:1")
    @DisplayName("Entries tell their deadline and value")
    @Test
    void entriesTellTheirDeadlineAndValue() {
        TimerHeap<String> heap = new TimerHeap<>();
        TimerHeap.Entry<String> entry = heap.add(42, "answer");
        assertThat(entry.deadline()).as("add(42, \"answer\").deadline()").isEqualTo(42);
        assertThat(entry.value()).as("add(42, \"answer\").value()").isEqualTo("answer");
    }

    @Tag("task:2")
    @DisplayName("A cancelled timer never fires, and the others keep their order")
    @Test
    void cancelledTimersNeverFire() {
        TimerHeap<String> heap = new TimerHeap<>();
        List<TimerHeap.Entry<String>> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(heap.add(100 - i * 10, "t" + i)); // t9 at 10 ... t0 at 100
        }
        assertThat(heap.cancel(entries.get(9))).as("cancel(t9), the earliest (the root of the heap)").isTrue();
        assertThat(heap.cancel(entries.get(4))).as("cancel(t4), one in the middle").isTrue();
        assertThat(heap.cancel(entries.get(0))).as("cancel(t0), the latest").isTrue();
        assertThat(heap.size()).as("size() after 10 adds and 3 cancels").isEqualTo(7);
        assertThat(heap.peekDeadline()).as("peekDeadline() once t9 (at 10) is cancelled").isEqualTo(20);
        assertThat(drain(heap, 1000)).as("what fires after cancelling t9, t4 and t0")
                .containsExactly("t8", "t7", "t6", "t5", "t3", "t2", "t1");
    }

    @Tag("task:2")
    @DisplayName("Cancelling twice, or after the timer fired, returns false and changes nothing")
    @Test
    void cancellingTwiceOrLateIsHarmless() {
        TimerHeap<String> heap = new TimerHeap<>();
        TimerHeap.Entry<String> a = heap.add(10, "a");
        TimerHeap.Entry<String> b = heap.add(20, "b");
        heap.add(30, "c");
        assertThat(heap.cancel(b)).as("cancel(b) the first time").isTrue();
        assertThat(heap.cancel(b)).as("cancel(b) the second time").isFalse();
        assertThat(heap.pollExpired(10)).as("pollExpired(10)").isEqualTo("a");
        assertThat(heap.cancel(a)).as("cancel(a) after a fired").isFalse();
        assertThat(heap.size()).as("size() with only c left").isEqualTo(1);
        assertThat(drain(heap, 100)).as("what is left").containsExactly("c");
    }

    @Tag("task:2")
    @DisplayName("An entry from another heap cannot cancel a timer of this one")
    @Test
    void entriesBelongToTheirHeap() {
        TimerHeap<String> heap = new TimerHeap<>();
        TimerHeap<String> other = new TimerHeap<>();
        heap.add(10, "mine");
        TimerHeap.Entry<String> foreign = other.add(10, "theirs");
        assertThat(heap.cancel(foreign)).as("heap.cancel(an entry added to another heap)").isFalse();
        assertThat(heap.size()).as("size() of the heap afterwards").isEqualTo(1);
        assertThat(other.size()).as("size() of the other heap afterwards").isEqualTo(1);
    }

    @Tag("task:3")
    @DisplayName("Random adds, cancels and polls agree with a sorted list")
    @ParameterizedTest(quoteTextArguments = false, name = "Random adds, cancels and polls agree with a sorted list (seed {0})")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void agreesWithASortedModel(long seed) {
        Random random = new Random(seed);
        TimerHeap<Long> heap = new TimerHeap<>();
        // The model: (deadline, insertion number) pairs in a sorted set. Deadlines repeat a lot on purpose.
        TreeSet<long[]> model = new TreeSet<>(Comparator.<long[]>comparingLong(t -> t[0]).thenComparingLong(t -> t[1]));
        Map<Long, long[]> byNumber = new HashMap<>();
        List<TimerHeap.Entry<Long>> entries = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            String call;
            if (action < 5) {
                long deadline = now + random.nextInt(50);
                long number = entries.size();
                entries.add(heap.add(deadline, number));
                long[] timer = {deadline, number};
                model.add(timer);
                byNumber.put(number, timer);
                call = "add(" + deadline + ", " + number + ")";
            } else if (action < 7 && !entries.isEmpty()) {
                // Any entry ever added: live ones, and ones that already fired or were cancelled.
                TimerHeap.Entry<Long> victim = entries.get(random.nextInt(entries.size()));
                long[] timer = byNumber.remove(victim.value());
                boolean expected = timer != null && model.remove(timer);
                call = "cancel(entry of timer " + victim.value() + ")";
                check(seed, step, call, heap.cancel(victim), expected);
            } else {
                now += random.nextInt(5);
                long[] first = model.isEmpty() ? null : model.first();
                Long expected = first != null && first[0] <= now ? first[1] : null;
                if (expected != null) {
                    model.pollFirst();
                    byNumber.remove(expected);
                }
                call = "pollExpired(" + now + ")";
                check(seed, step, call, heap.pollExpired(now), expected);
            }
            check(seed, step, "size() after " + call, heap.size(), model.size());
            check(seed, step, "peekDeadline() after " + call, heap.peekDeadline(),
                    model.isEmpty() ? TimerHeap.NO_DEADLINE : model.first()[0]);
        }
    }

    /** A plain comparison first: 20,000 steps of AssertJ descriptions would dominate the run time. */
    private static void check(long seed, int step, String call, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            assertThat(actual).as("seed %d, step %d: %s", seed, step, call).isEqualTo(expected);
        }
    }

    private static <T> List<T> drain(TimerHeap<T> heap, long now) {
        List<T> out = new ArrayList<>();
        for (T t; (t = heap.pollExpired(now)) != null; ) {
            out.add(t);
            if (out.size() > 1_000) {
                throw new AssertionError("pollExpired(" + now + ") keeps answering: more than 1000 timers came out");
            }
        }
        return out;
    }
}
