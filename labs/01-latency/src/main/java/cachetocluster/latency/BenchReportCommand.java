package cachetocluster.latency;

import cachetocluster.tour.MachineProbe;
import cachetocluster.tour.SizeParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The report after {@code ./workbook bench 1}: JMH's figures as the same ladder and charts as the
 * quick mode, with the C pointer chase run beside the Java one on the same sizes.
 *
 * <p>Why a C reference: a reader may well suspect the JVM of adding its own cost to every load (a
 * bounds check, a safepoint poll). If the Java chase and the C chase agree at every level, the
 * figures describe the memory, not the language.
 */
@Command(name = "BenchReport", mixinStandardHelpOptions = true, sortOptions = false,
        version = "Cache to Cluster, lab 01",
        description = "Reads the JMH results of ./workbook bench 1, runs the C chase on the same sizes, "
                + "prints the comparison and the ladder, and writes the charts.")
public final class BenchReportCommand implements Callable<Integer> {

    /** The C chase must agree with the Java chase within this at every level (the bar). */
    static final double AGREEMENT = 0.10;

    @Option(names = "--jmh", paramLabel = "FILE", required = true, description = "JMH's results (-rf json).")
    Path jmh;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the charts go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "01-latency", "bench");

    @Option(names = "--no-native", description = "Do not build and run the C chase.")
    boolean noNative;

    private final PrintStream stdout;
    private final PrintStream stderr;

    BenchReportCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        return OneLineErrors.execute(new BenchReportCommand(stdout, stderr), "bench-report", args, stdout, stderr);
    }

    @Override
    public Integer call() throws Exception {
        List<JmhResults.Result> results = JmhResults.read(jmh);
        List<ChasePoint> java = chase(results, "PointerChaseBench.chase");
        List<ChasePoint> huge = chase(results, "PointerChaseHugePagesBench.chase");
        List<MountainCell> mountain = mountain(results);
        if (java.isEmpty()) {
            stderr.println("bench-report: " + jmh + " has no PointerChaseBench results (was the run narrowed?)");
            return 1;
        }

        Map<String, List<ChasePoint>> others = new LinkedHashMap<>();
        if (!huge.isEmpty()) {
            others.put("Java, huge pages", huge);
        }
        List<Long> sizes = java.stream().map(ChasePoint::workingSetBytes).toList();
        if (!noNative) {
            nativeChase(sizes).forEach(others::put);
        }

        stdout.println("The pointer chase: JMH (Java, best iteration) beside the C chase (best round) on the same sizes, ns per load");
        stdout.print(comparison(java, others));
        List<CacheCliffs.Plateau> plateaus = CacheCliffs.plateaus(java);
        List<ChasePoint> cInt = others.get(NATIVE_INT);
        if (cInt != null) {
            stdout.println();
            stdout.println("Per level (median of the Java plateau's sizes), Java vs C (int index, the same code):");
            stdout.print(levelAgreement(plateaus, java, cInt));
        }

        Map<String, DiskRungs.Result> disk = new LinkedHashMap<>();
        sampled(results, "DiskBench.pageCacheRead4k").ifPresent(s -> disk.put(DiskRungs.PAGE_CACHE_4K, new DiskRungs.Result.Measured(s)));
        sampled(results, "DiskBench.sequentialRead1m").ifPresent(s -> disk.put(DiskRungs.SEQUENTIAL_1M, new DiskRungs.Result.Measured(s)));
        sampled(results, "DiskBench.directRead4k").ifPresent(s -> disk.put(DiskRungs.DIRECT_4K, new DiskRungs.Result.Measured(s)));
        sampled(results, "DiskBench.write4kAndFsync").ifPresent(s -> disk.put(DiskRungs.FSYNC_4K, new DiskRungs.Result.Measured(s)));
        Map<String, Sampled> network = new LinkedHashMap<>();
        sampled(results, "NetworkBench.tcpRoundTrip").ifPresent(s -> network.put(NetworkRungs.TCP, s));
        sampled(results, "NetworkBench.unixRoundTrip").ifPresent(s -> network.put(NetworkRungs.UNIX, s));
        sampled(results, "NetworkBench.httpGet").ifPresent(s -> network.put(NetworkRungs.HTTP, s));
        Ladder ladder = Ladder.build(java, LatencyLadderCommand.reportedCaches(MachineProbe.system().probe()), disk, network);
        stdout.println();
        stdout.println("The ladder from JMH's figures");
        stdout.print(LadderReport.ladder(ladder));
        ladder.notes().forEach(note -> stdout.println("  note: " + note));

        List<Path> written = new ArrayList<>();
        var machine = MachineProbe.system().probe();
        written.add(LatencyCharts.writeLatencyCurve(java, LatencyLadderCommand.systemMarkers(machine),
                LatencyLadderCommand.cliffMarkers(ladder), others, out.resolve("latency.png")));
        if (!mountain.isEmpty()) {
            written.add(LatencyCharts.writeMountain(mountain, out.resolve("mountain.png")));
        }
        stdout.println();
        stdout.println("Wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        return 0;
    }

    static final String NATIVE_INT = "C, int index (same code)";
    static final String NATIVE_POINTER = "C, raw pointers";

    private Map<String, List<ChasePoint>> nativeChase(List<Long> sizes) throws Exception {
        Optional<Path> source = NativeChase.findSource(Path.of(""));
        if (source.isEmpty()) {
            stdout.println("(the C source " + NativeChase.SOURCE + " is not here: run from the repository's root)");
            return Map.of();
        }
        stdout.print("Building and running the C chase (" + source.get() + ") on " + sizes.size() + " sizes, twice ... ");
        stdout.flush();
        Optional<NativeChase> program = NativeChase.compile(source.get(), out.resolve("native"));
        if (program.isEmpty()) {
            stdout.println(NativeChase.NO_COMPILER);
            return Map.of();
        }
        Map<String, List<ChasePoint>> series = new LinkedHashMap<>();
        series.put(NATIVE_INT, program.get().run(sizes, NativeChase.Mode.INT, Duration.ofMinutes(5)));
        series.put(NATIVE_POINTER, program.get().run(sizes, NativeChase.Mode.POINTER, Duration.ofMinutes(5)));
        stdout.println("done");
        return series;
    }

    /** One row per size: the Java figure, then each other series and its ratio to Java. */
    static String comparison(List<ChasePoint> java, Map<String, List<ChasePoint>> others) {
        var text = new StringBuilder(String.format(Locale.ROOT, "  %10s %10s", "size", "Java"));
        others.keySet().forEach(name -> text.append(String.format(Locale.ROOT, " %26s", name + " (x Java)")));
        text.append('\n');
        for (ChasePoint point : java) {
            text.append(String.format(Locale.ROOT, "  %10s %10s", SizeParser.format(point.workingSetBytes()),
                    LadderReport.nanos(point.nsPerLoad())));
            for (List<ChasePoint> series : others.values()) {
                Optional<ChasePoint> same = series.stream().filter(p -> p.workingSetBytes() == point.workingSetBytes()).findFirst();
                text.append(same.map(p -> String.format(Locale.ROOT, " %18s (%4.2f)", LadderReport.nanos(p.nsPerLoad()),
                        p.nsPerLoad() / point.nsPerLoad())).orElse(String.format(Locale.ROOT, " %26s", "")));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** For each plateau of the Java curve: the medians of Java and C over its sizes, their ratio, and the verdict. */
    static String levelAgreement(List<CacheCliffs.Plateau> plateaus, List<ChasePoint> java, List<ChasePoint> c) {
        var text = new StringBuilder(String.format(Locale.ROOT, "  %-22s %10s %10s %8s%n", "level (sizes)", "Java", "C", "C/Java"));
        String[] names = {"L1", "L2", "L3", "DRAM"};
        for (int i = 0; i < plateaus.size(); i++) {
            CacheCliffs.Plateau plateau = plateaus.get(i);
            List<ChasePoint> javaHere = within(java, plateau);
            List<ChasePoint> cHere = within(c, plateau);
            if (cHere.isEmpty()) {
                continue;
            }
            double j = CacheCliffs.median(javaHere);
            double n = CacheCliffs.median(cHere);
            double ratio = n / j;
            String name = i == plateaus.size() - 1 && i >= 2 ? "DRAM" : i < names.length ? names[i] : "level " + (i + 1);
            text.append(String.format(Locale.ROOT, "  %-22s %10s %10s %8.2f  %s%n",
                    name + " (" + SizeParser.format(plateau.firstBytes()) + "-" + SizeParser.format(plateau.lastBytes()) + ")",
                    LadderReport.nanos(j), LadderReport.nanos(n), ratio,
                    Math.abs(ratio - 1) <= AGREEMENT ? "agree within 10%" : "DIFFER by more than 10%: see the lab sheet"));
        }
        return text.toString();
    }

    private static List<ChasePoint> within(List<ChasePoint> curve, CacheCliffs.Plateau plateau) {
        return curve.stream().filter(p -> p.workingSetBytes() >= plateau.firstBytes() && p.workingSetBytes() <= plateau.lastBytes()).toList();
    }

    /**
     * The chase's points: the best measured iteration of each size, not the mean. Noise only ever
     * slows a dependent chain down, and the C chase reports its best round too; comparing a mean with
     * a minimum on a busy machine shows a difference that is not the language's.
     */
    static List<ChasePoint> chase(List<JmhResults.Result> results, String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark))
                .map(r -> new ChasePoint(r.longParam("workingSetBytes"), r.percentileNs(0.0).orElse(r.scoreNs())))
                .sorted(java.util.Comparator.comparingLong(ChasePoint::workingSetBytes)).toList();
    }

    /** The mountain's bytes counter is reported in bytes per microsecond: MB/s; GB/s is a thousandth of it. */
    static List<MountainCell> mountain(List<JmhResults.Result> results) {
        return results.stream().filter(r -> r.benchmark().equals("MemoryMountainBench.sweep") && r.secondary().containsKey("bytes"))
                .map(r -> new MountainCell(r.longParam("workingSetBytes"), (int) r.longParam("strideWords"),
                        r.secondary().get("bytes") * perMicrosecond(r.unit()) / 1000))
                .toList();
    }

    /** The factor that turns a rate "ops/UNIT" into ops per microsecond. */
    private static double perMicrosecond(String unit) {
        return switch (unit) {
            case "ops/us" -> 1;
            case "ops/ms" -> 1e-3;
            case "ops/s" -> 1e-6;
            case "ops/ns" -> 1e3;
            default -> throw new IllegalStateException("the mountain's unit is not a rate: " + unit);
        };
    }

    static Optional<Sampled> sampled(List<JmhResults.Result> results, String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark) && r.mode().equals("sample")).findFirst()
                .map(r -> new Sampled(0, r.percentileNs(50.0).orElse(r.scoreNs()), r.percentileNs(99.0).orElse(r.scoreNs()),
                        r.percentileNs(100.0).orElse(r.scoreNs())));
    }
}
