package cachetocluster.latency;

import cachetocluster.latency.CacheCliffs.Plateau;
import cachetocluster.tour.SizeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latency ladder: every rung from an L1 hit to an fsync, each with what it cost here, and the
 * published figure beside it.
 *
 * <p>The memory rungs come from the plateaus of the chase ({@link CacheCliffs}): the first is L1,
 * the second L2, the third L3 when there are four or more, and the last is DRAM. The other rungs
 * are system calls, measured as distributions ({@link Sampled}); for those the rung's value is the
 * median and the 99th percentile is kept beside it.
 */
public record Ladder(List<Rung> rungs, List<Level> levels, List<String> notes) {

    /** A rung as it is printed and written to JSON. */
    public record Rung(String name, Kind kind, String where, double ns, Double p99Ns, Classic classic) {}

    /** A memory rung is a load instruction; a system call rung blocks the calling thread in the kernel. */
    public enum Kind { MEMORY, SYSTEM_CALL }

    /** A row of "Latency numbers every programmer should know". */
    public record Classic(String what, double ns) {
        public static final String SOURCE = "Jeff Dean and Peter Norvig, \"Latency Comparison Numbers (~2012)\", "
                + "https://gist.github.com/jboner/2841832";
    }

    /**
     * A cache level found in the curve, next to what the system reports for it.
     *
     * @param name        L1, L2, L3 or DRAM
     * @param plateau     where the curve was flat for it
     * @param firstSlower the first measured size past the plateau (null for the last level)
     * @param reported    the size the system reports for this level (lab 00), or null
     */
    public record Level(String name, Plateau plateau, Long firstSlower, Long reported) {}

    static final Classic L1 = new Classic("L1 cache reference", 0.5);
    static final Classic L2 = new Classic("L2 cache reference", 7);
    static final Classic MEMORY = new Classic("Main memory reference", 100);
    static final Classic SSD_4K = new Classic("Read 4K randomly from SSD", 150_000);
    static final Classic MEMORY_1M = new Classic("Read 1 MB sequentially from memory", 250_000);
    static final Classic DATACENTER = new Classic("Round trip within same datacenter", 500_000);

    /**
     * Builds the ladder from what was measured.
     *
     * @param curve    the chase points, sizes ascending
     * @param reported the data/unified cache sizes the system reports, by level (1, 2, 3), may be empty
     * @param disk     the disk rungs by {@link DiskRungs} name (may be empty)
     * @param network  the network rungs by {@link NetworkRungs} name (may be empty)
     */
    public static Ladder build(List<ChasePoint> curve, Map<Integer, Long> reported,
                               Map<String, DiskRungs.Result> disk, Map<String, Sampled> network) {
        List<Plateau> plateaus = CacheCliffs.plateaus(curve);
        List<String> notes = new ArrayList<>();
        List<Level> levels = levels(curve, plateaus, reported);
        List<Rung> rungs = new ArrayList<>();
        for (Level level : levels) {
            String where = level.firstSlower() == null
                    ? "from " + SizeParser.format(level.plateau().firstBytes())
                    : "up to " + SizeParser.format(level.plateau().lastBytes());
            Classic classic = switch (level.name()) {
                case "L1" -> L1;
                case "L2" -> L2;
                case "DRAM" -> MEMORY;
                default -> null;
            };
            rungs.add(new Rung(level.name() + (level.name().startsWith("DRAM") ? "" : " cache hit"), Kind.MEMORY,
                    where, level.plateau().levelNs(), null, classic));
        }
        if (plateaus.size() < 3) {
            notes.add("The curve shows " + plateaus.size() + " level(s) instead of at least three (L1, L2, DRAM): "
                    + "it was too noisy, or the sizes stopped too early. Run again on a quieter machine.");
        } else if (plateaus.size() == 3) {
            notes.add("No third cache level showed in the curve: this CPU may have no L3, or a share of it too "
                    + "small to see between L2 and DRAM.");
        }
        Level l3 = levels.stream().filter(l -> l.name().equals("L3")).findFirst().orElse(null);
        if (l3 != null && l3.reported() != null && l3.plateau().lastBytes() * 2 <= l3.reported()) {
            notes.add("The L3 ends near " + SizeParser.format(l3.plateau().lastBytes()) + " in the curve, but the "
                    + "system reports " + SizeParser.format(l3.reported()) + ". The L3 is shared: by the cores of a "
                    + "chiplet, by other virtual machines on this host, or partitioned among them; this program gets the "
                    + "part nobody else is using. The lab sheet explains.");
        }
        disk.forEach((name, result) -> {
            if (result instanceof DiskRungs.Result.Measured(Sampled s)) {
                rungs.add(new Rung(name, Kind.SYSTEM_CALL, "disk", s.p50Ns(), s.p99Ns(), switch (name) {
                    case DiskRungs.SEQUENTIAL_1M -> MEMORY_1M;
                    case DiskRungs.DIRECT_4K -> SSD_4K;
                    default -> null;
                }));
            } else if (result instanceof DiskRungs.Result.Unsupported(String reason)) {
                notes.add(name + ": not measured: " + reason);
            }
        });
        network.forEach((name, s) -> rungs.add(new Rung(name, Kind.SYSTEM_CALL, "network", s.p50Ns(), s.p99Ns(),
                name.equals(NetworkRungs.TCP) ? DATACENTER : null)));
        rungs.sort(java.util.Comparator.comparingDouble(Rung::ns));
        return new Ladder(List.copyOf(rungs), levels, List.copyOf(notes));
    }

