package cachetocluster.bench.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 00: the cost of asking the machine, against the cost of remembering the answer.
 *
 * The machine tour asks three kinds of question, and they are not equally cheap.
 *
 * 1. A field we already hold. Reading an int the JVM keeps in a register or in L1 costs about a
 *    nanosecond; JMH's own overhead is most of what you see.
 *
 * 2. Runtime.availableProcessors(). It looks like a getter, but on Linux HotSpot works it out on
 *    every call: it asks the kernel for the affinity mask (sched_getaffinity, a system call), and in
 *    a container it also applies the cgroup CPU quota (re-read every few milliseconds). The answer
 *    may change while the program runs (taskset -p, a container resized), so the JDK does not keep
 *    it for you. Expect hundreds of nanoseconds to a few microseconds (system calls cost more in a
 *    VM, and more again with kernel page-table isolation on): a system call, not a load.
 *
 * 3. Files.readString of a /sys file. The file is tiny and is not on any disk: the kernel makes its
 *    text when asked. Still it takes open, read until end of file, and close, each a system call,
 *    plus the JDK's buffers and a String: microseconds, tens of them in a VM. And it is a *blocking*
 *    call: the thread waits inside the kernel until the bytes are there. Here the wait is short;
 *    lab 01 shows the same shape with a page-cache read of a regular file: fast, yet still a
 *    blocking call, which is exactly what an event loop (lab 03) must never make on its loop thread.
 *
 * The lesson for the rest of the course: ask once, remember the answer. Lab 05's cluster reads
 * availableProcessors() once at start-up to size itself; nothing reads /sys in a request path.
 *
 * The file is cpu0's L1 cache size where the kernel offers it, else /sys/devices/system/cpu/online,
 * which every Linux has (some VMs have no cache directory; `./workbook run 0` tells you which).
 *
 * Run: java -jar jmh/target/benchmarks.jar MachineInfoBench
 * On a 2-CPU machine keep other work off it while this runs; the errors are wide otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@State(Scope.Thread)
public class MachineInfoBench {

    private int rememberedCpus;
    private Path sysFile;

    @Setup
    public void setup() {
        rememberedCpus = Runtime.getRuntime().availableProcessors();
        Path l1 = Path.of("/sys/devices/system/cpu/cpu0/cache/index0/size");
        sysFile = Files.isReadable(l1) ? l1 : Path.of("/sys/devices/system/cpu/online");
    }

    @Benchmark
    public int rememberedAnswer() {
        return rememberedCpus;
    }

    @Benchmark
    public int askAvailableProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Benchmark
    public String readSysFile() throws IOException {
        return Files.readString(sysFile);
    }
}
