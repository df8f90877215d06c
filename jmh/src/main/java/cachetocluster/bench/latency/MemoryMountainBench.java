package cachetocluster.bench.latency;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Lab 01: the memory mountain (CS:APP, section 6.6.1), read throughput in two dimensions.
 *
 * PointerChaseBench makes the core wait for every load. This is the other extreme: loads that do
 * not depend on each other, so the core keeps many in flight and the prefetchers run ahead. The
 * result is bandwidth, bytes per second, and it depends on two things at once:
 *
 *   - the working set (temporal locality): the same bytes are read again and again; how fast
 *     depends on the level they fit in. Along this axis the mountain has RIDGES, one per level:
 *     L1, L2, L3, DRAM.
 *   - the stride, in 8-byte words (spatial locality): stride 1 reads every word of a 64-byte line,
 *     stride 8 one word per line, so from stride 8 on every load costs a whole line. Along this
 *     axis the mountain has SLOPES, falling from stride 1 to stride 8 and then flat.
 *
 * The loop is CS:APP's test(): four independent accumulators, each fed by its own load, so four
 * loads can be in flight before any addition must wait. One accumulator would make the additions
 * a dependency chain of their own and measure the adder, not the memory.
 *
 * Why the switch in sweep(). With the stride read from a field, the JIT does not know the loop's
 * step: it cannot prove the indices stay in the array, so each of the four loads keeps its bounds
 * check, and the loop is not unrolled. Then the loop, not the memory, sets the top speed: about
 * 30 GB/s on the course machine at every size from L1 to DRAM, half of what the same loop in C
 * reaches in L1, and the top of the mountain comes out flat. Calling sum() with a constant stride
 * gives C2 a loop with a fixed step: it checks the bounds once, before the loop, and unrolls it.
 * The fork also turns off C2's vectoriser (-XX:-UseSuperWord): CS:APP's loop is scalar, and so
 * is ours; with vector loads the L1 ridge would rise further and the lesson would be about SIMD.
 *
 * Two things CS:APP does that JMH does for us: warming the cache before timing (the warm-up
 * iterations) and repeating until the time is stable (iterations, forks).
 *
 * The unit. One invocation is one sweep over the working set, reading workingSetBytes / stride
 * bytes. The score is in sweeps per microsecond, which means little; the secondary result "bytes"
 * (an @AuxCounters counter, normalised by JMH to the same time unit) is bytes per microsecond,
 * that is MB/s (10^6 bytes per second), CS:APP's unit. Divide by 1000 for GB/s. (For the big sets
 * the score prints as "≈ 10⁻⁴": a sweep takes milliseconds. The JSON output, -rf json, has every
 * digit.) By hand:
 *
 *     MB/s = score (ops/us) * workingSetBytes / strideWords
 *
 * Where to look:
 *   - stride 1, 16 KiB: the peak, the L1 and the core at full speed (tens of GB/s);
 *   - stride 1, 128 MiB: still fast, the prefetchers stream DRAM ahead of the loads;
 *   - stride 8 and 16, 128 MiB: the floor, every load a new line from DRAM.
 *
 * On the course's 2-core EPYC VM one run gave (GB/s; other programs were running, so single
 * cells wobble, the 1 MiB row for one):
 *
 *     size \ stride      1      2      4      8     16
 *        16 KiB       72.6   58.0   75.3   63.3   61.7      L1: every stride is fast
 *        64 KiB       72.5   57.8   36.5   14.0   15.6
 *       256 KiB       72.0   47.5   31.9   14.3   15.7      L2
 *         1 MiB       34.8   30.2   28.9   12.6   12.3
 *         4 MiB       62.2   34.8   20.4   10.2    9.2      L3
 *        16 MiB       25.4   23.1   13.2    7.7    8.5
 *        64 MiB       27.3   13.8   10.1    5.3    3.2      DRAM
 *       128 MiB       27.7   17.9    9.5    5.2    2.3
 *
 * The stride-1 column falls from 73 to 28 GB/s between L1 and DRAM (the prefetchers stream it);
 * the stride-16 column from 62 to 2.3. Yet even that corner, 2.3 GB/s of 8-byte words
 * one per 128-byte step, is a new line every 3.5 ns, seventy times the chase's one per ~250 ns: a
 * constant stride is what prefetchers predict, and independent misses overlap. Latency and
 * bandwidth are different questions.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar MemoryMountainBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 *
 * 8 sizes x 5 strides is 40 forks, about two minutes with these settings. For one slope:
 *
 *   java -jar jmh/target/benchmarks.jar MemoryMountainBench -f 1 -p workingSetBytes=134217728
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-UseSuperWord", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class MemoryMountainBench {

    @Param({"16384", "65536", "262144", "1048576", "4194304", "16777216", "67108864", "134217728"})
    public long workingSetBytes;

    @Param({"1", "2", "4", "8", "16"})
    public int strideWords;

    private long[] data;

    @Setup(Level.Trial)
    public void fill() {
        data = new long[Math.toIntExact(workingSetBytes / Long.BYTES)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
    }

    /** Bytes read, reported by JMH per output time unit: bytes/us = MB/s. JMH zeroes it every iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class BytesRead {
        public long bytes;
    }

    @Benchmark
    public long sweep(BytesRead read) {
        long[] a = data;
        read.bytes += (long) ((a.length + strideWords - 1) / strideWords) * Long.BYTES;
        return switch (strideWords) {
            case 1 -> sum(a, 1);
            case 2 -> sum(a, 2);
            case 4 -> sum(a, 4);
            case 8 -> sum(a, 8);
            case 16 -> sum(a, 16);
            default -> sum(a, strideWords); // works, but slower: see "Why the switch"
        };
    }

    /** CS:APP's test(): every stride-th word, into four independent accumulators. */
    private static long sum(long[] a, int stride) {
        int length = a.length;
        int limit = length - 3 * stride;
        long acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
        int i = 0;
        for (; i < limit; i += 4 * stride) {
            acc0 += a[i];
            acc1 += a[i + stride];
            acc2 += a[i + 2 * stride];
            acc3 += a[i + 3 * stride];
        }
        for (; i < length; i += stride) {
            acc0 += a[i];
        }
        return (acc0 + acc1) + (acc2 + acc3);
    }
}
