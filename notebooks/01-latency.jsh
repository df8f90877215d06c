// Lab 01 - The latency ladder: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 1
// Every number on the screen is measured live, on the machine in front of you. Nothing here checks a
// number: they differ from machine to machine, and the lab sheet explains why.

import java.lang.management.ManagementFactory;
import java.net.*;
import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.*;
import cachetocluster.latency.*;
import cachetocluster.tour.*;

// "The seed notes say that non-blocking work runs in the caches and RAM, and blocking work waits on
//  disk and network. Today we measure every rung of that ladder. At the end we test what 'blocking' means."

// "To time ONE load, we have to make the CPU wait for each one. So we build a chain: every node holds the
//  index of the next node, one node per 64-byte cache line, in random order. The walk is p = chain[p]."
int[] chain = ChaseChain.build(16 << 10, 42);
IO.println(chain.length / 16 + " nodes in " + SizeParser.format(chain.length * 4L) + ", one per 64-byte line\n"
        + "from node 0 the walk visits lines 0 -> " + IntStream.iterate(chain[0], q -> chain[q]).limit(10)
                .mapToObj(q -> String.valueOf(q / 16)).collect(Collectors.joining(" -> ")) + " -> ...");

// "Why one random CYCLE and not just any shuffle? Shuffle with Fisher-Yates and walk from node 0. A random
//  permutation falls apart into several cycles, and the walk only ever sees the one it started in."
int cycleFrom0(int[] next) { int n = 1; for (int q = next[0]; q != 0; q = next[q]) n++; return n; }
int[] fisherYates(int n, SplittableRandom random) {
    int[] a = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) { int j = random.nextInt(i + 1); int t = a[i]; a[i] = a[j]; a[j] = t; }
    return a;
}
for (int seed = 1; seed <= 3; seed++) {
    IO.println("seed " + seed + ": the walk from node 0 visits " + cycleFrom0(fisherYates(1 << 18, new SplittableRandom(seed)))
            + " of 262144 nodes after Fisher-Yates, " + cycleFrom0(RandomCycle.singleCycle(1 << 18, new SplittableRandom(seed)))
            + " after Sattolo (RandomCycle)");
}

// "Now let's time the walk the naive way: System.nanoTime around it, on the very first call."
int end = 0;
double nsPerLoad(int[] chain, long hops) {
    long start = System.nanoTime();
    end = ChaseChain.walk(chain, end, hops); // keep where it ended: a walk whose result nobody uses is dead code
    return (System.nanoTime() - start) / (double) hops;
}
double coldNs = nsPerLoad(chain, 200_000);
IO.println("first walk, cold: " + LadderReport.nanos(coldNs) + " per load");

// "That number measures the JVM, not the memory. The first calls run in the interpreter, and the JIT
//  compiles walk() only after it has been called many times. Let's call it a few hundred times without
//  timing it, and then time five walks."
for (int i = 0; i < 300; i++) nsPerLoad(chain, 20_000);
double[] warm = IntStream.range(0, 5).mapToDouble(r -> nsPerLoad(chain, 1_000_000)).toArray();
IO.println("after warm-up:    " + Arrays.stream(warm).mapToObj(LadderReport::nanos).toList() + " per load\n"
        + String.format(Locale.ROOT, "best of five:     %s, %.0fx faster than the cold walk",
                LadderReport.nanos(Arrays.stream(warm).min().orElseThrow()), coldNs / Arrays.stream(warm).min().orElseThrow()));

// "Why take the best and not the mean? Each load waits for the one before it, so nothing can make the walk
//  faster than the machine allows. Noise (an interrupt, another program) only ever ADDS time, so the
//  minimum is the machine. And this is an L1 hit: the whole 16 KiB chain fits in the L1 data cache."

// "Now the ladder itself: the same walk over bigger and bigger working sets, up to 64 MiB. For each size,
//  QuickChase walks the whole set once without timing it, then keeps the best of 3 rounds of about 2 ms."
var chase = new QuickChase(2_000_000, 3);
long maxBytes = Long.highestOneBit(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 4)); // less on a small heap
List<ChasePoint> curve = chase.sweep(QuickChase.SIZES, maxBytes, pt -> IO.println(LadderReport.curveLine(pt)));

