package cachetocluster.bench.eventloop;

import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.Timer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 03: a timer costs two very different things, the bookkeeping and the wait.
 *
 * "Yield to the event loop and come back" is written two ways in Node, and they are not the same:
 *
 *   yieldWithSetTimeoutZero   setTimeout(fn, 0). Node clamps every delay below 1 ms to 1 ms (and so
 *                             does EventLoop.setTimeout), so this is "come back in a millisecond or
 *                             more": the poll phase sleeps until the deadline, epoll_wait's timeout
 *                             is in whole milliseconds, and loop time is cached in whole
 *                             milliseconds too. One timer, one loop.run(), per invocation.
 *   yieldWithSetImmediate     setImmediate(fn): "come back after one look at I/O", one turn
 *                             (LoopTurnBench), about a thousand times sooner.
 *
 * That pair is the wrong/right lesson: setTimeout(fn, 0) to break up work makes a loop that could do
 * a thousand slices a millisecond do one. (Browsers are worse: after five nested levels they clamp
 * to 4 ms.) The millisecond is a wait, not work: the CPU is free meanwhile, which is why the score
 * of the first is in milliseconds while the process is idle.
 *
 * And what a timer costs when nobody waits for it:
 *
 *   setAndClear               clearTimeout(setTimeout(fn, 120_000)), inside a loop callback: the
 *                             per-request timeout every server sets when a request arrives and
 *                             clears when it is answered. A Timer object, a heap entry, a sift up
 *                             and a removal: O(log n) bookkeeping on the loop's TimerHeap (here
 *                             with an empty heap; TimerHeapBench varies n). PAIRS pairs per
 *                             invocation, one loop turn for all of them.
 *
 * The heap is fixed and pre-touched (@Fork's jvmArgs): every operation allocates a timer entry, and
 * page faults on fresh heap would otherwise inflate the first seconds (HttpParseBench says more).
 *
 * On the course's 2-core VM (busy: load average 2 to 4; ns per operation, one fork, three to five
 * 500 ms iterations, several runs):
 *
 *     yieldWithSetTimeoutZero   1,130,000 to 1,240,000 ns   a millisecond and a little: the clamp,
 *                                                          then the kernel's wake-up
 *     yieldWithSetImmediate         1,430 to 1,700 ns       one turn
 *     setAndClear                      15 to 19 ns          bookkeeping only
 *
 * Node 20 on the same machine: a setTimeout(0) chain took 1,120,000 to 1,210,000 ns per timer, a
 * setImmediate chain 2,600 to 2,800 ns, and clearTimeout(setTimeout(f, 120000)) 300 to 370 ns (a
 * Timeout object, a linked list per duration in a priority queue, and the libuv timer to re-arm;
 * MicrotaskBench's comment has the script). The wait is the kernel's and the same for both; the
 * bookkeeping is where a runtime shows.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar cachetocluster.bench.eventloop.TimerBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 *
 * (the package name keeps the pattern from also matching TimerHeapBench).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class TimerBench {

    static final int PAIRS = 1_000;
    /** Node's default server.timeout was 120 s: a deadline that never comes during the benchmark. */
    static final long REQUEST_TIMEOUT_MS = 120_000;

    private EventLoop loop;
    private int fired;
    private final Runnable fire = () -> fired++;
    private final Runnable setAndClearPairs = this::setAndClearPairs;

    @Setup(Level.Trial)
    public void open() {
        loop = EventLoop.create();
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    @Benchmark
    public int yieldWithSetTimeoutZero() {
        loop.setTimeout(fire, 0);
        loop.run(); // sleeps in the poll phase until the timer is due, runs it, and returns: nothing else is alive
        return fired;
    }

    @Benchmark
    public int yieldWithSetImmediate() {
        loop.setImmediate(fire);
        loop.run();
        return fired;
    }

    private void setAndClearPairs() {
        for (int i = 0; i < PAIRS; i++) {
            Timer timeout = loop.setTimeout(fire, REQUEST_TIMEOUT_MS);
            loop.clearTimeout(timeout);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public int setAndClear() {
        // Inside a callback, as in a server: setTimeout then uses the turn's cached loop time. Outside
        // run() it would read the clock for every timer.
        loop.setImmediate(setAndClearPairs);
        loop.run();
        return fired;
    }
}