    private static List<Level> levels(List<ChasePoint> curve, List<Plateau> plateaus, Map<Integer, Long> reported) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < plateaus.size(); i++) {
            Plateau plateau = plateaus.get(i);
            boolean last = i == plateaus.size() - 1;
            // Three plateaus are L1, L2, DRAM; four add the L3. A fifth and more come from DRAM too:
            // past the TLB's reach each load also waits for a page walk (see the lab sheet).
            int dram = plateaus.size() >= 4 ? 3 : plateaus.size() == 3 ? 2 : -1;
            String name;
            if (dram < 0 || i < dram) {
                name = "L" + (i + 1);
            } else if (i == dram) {
                name = "DRAM";
            } else {
                name = "DRAM + page walks" + (i - dram > 1 ? " " + (i - dram) : "");
            }
            Long firstSlower = last ? null : curve.stream().map(ChasePoint::workingSetBytes)
                    .filter(b -> b > plateau.lastBytes()).findFirst().orElse(null);
            Long size = name.startsWith("L") ? reported.get(i + 1) : null;
            levels.add(new Level(name, plateau, firstSlower, size));
        }
        return levels;
    }

    /** The rung with this name, if it was measured. */
    public Optional<Rung> rung(String name) {
        return rungs.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * Checks the order the lab promises: L1 < L2 < L3 < DRAM < disk (the device read, or the fsync
     * when the device read could not be measured). Returns the pairs that break it; empty means it holds.
     */
    public List<String> orderProblems() {
        List<String> chain = new ArrayList<>();
        for (String name : List.of("L1 cache hit", "L2 cache hit", "L3 cache hit", "DRAM")) {
            if (rung(name).isPresent()) {
                chain.add(name);
            }
        }
        rung(DiskRungs.DIRECT_4K).or(() -> rung(DiskRungs.FSYNC_4K)).ifPresent(r -> chain.add(r.name()));
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            double before = rung(chain.get(i - 1)).orElseThrow().ns();
            double after = rung(chain.get(i)).orElseThrow().ns();
            if (!(before < after)) {
                problems.add(chain.get(i - 1) + " (" + before + " ns) is not faster than " + chain.get(i) + " (" + after + " ns)");
            }
        }
        return problems;
    }
}