// "It's a staircase: flat while the chain fits in a cache, then a cliff when it stops fitting.
//  CacheCliffs reads the plateaus off the curve (your second exercise)."
IO.println(CacheCliffs.plateaus(curve).stream().map(pl -> SizeParser.format(pl.firstBytes()) + " .. "
        + SizeParser.format(pl.lastBytes()) + " at " + LadderReport.nanos(pl.levelNs())).collect(Collectors.joining("\n", "plateaus:\n", "")));

// "The Ladder names those plateaus L1, L2, L3 and DRAM. Next to them we put the sizes the machine REPORTS
//  (lab 00's probe) and the human scale (your third exercise): if an L1 hit took one second, how long
//  would each level take?"
Map<Integer, Long> reported = MachineProbe.system().probe().caches().stream().filter(c -> !"Instruction".equals(c.type())
        && c.bytes() != null).collect(Collectors.toMap(MachineInfo.Cache::level, MachineInfo.Cache::bytes, (a, b) -> a, TreeMap::new));
Ladder ladder = Ladder.build(curve, reported, Map.of(), Map.of());
double l1 = ladder.levels().getFirst().plateau().levelNs();
IO.println(String.format(Locale.ROOT, "  %-14s %9s  %-22s %-16s %s", "level", "per load", "plateau (measured)", "system reports", "if an L1 hit took 1 s"));
for (var level : ladder.levels()) {
    var pl = level.plateau();
    IO.println(String.format(Locale.ROOT, "  %-14s %9s  %-22s %-16s %s", level.name(), LadderReport.nanos(pl.levelNs()),
            SizeParser.format(pl.firstBytes()) + " .. " + SizeParser.format(pl.lastBytes()),
            level.reported() == null ? "" : SizeParser.format(level.reported()),
            HumanScale.describe(HumanScale.stretchedSeconds(pl.levelNs(), l1))));
}
ladder.notes().forEach(n -> IO.println("  note: " + n));

// "Is DRAM really that slow? Take 64 MiB and link it IN ORDER: node i points at i + 16, the next line.
//  It's still one dependent load per step, and still a new line at every step."
int[] big = new int[(int) (maxBytes / 4)];
for (int i = 0; i < big.length; i += 16) big[i] = (i + 16) % big.length;
double inOrderNs = chase.measure(big);

// "Now we relink the SAME memory in random order, one single cycle, exactly as ChaseChain.build does.
//  Same memory, same lines. Only the order changes."
int[] cycle = RandomCycle.singleCycle(big.length / 16, new SplittableRandom(7));
for (int node = 0; node < cycle.length; node++) big[node * 16] = cycle[node] * 16;
double randomNs = chase.measure(big);
IO.println(SizeParser.format(maxBytes) + " in order:     " + LadderReport.nanos(inOrderNs) + " per load\n"
        + SizeParser.format(maxBytes) + " random order: " + LadderReport.nanos(randomNs) + " per load"
        + String.format(Locale.ROOT, "  (%.0fx slower)", randomNs / inOrderNs));

// "The prefetcher recognised the pattern and fetched each line before we asked for it. The memory
//  mountain (CS:APP 6.6) shows the same thing from the other side. We SUM an array (independent loads) at
//  stride 1 and at stride 8 words (one word per line), once in a set that fits the L1 and once in a set
//  only DRAM can hold. The unit is GB/s, so higher is better. In the L1 the stride changes little, since
//  every load hits. In DRAM, stride 8 pays for a whole line on every load and falls far behind. Stride 1
//  uses all 8 words of each line, and the prefetcher fetches the lines ahead."
for (var cell : new QuickMountain(20_000_000).measure(List.of(16L << 10, maxBytes), List.of(1, 8), maxBytes)) {
    IO.println(String.format(Locale.ROOT, "  %8s  stride %d: %5.1f GB/s", SizeParser.format(cell.workingSetBytes()),
            cell.strideWords(), cell.gigabytesPerSecond()));
}

