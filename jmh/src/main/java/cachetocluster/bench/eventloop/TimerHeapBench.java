package cachetocluster.bench.eventloop;

import cachetocluster.eventloop.TimerHeap;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 03: the timer heap at 10 timers and at 100,000, and why cancel must not search.
 *
 * A busy server holds one timer per connection (the keep-alive timeout, the request timeout), so
 * the loop's heap holds tens of thousands of them. Each benchmark keeps the heap at exactly `size`
 * timers and does one step of a server's life on it:
 *
 *   fireAndReschedule   the timers phase: take the earliest timer (pollExpired), and schedule a new
 *                       one at that time plus a random delay (add). The classic "hold" model of
 *                       event-set benchmarks: the clock only moves forward, as loop time does.
 *                       O(log n): the removal sifts a leaf down from the root.
 *   cancelAndReschedule a request answered before its timeout: cancel a timer from the middle of
 *                       the heap (clearTimeout) and add a new one (the next request's). TimerHeap
 *                       keeps every entry's index, so cancel is a removal at a known place: O(log n).
 *   cancelAndRescheduleWithPriorityQueue
 *                       the same with java.util.PriorityQueue, the heap the JDK ships. Its
 *                       remove(Object) must first FIND the entry, a linear scan: O(n). It is the
 *                       wrong choice, and a tempting one, because it is right there; at 10 timers
 *                       nobody would notice.
 *
 * Read each row against `size`: the first two grow by a step per factor of ten (log n, plus cache
 * misses once the entries, about 40 bytes each and scattered over the heap, outgrow L2), the third
 * grows tenfold per factor of ten. At 100,000 timers that is the difference between a loop that
 * handles a request in microseconds and one that spends a hundred microseconds finding a timer.
 *
 * The inputs come from tables filled in @Setup (random delays, random victims), not from a random
 * generator inside the benchmark, so that what is measured is the heap and nothing else. The
 * tables are a power of two long, indexed with a mask.
 *
 * The heap is fixed and pre-touched (@Fork's jvmArgs): every operation allocates a timer entry, and
 * page faults on fresh heap would otherwise inflate the first seconds (HttpParseBench says more).
 *
 * On the course's 2-core VM (busy: load average 2 to 4; ns per operation, one fork, three to five
 * 500 ms iterations, several runs):
 *
 *         size   fireAndReschedule   cancelAndReschedule   ...WithPriorityQueue
 *           10             ~50                 ~50                   ~50
 *        1,000             ~85                 ~55                  ~370
 *      100,000            ~300                ~125         13,000 to 20,000
 *
 * Cancelling is cheaper than firing at 100,000: half the entries of a heap are leaves, so a random
 * victim usually sits near the bottom and moves a level or two, while firing always sifts from the
 * root to a leaf, a cache miss per level (each comparison reads a deadline out of an Entry object
 * somewhere on the heap). At size 10 most of the 50 ns is not the heap at all: it is allocating
 * the entry and G1's write barrier, paid when a long-lived array (the heap's, the table of entries)
 * gets a reference to a brand-new object; with -jvmArgsAppend -XX:+UseParallelGC, whose barrier is
 * a single card mark, the same row took about 27 ns.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar TimerHeapBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 *
 * The default sizes are three; the whole sweep:
 *
 *   java -jar jmh/target/benchmarks.jar TimerHeapBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms \
 *       -p size=10,100,1000,10000,100000
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class TimerHeapBench {

    /** Delays up to two minutes of loop time, in milliseconds: the range of a server's timeouts. */
    static final int MAX_DELAY_MS = 120_000;
    static final int TABLE = 1 << 16;
    static final Object CALLBACK = new Object();

    @Param({"10", "1000", "100000"})
    public int size;

    private TimerHeap<Object> heap;
    private TimerHeap.Entry<Object>[] scheduled;
    private PriorityQueue<Deadline> queue;
    private Deadline[] queued;
    private long[] delays;
    private int[] victims;
    private int next;

    /** What PriorityQueue holds: a deadline (equality is identity, which is what remove(Object) compares). */
    static final class Deadline implements Comparable<Deadline> {
        final long at;

        Deadline(long at) {
            this.at = at;
        }

        @Override
        public int compareTo(Deadline other) {
            return Long.compare(at, other.at);
        }
    }

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void fill() {
        SplittableRandom random = new SplittableRandom(42);
        delays = new long[TABLE];
        victims = new int[TABLE];
        for (int i = 0; i < TABLE; i++) {
            delays[i] = 1 + random.nextInt(MAX_DELAY_MS);
            victims[i] = random.nextInt(size);
        }
        heap = new TimerHeap<>();
        scheduled = (TimerHeap.Entry<Object>[]) new TimerHeap.Entry<?>[size];
        queue = new PriorityQueue<>(size);
        queued = new Deadline[size];
        for (int i = 0; i < size; i++) {
            long deadline = random.nextInt(MAX_DELAY_MS);
            scheduled[i] = heap.add(deadline, CALLBACK);
            queued[i] = new Deadline(deadline);
            queue.add(queued[i]);
        }
    }

    @Benchmark
    public Object fireAndReschedule() {
        long now = heap.peekDeadline();
        Object callback = heap.pollExpired(now);
        heap.add(now + delays[next++ & (TABLE - 1)], callback);
        return callback;
    }

    @Benchmark
    public boolean cancelAndReschedule() {
        int i = next++ & (TABLE - 1);
        int victim = victims[i];
        boolean cancelled = heap.cancel(scheduled[victim]);
        scheduled[victim] = heap.add(delays[i], CALLBACK);
        return cancelled;
    }

    @Benchmark
    public boolean cancelAndRescheduleWithPriorityQueue() {
        int i = next++ & (TABLE - 1);
        int victim = victims[i];
        boolean cancelled = queue.remove(queued[victim]);
        queued[victim] = new Deadline(delays[i]);
        queue.add(queued[victim]);
        return cancelled;
    }
}
