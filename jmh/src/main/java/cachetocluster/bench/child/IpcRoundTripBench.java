package cachetocluster.bench.child;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Stdio;
import cachetocluster.child.startup.PingPong;
import cachetocluster.child.startup.ProbeChild;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 04: what one round trip over the IPC channel costs, to a forked child JVM and back.
 *
 * The child is lab 04's ProbeChild: it echoes every message. One round trip is the whole path, twice:
 * the message as JSON (jackson-core), one write(2) on a Unix socket, the other process's reader thread
 * woken from its blocking read, the frame split off and parsed, the 'message' event run, and the same
 * way back. Two ways to measure it, and they answer two questions:
 *
 *   pingPong   (Throughput) round trips per second when the listener itself sends the next message as
 *              each echo arrives, one message in flight: what scripts/compare-node-fork.sh measures
 *              against Node. Only the channel's own threads take part.
 *   blocking   (SampleTime) one request from a caller that waits for the answer (a queue hand-off from
 *              the listener to the benchmark thread): what an RPC from ordinary blocking code costs. It
 *              pays one more thread wake-up per round trip, the caller's, and the distribution shows it.
 *
 * And two ways to run the events (@Param dispatch):
 *
 *   direct     on the channel's reader thread, on both sides (ForkOptions.executor(Runnable::run) in the
 *              parent, Parent.port().dispatchOn(Runnable::run) in the child): no hand-over, as a Node
 *              process runs its events on its one thread.
 *   pooled     the lab's default: each event handed to a pooled thread (SerialExecutor), so that the
 *              reader always reads and two listeners that both send cannot deadlock on full socket
 *              buffers. The price is one thread wake-up per message on each side.
 *
 * What to expect, and why: the kernel sets the floor. A bare 12-byte echo between two JVMs on the same
 * socket (RawChannelFloor) ran at 30,000 to 36,000 round trips/s on the course's 2-core VM, where each
 * system call and each wake-up of an idle virtual CPU is dear. On top of it the lab's channel adds JSON,
 * events and bookkeeping, a few microseconds of CPU per round trip once the JIT has compiled it;
 * 'pooled' adds two thread hand-overs, and each is a futex wake-up and a sleep, dear in a VM: with the
 * same warm-up, ForkSideBySide measured 6,500 to 10,500 round trips/s pooled against 22,000 to 24,000
 * direct, and 90 to 130 us of CPU per round trip against 31 to 40.
 * The JIT needs a long warm-up here, hence 10 warm-up iterations of 2 s: each round trip calls the
 * channel's code once per side, and on the busy 2-core VM it took some 300,000 round trips (15 s) for
 * the reader threads' CPU per round trip to settle (7.6 s of CPU per 100,000 round trips at first,
 * 3.4 s from the fourth 100,000 on). Scores from a short warm-up are half of the later ones.
 *
 * On the course VM (shared with other sessions, load average 3 to 6) one run with the defaults gave
 * pingPong 16,900 round trips/s direct (iterations from 12,400 to 20,000) and 3,600 pooled; blocking
 * p50 105 us direct and 118 us pooled, p99 2.5 ms and 1.3 ms. The neighbours move these figures by a
 * third or more from run to run: compare the two dispatches within one run.
 *
 * HOW TO RUN
 *
 *   ./mvnw -q -pl jmh -am package -DskipTests
 *   java -jar jmh/target/benchmarks.jar IpcRoundTripBench -f 1          (about 2 minutes)
 *
 * Each trial forks one child JVM (about half a second) and keeps it for all its iterations.
 */
@Warmup(iterations = 10, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class IpcRoundTripBench {

    /** Round trips per pingPong invocation: the listener drives them, the benchmark thread waits once. */
    static final int BATCH = 1000;

    /** One forked echo child per trial (about half a second to start), kept for all its iterations. */
    @State(Scope.Benchmark)
    public static class Child {

        @Param({"direct", "pooled"})
        String dispatch;

        ChildProcess process;

        @Setup(Level.Trial)
        public void fork() throws Exception {
            ForkOptions options = new ForkOptions().stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT);
            boolean direct = dispatch.equals("direct");
            if (direct) {
                options.executor(Runnable::run);
            }
            process = ChildProcesses.fork(ProbeChild.class.getName(), direct ? List.of("direct") : List.of(), options);
            CompletableFuture<Object> hello = new CompletableFuture<>();
            process.once("message", args -> hello.complete(args[0]));
            hello.get(60, TimeUnit.SECONDS);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            process.disconnect(); // the probe exits when its channel closes
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** For the blocking caller: the listener hands each echo over to the benchmark thread. */
    @State(Scope.Benchmark)
    public static class Echoes {

        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
        int n;

        @Setup(Level.Trial)
        public void listen(Child child) {
            child.process.on("message", args -> queue.add(args[0]));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public long pingPong(Child child) throws InterruptedException {
        return PingPong.run(child.process, BATCH, 60).latenciesNanos()[BATCH - 1];
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object blocking(Child child, Echoes echoes) throws InterruptedException {
        child.process.send(Map.of("n", echoes.n++));
        return echoes.queue.take(); // the echo, handed over by the listener (on the reader or a pooled thread)
    }
}