// "Now we leave the CPU for a system call. We write a 1 MiB file, then read 4 KiB of it at random places.
//  We just wrote the file, so every page is in the page cache: in RAM, not on the disk. For comparison,
//  we also copy the same 4 KiB from a byte[] in our own memory."
byte[] bytes = new byte[1 << 20];
FileChannel channel = FileChannel.open(Files.write(Files.createTempFile("c2c-lab01-", ".bin"), bytes),
        StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
ByteBuffer block = ByteBuffer.allocateDirect(4096);
Sampled pageCache = Sampled.of(() -> channel.read(block.clear(), ThreadLocalRandom.current().nextInt(256) * 4096L), 2_000, 20_000, 300_000_000L);
Sampled copy = Sampled.of(() -> block.clear().put(bytes, ThreadLocalRandom.current().nextInt(256) * 4096, 4096), 2_000, 20_000, 300_000_000L);
IO.println("4 KiB read(), page cache:   median " + LadderReport.nanos(pageCache.p50Ns()) + ", p99 " + LadderReport.nanos(pageCache.p99Ns())
        + "\n4 KiB copied from a byte[]: median " + LadderReport.nanos(copy.p50Ns()) + ", p99 " + LadderReport.nanos(copy.p99Ns())
        + "  (System.nanoTime itself adds 20-30 ns)");

// "The bytes are the same, and both copies sit in RAM. The difference is the trip into the kernel and
//  back. And look at the p99: a system call's cost is a distribution, not one number. From now on we show
//  the median AND the p99."

// "Next, the network, without leaving this machine: one byte there and back over TCP on 127.0.0.1, the
//  same over a Unix socket, and one HTTP GET to a local server. A fifth of a second each."
Map<String, Sampled> network = new NetworkRungs(200_000_000L).measure();
network.forEach((name, s) -> IO.println(String.format(Locale.ROOT, "  %-28s median %9s   p99 %9s   (%d samples)",
        name, LadderReport.nanos(s.p50Ns()), LadderReport.nanos(s.p99Ns()), s.count())));

// "Now the real question: which of these is BLOCKING? We compare this thread's CPU time with the wall
//  clock. CPU time is the time the thread actually holds a core, running our code or the kernel's code on
//  our behalf."
void cpuVsWall(String what, Sampled.Operation op) throws Exception {
    var threads = ManagementFactory.getThreadMXBean();
    long wall0 = System.nanoTime(), cpu0 = threads.getCurrentThreadCpuTime();
    op.run();
    long wall = System.nanoTime() - wall0, cpu = threads.getCurrentThreadCpuTime() - cpu0;
    IO.println(cpu0 < 0 ? "  " + what + ": this JVM cannot read a thread's CPU time here"
            : String.format(Locale.ROOT, "  %-44s wall %9s   on a core %9s  (%3.0f%%)", what,
                    LadderReport.nanos(wall), LadderReport.nanos(cpu), 100.0 * cpu / wall));
}
cpuVsWall("1M loads from DRAM, random order", () -> nsPerLoad(big, 1_000_000));
cpuVsWall("20,000 page-cache reads", () -> { for (int i = 0; i < 20_000; i++) channel.read(block.clear(), ThreadLocalRandom.current().nextInt(256) * 4096L); });
try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
     SocketChannel client = SocketChannel.open(server.getLocalAddress());
     SocketChannel peer = server.accept()) {
    Thread.ofPlatform().daemon().start(() -> {
        try { Thread.sleep(200); peer.write(ByteBuffer.wrap(new byte[] {42})); } catch (Exception e) { }
    });
    cpuVsWall("read() a socket that answers in 200 ms", () -> client.read(ByteBuffer.allocate(1)));
}
channel.close(); // DELETE_ON_CLOSE: the file goes with it

// "Look at the last column. On an idle machine the first two are close to 100%; less means other programs
//  took turns on the core. The DRAM walk holds its core the whole time. The core is STALLED, waiting for
//  memory, and nobody else can use it, but nothing blocks in the operating system's sense.
//  The page-cache reads are system calls. The kernel copies the data on our thread, so the core stays busy
//  here too. But each call is BLOCKING: it returns only once the data is there, and if a page had not been
//  cached, the thread would have slept until the disk answered.
//  The socket read is blocking all the way: the thread sleeps in the kernel and uses no CPU, and the core
//  is free for somebody else.
//  So blocking means the thread waits for the kernel's answer. Only a system call does that, and only a
//  system call can be handed to someone else while the thread carries on: a selector for sockets, a
//  worker pool for files. And a long loop over cached data blocks an event loop just as surely. That's lab 03."
IO.println("blocking = a thread waiting in a system call for the kernel's answer. Next: ./workbook run 1, then lab 03.");
