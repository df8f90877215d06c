package cachetocluster.latency;

import cachetocluster.tour.SizeParser;
import java.util.List;
import java.util.Locale;

/**
 * Renders the ladder for people: the curve as it is measured (one bar per size), the ladder with
 * its human scale and the published figures, and the cache levels next to what the system reports.
 */
public final class LadderReport {

    private LadderReport() {}

    /** One line per chase point, with a bar on a log scale so that 1 ns and 300 ns both fit. */
    public static String curveLine(ChasePoint point) {
        // 4 characters per doubling from 1 ns: 1 ns -> 1, 2 ns -> 5, 128 ns -> 29, 512 ns -> 37.
        int bar = 1 + (int) Math.round(4 * Math.max(0, Math.log(point.nsPerLoad()) / Math.log(2)));
        return String.format(Locale.ROOT, "  %10s %9s  %s", SizeParser.format(point.workingSetBytes()),
                nanos(point.nsPerLoad()), "#".repeat(Math.min(bar, 60)));
    }

    /** The ladder: every rung, what it cost, its human scale, the published figure. */
    public static String ladder(Ladder ladder) {
        double l1 = ladder.rung("L1 cache hit").map(Ladder.Rung::ns).orElse(Double.NaN);
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-38s %-14s %10s %10s   %-22s %s%n", "rung", "where", "median", "p99",
                "if an L1 hit took 1 s", "published (~2012)"));
        Ladder.Kind kind = null;
        for (Ladder.Rung rung : ladder.rungs()) {
            if (rung.kind() != kind && kind != null) {
                out.append("  ").append("-".repeat(24)).append(" below: system calls; the thread blocks until the kernel answers ")
                        .append("-".repeat(8)).append('\n');
            }
            kind = rung.kind();
            String human = Double.isNaN(l1) ? "" : HumanScale.describe(HumanScale.stretchedSeconds(rung.ns(), l1));
            String classic = rung.classic() == null ? "" : nanos(rung.classic().ns()) + "  " + rung.classic().what();
            out.append(String.format(Locale.ROOT, "  %-38s %-14s %10s %10s   %-22s %s%n", rung.name(), rung.where(),
                    nanos(rung.ns()), rung.p99Ns() == null ? "" : nanos(rung.p99Ns()), human, classic));
        }
        return out.toString();
    }

    /** The cache levels read off the curve, beside the sizes the system reports (lab 00). */
    public static String levels(List<Ladder.Level> levels) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-14s %10s %22s %20s %18s%n", "level", "latency", "fits up to (measured)",
                "slower from", "system reports"));
        for (Ladder.Level level : levels) {
            out.append(String.format(Locale.ROOT, "  %-14s %10s %22s %20s %18s%n", level.name(),
                    nanos(level.plateau().levelNs()),
                    level.firstSlower() == null ? "" : SizeParser.format(level.plateau().lastBytes()),
                    level.firstSlower() == null ? "" : SizeParser.format(level.firstSlower()),
                    level.reported() == null ? "" : SizeParser.format(level.reported())));
        }
        return out.toString();
    }

    /** Nanoseconds with a unit that keeps two or three significant digits: "1.4 ns", "42 us", "3.1 ms". */
    public static String nanos(double ns) {
        if (ns < 10) return String.format(Locale.ROOT, "%.2f ns", ns);
        if (ns < 1_000) return String.format(Locale.ROOT, "%.0f ns", ns);
        if (ns < 10_000) return String.format(Locale.ROOT, "%.2f us", ns / 1e3);
        if (ns < 1_000_000) return String.format(Locale.ROOT, "%.0f us", ns / 1e3);
        if (ns < 10_000_000) return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        return String.format(Locale.ROOT, "%.0f ms", ns / 1e6);
    }
}
