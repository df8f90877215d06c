package cachetocluster.latency;

import cachetocluster.tour.MachineInfo;
import cachetocluster.tour.MachineProbe;
import cachetocluster.tour.SizeParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quick mode of lab 01: measure the whole ladder in under a minute and print it, then write
 * the JSON and the charts. The measuring is in {@link QuickChase}, {@link QuickMountain},
 * {@link DiskRungs} and {@link NetworkRungs}; the reading of the curve in {@link CacheCliffs} and
 * {@link Ladder}; this class only runs them in order and says what it is doing.
 */
@Command(name = "LatencyLadder", mixinStandardHelpOptions = true, sortOptions = false,
        version = "Cache to Cluster, lab 01",
        description = "Measures the latency ladder of this machine (L1, L2, L3, DRAM, then disk and network) "
                + "and prints it with a human scale and the published figures beside it.")
public final class LatencyLadderCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Where the JSON and the charts go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "01-latency");

    @Option(names = "--disk-dir", paramLabel = "DIR",
            description = "Where the disk test file goes: on the disk to measure, not a tmpfs (default: the --out folder).")
    Path diskDir;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Largest working set to chase, e.g. 256M (default: ${DEFAULT-VALUE}).")
    String maxSize = "512M";

    @Option(names = "--rung-time", paramLabel = "MS",
            description = "The longest one disk or network rung may sample, in milliseconds (default: ${DEFAULT-VALUE}).")
    long rungMillis = 1500;

    @Option(names = "--no-charts", description = "Write the JSON only.")
    boolean noCharts;

    private final PrintStream stdout;
    private final PrintStream stderr;

    LatencyLadderCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        return OneLineErrors.execute(new LatencyLadderCommand(stdout, stderr), "latency-ladder", args, stdout, stderr);
    }

    @Override
    public Integer call() throws Exception {
        long maxBytes;
        try {
            maxBytes = SizeParser.parse(maxSize);
        } catch (IllegalArgumentException e) {
            stderr.println("latency-ladder: --max-size: " + e.getMessage());
            return 2;
        }
        if (rungMillis < 1) {
            stderr.println("latency-ladder: --rung-time must be at least 1 ms");
            return 2;
        }
        long started = System.nanoTime();
        stdout.println("Lab 01: the latency ladder of this machine (quick mode: under a minute)");
        MachineInfo machine = MachineProbe.system().probe();
        Map<Integer, Long> reported = reportedCaches(machine);

        // The chase needs the working set plus room for the rest of the heap.
        long heapRoom = Runtime.getRuntime().maxMemory() / 2;
        if (maxBytes > heapRoom) {
            stdout.println("  (the heap allows working sets up to " + SizeParser.format(heapRoom)
                    + " only; run with a larger -Xmx for more)");
            maxBytes = heapRoom;
        }
        stdout.println();
        stdout.println("1. Pointer chase: one dependent load per step, in a random cycle, one node per 64-byte line");
        var chase = new QuickChase(5_000_000, 5);
        chase.warmUpJit();
        List<ChasePoint> curve = chase.sweep(QuickChase.SIZES, maxBytes, p -> stdout.println(LadderReport.curveLine(p)));

        stdout.println();
        stdout.print("2. Memory mountain: read throughput over working set and stride ... ");
        stdout.flush();
        List<MountainCell> mountain = new QuickMountain(25_000_000).measure(QuickMountain.SIZES, QuickMountain.STRIDES, maxBytes);
        MountainCell top = mountain.stream().max(java.util.Comparator.comparingDouble(MountainCell::gigabytesPerSecond)).orElseThrow();
        MountainCell bottom = mountain.stream().min(java.util.Comparator.comparingDouble(MountainCell::gigabytesPerSecond)).orElseThrow();
        stdout.printf(java.util.Locale.ROOT, "%.1f GB/s at its peak (%s, stride %d), %.1f GB/s at its foot (%s, stride %d)%n",
                top.gigabytesPerSecond(), SizeParser.format(top.workingSetBytes()), top.strideWords(),
                bottom.gigabytesPerSecond(), SizeParser.format(bottom.workingSetBytes()), bottom.strideWords());

        Path diskFolder = diskDir != null ? diskDir : out;
        stdout.print("3. Disk: reads and an fsync in " + diskFolder + " ... ");
        stdout.flush();
        Map<String, DiskRungs.Result> disk = new DiskRungs(diskFolder, rungMillis * 1_000_000).measure();
        stdout.println("done");
        stdout.print("4. Network on this machine: TCP, Unix socket, HTTP ... ");
        stdout.flush();
        Map<String, Sampled> network = new NetworkRungs(rungMillis * 1_000_000).measure();
        stdout.println("done");

        Ladder ladder = Ladder.build(curve, reported, disk, network);
        stdout.println();
        stdout.println("The ladder (memory rungs: the median of each plateau of the chase; system calls: median and p99)");
        stdout.print(LadderReport.ladder(ladder));
        stdout.println("  published figures: " + Ladder.Classic.SOURCE);
        stdout.println();
        stdout.println("The cache levels in the curve, and what the system reports (" + machine.cacheSource() + ")");
        stdout.print(LadderReport.levels(ladder.levels()));
        for (String note : ladder.notes()) {
            stdout.println("  note: " + note);
        }
        List<String> problems = ladder.orderProblems();
        stdout.println();
        stdout.println(problems.isEmpty() ? "Order: L1 < L2 < L3 < DRAM < disk, as the ladder says."
                : "Order NOT as expected: " + String.join("; ", problems) + ". Run again; if it stays, find out why.");

        Files.createDirectories(out);
        Path json = out.resolve("ladder.json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("machine", machine);
        document.put("chase", curve);
        document.put("mountain", mountain);
        document.put("ladder", ladder);
        document.put("disk", disk);
        document.put("network", network);
        Files.writeString(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
        List<Path> written = new ArrayList<>(List.of(json));
        if (!noCharts) {
            written.add(LatencyCharts.writeLatencyCurve(curve, systemMarkers(machine), cliffMarkers(ladder), Map.of(),
                    out.resolve("latency.png")));
            written.add(LatencyCharts.writeMountain(mountain, out.resolve("mountain.png")));
        }
        stdout.println("Wrote " + String.join(", ", written.stream().map(Path::toString).toList())
                + String.format(java.util.Locale.ROOT, " (%.0f s in all)", (System.nanoTime() - started) / 1e9));
        return 0;
    }

    /** The data and unified caches by level, as lab 00 read them. */
    static Map<Integer, Long> reportedCaches(MachineInfo machine) {
        Map<Integer, Long> sizes = new LinkedHashMap<>();
        for (MachineInfo.Cache cache : machine.caches()) {
            if (!"Instruction".equals(cache.type()) && cache.bytes() != null) {
                sizes.putIfAbsent(cache.level(), cache.bytes());
            }
        }
        return sizes;
    }

    static List<LatencyCharts.Marker> systemMarkers(MachineInfo machine) {
        return machine.caches().stream().filter(c -> !"Instruction".equals(c.type()) && c.bytes() != null)
                .map(c -> new LatencyCharts.Marker(c.label() + " " + SizeParser.format(c.bytes()) + " (system)", c.bytes()))
                .toList();
    }

    static List<LatencyCharts.Marker> cliffMarkers(Ladder ladder) {
        return ladder.levels().stream().filter(l -> l.firstSlower() != null)
                .map(l -> new LatencyCharts.Marker(l.name() + " ends " + SizeParser.format(l.plateau().lastBytes()) + " (measured)",
                        l.plateau().lastBytes()))
                .toList();
    }
}
