package cachetocluster.bench.latency;

import cachetocluster.latency.ChaseChain;
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
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 01: how long one load takes, as a function of how much memory you touch.
 *
 * The question is "how far away is the data?", and the only honest way to ask it is to make the
 * processor wait for every answer. A modern core does not wait if it can help it: it runs ahead,
 * issues the next loads while the first is still in flight (ten or twenty misses at once), and its
 * prefetchers fetch the lines it guesses you will want next. Summing an array measures all that
 * cleverness, which is throughput (MemoryMountainBench), not latency.
 *
 * So we build a chain and walk it: chain[p] holds the index of the next node, and the walk is
 *
 *     p = chain[p];
 *
 * Each load needs the value of the one before it to know its own address: a dependent load. No
 * overlap is possible, the core waits for every answer, and the time per hop IS the latency of
 * wherever the chain lives. Three details make it so, and each one, left out, gives a wrong curve:
 *
 *   1. A random order. A sequential or strided chain is what prefetchers are built to follow: the
 *      "DRAM" figure would come out a cache figure. (lmbench's default chain is strided, and says
 *      so; its -t mode is the random one.)
 *
 *   2. One single cycle (Sattolo's algorithm, RandomCycle). A random permutation falls apart into
 *      several cycles; a walk stays on the one it starts in and touches only a part of the working
 *      set. The chain would look smaller than it is, and the caches bigger.
 *
 *   3. One node per 64-byte cache line. With 16 ints in a line and every int a node, 15 of 16 hops
 *      would hit a line just fetched, and the miss cost would be diluted about 16 times.
 *
 * An int[], not Java objects: objects have headers, compressed references, and a garbage collector
 * that moves them (JMH sample 39 measures that). An int[] is one block; the walk is exactly the
 * native chase in labs/01-latency/native/chase.c, "int" mode, and should cost what it costs in C.
 *
 * The benchmark method walks HOPS hops and says so with @OperationsPerInvocation(HOPS), so the score
 * is nanoseconds per hop. JMH sample 11 warns that a loop inside a benchmark lets the JIT unroll it
 * and hoist the work out, until each "operation" costs 1/20 ns. That cannot happen here: every hop
 * needs the previous hop's result, so there is nothing to hoist and nothing to fold. (If you change
 * HOPS and the score changes, something else is wrong.)
 *
 * Two more details:
 *   - The end of the walk is returned (sample 08: a result nobody reads is dead code) and kept in
 *     a field: the next invocation continues from there. For the big sets HOPS is smaller than the
 *     chain, and restarting at 0 would replay the same few nodes.
 *   - The chain is built once per fork, in @Setup(Level.Trial): building 512 MiB takes seconds,
 *     and none of it is what we measure.
 *
 * The fork: the heap is fixed (-Xms = -Xmx = 1 GiB, room for the 512 MiB point and the cycle it
 * is built from) and pre-touched (-XX:+AlwaysPreTouch): the JVM writes every page of the heap at
 * start-up, so no page fault lands inside a measurement, the memory a chain lives in is the same
 * kind in every fork, and the only difference from PointerChaseHugePagesBench is the page size.
 * These options are @Fork's jvmArgs: -jvmArgsAppend on the command line adds to them (a bigger
 * -Xmx for a bigger set, say), while -jvmArgs would replace them.
 *
 * Reading the curve: flat while the chain fits in L1 (about 5 cycles), a step to L2 (~15 cycles), a
 * longer, sloping stretch in L3, and a cliff when it spills to DRAM. The steps come near the sizes
 * the system reports (lab 00), but not exactly at them: the L3 of a big server chip is split
 * between core complexes, and a VM shares its part with its neighbours (on the course VM an 8 MiB
 * chain took 25 ns a hop in one run and 118 ns in the next, as other programs came and went). Past
 * a few MiB the page table enters too: every hop lands on a new 4 KiB page, the TLB (a cache of
 * address translations) misses, and the processor walks the page table before it can even start the
 * load. PointerChaseHugePagesBench measures how much of the DRAM figure that is.
 *
 * Is this the machine's number or the JVM's? The JIT compiles the walk to one instruction per hop,
 * mov eax, [base + eax*4 + 16], plus a bounds check (cmp eax, length; jae) that the branch
 * predictor takes care of, off the chain of dependent loads; it unrolls the loop 8 times and polls
 * for a safepoint every few thousand hops. gcc compiles chase.c's int mode to mov edx, [rbx + rdx*4]:
 * the same kind of address, so the same latency. Only the "ptr" mode, mov rax, [rax], is quicker,
 * and only in L1.
 *
 * What the course's 2-core AMD EPYC VM gave (ns per load; the best of 60 iterations, and chase.c's
 * best rounds, run in turn). Other programs were busy on the machine, and the means came out up to
 * twice as high in the DRAM row: time stolen by others only ever adds, so on a busy machine
 * compare the minimums (-rf json writes every iteration's score, under "rawData"). The figures are
 * the machine's; the ratios between the levels are the lesson.
 *
 *     working set     Java   chase.c int   chase.c ptr
 *        16 KiB       1.43       1.42          1.14      L1 (5 cycles; 4 with ptr)
 *       256 KiB       4.33       4.19          3.99      L2
 *         2 MiB       13.6       13.7          13.1      L3
 *       256 MiB        255        246          ~250      DRAM, and a page walk per hop
 *
 * HOW TO RUN
 *
 *   ./mvnw -q -pl jmh -am package -DskipTests
 *   java -jar jmh/target/benchmarks.jar PointerChaseBench -f 1
 *
 * One fork per working set: the whole grid takes a few minutes. For a quick look at the four
 * levels:
 *
 *   java -jar jmh/target/benchmarks.jar PointerChaseBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms \
 *       -p workingSetBytes=16384,262144,2097152,268435456
 *
 * and the native reference on the same sizes:
 *
 *   mkdir -p target && gcc -O2 -o target/chase labs/01-latency/native/chase.c
 *   target/chase 16384 262144 2097152 268435456
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {
        PointerChaseBench.HEAP_MIN, PointerChaseBench.HEAP_MAX, PointerChaseBench.PRE_TOUCH,
        PointerChaseBench.UNSAFE_ALLOWED})
@State(Scope.Thread)
public class PointerChaseBench {

    // The fork's JVM options, named so that PointerChaseHugePagesBench can repeat them exactly.
    static final String HEAP_MIN = "-Xms1g";
    static final String HEAP_MAX = "-Xmx1g";
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    static final String UNSAFE_ALLOWED = "--sun-misc-unsafe-memory-access=allow";

    /** Hops per invocation: about 0.4 ms in L1, about 60 ms in DRAM. */
    static final int HOPS = 1 << 18;

    @Param({"4096", "8192", "16384", "32768", "49152", "65536", "131072", "262144", "524288",
            "786432", "1048576", "2097152", "4194304", "6291456", "8388608", "16777216",
            "33554432", "67108864", "134217728", "268435456", "536870912"})
    public long workingSetBytes;

    private int[] chain;
    private int position;

    @Setup(Level.Trial)
    public void buildChain() {
        chain = ChaseChain.build(workingSetBytes, 42);
        position = 0;
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public int chase() {
        int p = ChaseChain.walk(chain, position, HOPS);
        position = p;
        return p;
    }
}
