package cachetocluster.bench.eventloop;

import cachetocluster.eventloop.EventLoop;
import java.io.IOException;
import java.nio.channels.Selector;
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
 * Lab 03: what one turn of the event loop costs, and where the time goes.
 *
 * A turn is the whole round of phases: timers, pending callbacks, poll, check, close. The cheapest
 * way to make the loop go round is a setImmediate chain: each callback queues the next one, and an
 * immediate queued during the check phase waits for the NEXT check phase (the loop yields to I/O
 * first), so every callback of the chain costs exactly one turn:
 *
 *     function step() { if (--left > 0) setImmediate(step); }
 *
 * One invocation runs TURNS of them, inside one loop.run(), which returns by itself when the chain
 * ends (no immediate left, nothing else alive): @OperationsPerInvocation(TURNS) makes the score
 * nanoseconds per turn. The loop is the lab's EventLoop, unchanged.
 *
 *   immediateChain   one turn: read the clock, look at the timer heap, poll, run one immediate.
 *   selectNow        the poll phase alone: Selector.selectNow() on an empty selector, which on
 *                    Linux is one epoll_wait(fd, ..., timeout 0) system call plus the JDK's
 *                    bookkeeping around it (a lock, the cancelled-key and update queues).
 *
 * Why the poll is there at all, with an immediate waiting: the loop must not starve I/O. An
 * immediate keeps the poll from SLEEPING (timeout 0), not from LOOKING; libuv does the same
 * (uv_backend_timeout is 0 while immediates wait, and uv__io_poll still calls epoll_wait). So a
 * turn is at least one system call, and most of a turn is that system call: compare the two
 * scores. The rest (clock read, phase bookkeeping, one Immediate object, one callback) is a few
 * tens of nanoseconds.
 *
 * The lesson for a server: a turn costs about a microsecond even when it does nothing, and a
 * callback that is "only" 100 microseconds long is a hundred idle turns. Work that yields with
 * setImmediate in small slices pays one turn per slice: make the slices big enough (a few hundred
 * microseconds) that the turn is noise, small enough that I/O is not kept waiting.
 *
 * On the course's 2-core VM (other sessions' builds and load tests beside it, load average 2 to
 * 4; ns per operation, one fork, three to five 500 ms iterations, several runs):
 *
 *     immediateChain    1,400 to 2,000 ns per turn (1,450 in the quietest run)
 *     selectNow         1,200 to 1,260 ns
 *
 * So on this VM about 85% of an idle turn is the epoll_wait call: system calls are dear in a
 * virtual machine with the kernel's speculative-execution mitigations on (on a laptop, expect a
 * few hundred nanoseconds for both).
 *
 * Node 20 on the same machine, same minute: a setImmediate chain of a million took 2,600 to
 * 2,800 ns per turn (process.hrtime; node -e, see MicrotaskBench for the script's other lines).
 * Node's turn does more: it runs JavaScript through V8's C++ entry points, and processes the
 * immediate list in JavaScript. Both loops are dominated by what the kernel charges for looking.
 *
 * HOW TO RUN
 *
 *   ./mvnw -q -pl jmh -am package -DskipTests
 *   java -jar jmh/target/benchmarks.jar LoopTurnBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 *
 * Add -prof gc to see what a turn allocates (one Immediate, about 24 bytes, and nothing else).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "--sun-misc-unsafe-memory-access=allow")
@State(Scope.Thread)
public class LoopTurnBench {

    /** Turns per invocation: about a millisecond, so loop.run()'s own start and end are noise. */
    static final int TURNS = 1_000;

    private EventLoop loop;
    private Selector emptySelector;
    private int left;
    private final Runnable step = this::step;

    @Setup(Level.Trial)
    public void open() throws IOException {
        loop = EventLoop.create();
        emptySelector = Selector.open();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        loop.close();
        emptySelector.close();
    }

    private void step() {
        if (--left > 0) {
            loop.setImmediate(step);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TURNS)
    public int immediateChain() {
        left = TURNS;
        loop.setImmediate(step);
        loop.run(); // returns when the chain has ended: nothing is alive any more
        return left;
    }

    @Benchmark
    public int selectNow() throws IOException {
        return emptySelector.selectNow();
    }
}
