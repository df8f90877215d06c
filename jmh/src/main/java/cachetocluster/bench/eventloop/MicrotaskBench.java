package cachetocluster.bench.eventloop;

import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.MicrotaskQueue;
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
 * Lab 03: a microtask is a queue, not a turn; that is why it is cheap, and why it can starve the loop.
 *
 * process.nextTick(fn) and queueMicrotask(fn) (and every promise's .then) never wait for a phase:
 * the queues are drained as soon as the running callback returns, and work queued during the drain
 * runs in the same drain. So a microtask costs an add to an ArrayDeque, a poll, and a call. No
 * clock, no poll, no system call. Each benchmark runs a CHAIN of them, each one queueing the next
 * (what an await loop or a .then chain does), CHAIN per invocation, so the score is ns per microtask:
 *
 *   microtaskChain   queueMicrotask on the lab's MicrotaskQueue alone, one drain().
 *   nextTickChain    the same with nextTick: the other queue, the same cost. The difference
 *                    between the two is ORDER (every nextTick before any microtask), not speed.
 *   onTheLoop        loop.queueMicrotask inside a loop callback: the same chain as a program sees
 *                    it, one setImmediate to start it, one loop.run() around it. Adds the loop's
 *                    thread check per call and the drain rule of EventLoop (after every callback).
 *
 * Compare with LoopTurnBench: a turn is about a microsecond, a microtask a few nanoseconds, some
 * hundreds of times less. That ratio is both lessons of the lab's MicrotaskQueue comment. Cheap:
 * promise-heavy code does not pay a turn per await. Dangerous: a chain that keeps queueing itself
 * never lets the drain end, and the loop never gets back to timers or I/O (starvation), while
 * the same chain written with setImmediate yields at every link.
 *
 * On the course's 2-core VM (busy: load average 2 to 4; ns per microtask, one fork, three to five
 * 500 ms iterations, several runs):
 *
 *     microtaskChain    3.5 to 5.5 ns
 *     nextTickChain     5.2 to 6.2 ns
 *     onTheLoop         6.7 to 12 ns
 *
 * Node 20 on the same machine: a chain of a million took 70 to 160 ns per queueMicrotask and 35 to
 * 65 ns per process.nextTick. V8 does more per microtask (a JavaScript function call from C++, a
 * context check), and nextTick's queue is JavaScript's own array-backed FIFO. The script, for
 * whoever wants the Node figures on their machine (run it with `node FILE.js`):
 *
 *     const N = 1e6;
 *     function chain(name, schedule, n) {
 *       let left = n; const t0 = process.hrtime.bigint();
 *       return new Promise(done => {
 *         const step = () => { if (--left > 0) schedule(step); else {
 *           console.log(name, Number(process.hrtime.bigint() - t0) / n, 'ns each'); done(); } };
 *         schedule(step);
 *       });
 *     }
 *     (async () => {
 *       await chain('setImmediate', setImmediate, N);
 *       await chain('queueMicrotask', queueMicrotask, N);
 *       await chain('process.nextTick', process.nextTick, N);
 *       await chain('setTimeout(0)', f => setTimeout(f, 0), 2000);
 *       const t0 = process.hrtime.bigint();
 *       for (let i = 0; i < N; i++) clearTimeout(setTimeout(() => {}, 120000));
 *       console.log('set+clearTimeout', Number(process.hrtime.bigint() - t0) / N, 'ns each');
 *     })();
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar MicrotaskBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "--sun-misc-unsafe-memory-access=allow")
@State(Scope.Thread)
public class MicrotaskBench {

    static final int CHAIN = 1_000;

    private MicrotaskQueue queue;
    private EventLoop loop;
    private int left;
    private final Runnable microtask = this::microtask;
    private final Runnable tick = this::tick;
    private final Runnable loopMicrotask = this::loopMicrotask;
    private final Runnable startLoopChain = () -> loop.queueMicrotask(loopMicrotask);

    @Setup(Level.Trial)
    public void open() {
        queue = new MicrotaskQueue();
        loop = EventLoop.create();
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    private void microtask() {
        if (--left > 0) {
            queue.queueMicrotask(microtask);
        }
    }

    private void tick() {
        if (--left > 0) {
            queue.nextTick(tick);
        }
    }

    private void loopMicrotask() {
        if (--left > 0) {
            loop.queueMicrotask(loopMicrotask);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public int microtaskChain() {
        left = CHAIN;
        queue.queueMicrotask(microtask);
        return queue.drain();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public int nextTickChain() {
        left = CHAIN;
        queue.nextTick(tick);
        return queue.drain();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public int onTheLoop() {
        left = CHAIN;
        loop.setImmediate(startLoopChain);
        loop.run(); // one turn: the immediate runs, then the whole chain in the drain after it
        return left;
    }
}
