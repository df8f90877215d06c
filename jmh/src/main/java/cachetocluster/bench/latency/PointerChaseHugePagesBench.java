package cachetocluster.bench.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/*
 * Lab 01: how much of "DRAM latency" is the page table.
 *
 * A program's addresses are virtual. Before a load can go to a cache or to DRAM, the processor
 * turns the virtual address into a physical one, page by page: 4 KiB pages by default. The
 * translations it used lately sit in the TLB, a small cache of its own: a few thousand entries in
 * its second level on recent cores, enough for 8 to 16 MiB of 4 KiB pages. A random chase through
 * 256 MiB lands on a new page almost every hop; the TLB misses, and the processor walks the page
 * table (four levels, themselves in memory, and in a VM the host's table on top) before the real
 * load may start. The "DRAM" figure of PointerChaseBench is DRAM plus that walk.
 *
 * Huge pages make each translation cover 2 MiB instead of 4 KiB: 512 times the reach from the same
 * TLB, so a few GiB are covered and the walks mostly go away. This class is PointerChaseBench
 * (the same chain, the same walk, the same @Param grid: it inherits all three) run in a JVM with
 * -XX:+UseTransparentHugePages. The JVM then asks the kernel (madvise) for huge pages under its
 * heap. Linux gives them when /sys/kernel/mm/transparent_hugepage/enabled says [madvise] or
 * [always]; with [never] the JVM prints a warning and runs with small pages, and the two classes
 * measure the same thing. -XX:+AlwaysPreTouch (both classes) matters more here: the heap is faulted
 * in at start-up, while the kernel still has whole 2 MiB blocks to give.
 *
 * Compare the two classes size by size:
 *   - up to a few MiB: the same (the TLB covered those sets anyway);
 *   - from about the TLB's reach to the DRAM sizes: this class is faster; the difference is what
 *     the page walks cost, tens of percent of the "DRAM" figure on bare metal. In a VM it
 *     depends on the host: if the host backs the guest's memory with small pages, the second
 *     half of every translation is still a small-page walk, and huge pages in the guest win less.
 *
 * What the course's VM gave (ns per load, best of 30 iterations of each class, run in turn):
 *
 *     working set   4 KiB pages   2 MiB pages
 *        32 MiB          164           147
 *       128 MiB          229           176
 *       512 MiB          303           294
 *
 * Huge pages save up to a quarter here, and the latency still grows with the working set: this
 * VM's host translates the guest's memory with a page table of its own (nested paging), whose
 * misses the guest's huge pages cannot remove. (chase.c -H gained even less, 0 to 7 %, on the same
 * machine: the JVM's huge pages cover the whole heap, malloc's only the chain.) On bare metal
 * expect the huge-page column to grow much less with the size.
 *
 * At start the fork prints the AnonHugePages line of /proc/self/smaps_rollup: how much of the
 * process is on huge pages. About 1 GiB (the heap) means the JVM got what it asked for; 0 kB means
 * this run measured small pages.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar 'PointerChase(HugePages)?Bench' -f 1 -wi 2 -i 3 \
 *       -p workingSetBytes=2097152,16777216,67108864,268435456
 *
 * and the same comparison in C:  target/chase 256M  against  target/chase -H 256M
 */
@Fork(value = 1, jvmArgs = {
        PointerChaseBench.HEAP_MIN, PointerChaseBench.HEAP_MAX, PointerChaseBench.PRE_TOUCH,
        PointerChaseBench.UNSAFE_ALLOWED, "-XX:+UseTransparentHugePages"})
public class PointerChaseHugePagesBench extends PointerChaseBench {

    @Setup(Level.Trial)
    public void reportHugePages() throws IOException {
        Path rollup = Path.of("/proc/self/smaps_rollup");
        if (Files.isReadable(rollup)) {
            Files.readAllLines(rollup).stream()
                    .filter(line -> line.startsWith("AnonHugePages:"))
                    .forEach(line -> System.out.println("huge pages in this JVM: " + line));
        }
    }
}
