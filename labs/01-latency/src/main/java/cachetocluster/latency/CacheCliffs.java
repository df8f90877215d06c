package cachetocluster.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the cache levels off a measured latency curve.
 *
 * <p>The curve of a pointer chase is a staircase: while the working set fits in a cache, every load
 * costs about the same (a plateau); once it no longer fits, loads go one level further down and the
 * cost jumps (a cliff). Real curves are not clean steps. A point can be noisy (another process ran,
 * an interrupt came), and between two plateaus the curve often climbs over a few sizes (a ramp),
 * because a cache starts to miss before it is full: associativity, the replacement policy, page
 * tables and the code itself also live in it. So the rules below tolerate one noisy point and skip
 * the ramp.
 *
 * <p>The rules, in order along the curve (sizes ascending):
 * <ol>
 *   <li>A plateau starts at the first point. Its <em>level</em> is the median latency of the points
 *       in it so far (for an even count, the mean of the two middle ones).</li>
 *   <li>A point is <em>above</em> the plateau when its latency is at least {@code jump} times the
 *       level.</li>
 *   <li>A point that is not above joins the plateau.</li>
 *   <li>A point that is above, followed by a point that is also above, is a cliff: the plateau ends
 *       at the point before it. A point that is above but followed by one that is not (or by no
 *       point at all) is noise: it is skipped, it joins nothing.</li>
 *   <li>After a cliff the next plateau starts at the first point from the cliff on whose next point
 *       is less than {@link #RAMP_STEP} times its latency (or that is the last point): the points
 *       climbing before it are the ramp and belong to no plateau.</li>
 * </ol>
 */
public final class CacheCliffs {

    /** A new level costs at least this many times the plateau before it. */
    public static final double DEFAULT_JUMP = 1.5;

    /** Consecutive points still climbing by this factor or more are a ramp, not yet a plateau. */
    public static final double RAMP_STEP = 1.15;

    private CacheCliffs() {}

    /**
     * One step of the staircase.
     *
     * @param firstBytes the smallest working set on the plateau
     * @param lastBytes  the largest working set on it: for a cache, the largest that still fit
     * @param levelNs    the median latency of its points
     * @param points     how many points it holds
     */
    public record Plateau(long firstBytes, long lastBytes, double levelNs, int points) {}

    /**
     * Finds the plateaus of a latency curve, in order; the cliffs are between consecutive plateaus.
     *
     * @param curve points in strictly increasing working-set order
     * @param jump  how many times the level a point must be to count as above it (greater than 1)
     * @return the plateaus; empty for an empty curve
     * @throws IllegalArgumentException if the sizes are not strictly increasing or {@code jump <= 1}
     */
    public static List<Plateau> plateaus(List<ChasePoint> curve, double jump) {
        if (!(jump > 1)) {
            throw new IllegalArgumentException("jump must be greater than 1, got " + jump);
        }
        for (int i = 1; i < curve.size(); i++) {
            if (curve.get(i).workingSetBytes() <= curve.get(i - 1).workingSetBytes()) {
                throw new IllegalArgumentException("working sets must increase: " + curve.get(i - 1).workingSetBytes()
                        + " B is followed by " + curve.get(i).workingSetBytes() + " B");
            }
        }
        List<Plateau> found = new ArrayList<>();
        List<ChasePoint> current = new ArrayList<>();
        int i = 0;
        while (i < curve.size()) {
            ChasePoint point = curve.get(i);
            if (current.isEmpty() || !isAbove(point, current, jump)) {
                current.add(point);
                i++;
                continue;
            }
            boolean confirmed = i + 1 < curve.size() && isAbove(curve.get(i + 1), current, jump);
            if (!confirmed) {
                i++; // noise: one point out of line
                continue;
            }
            found.add(summary(current));
            current = new ArrayList<>();
            i = endOfRamp(curve, i);
        }
        if (!current.isEmpty()) {
            found.add(summary(current));
        }
        return found;
    }

    /** {@link #plateaus(List, double)} with {@link #DEFAULT_JUMP}. */
    public static List<Plateau> plateaus(List<ChasePoint> curve) {
        return plateaus(curve, DEFAULT_JUMP);
    }

    private static boolean isAbove(ChasePoint point, List<ChasePoint> plateau, double jump) {
        return point.nsPerLoad() >= jump * median(plateau);
    }

    /** The index of the first point from {@code cliff} on that the curve stops climbing after. */
    private static int endOfRamp(List<ChasePoint> curve, int cliff) {
        int j = cliff;
        while (j + 1 < curve.size() && curve.get(j + 1).nsPerLoad() >= RAMP_STEP * curve.get(j).nsPerLoad()) {
            j++;
        }
        return j;
    }

    private static Plateau summary(List<ChasePoint> points) {
        return new Plateau(points.getFirst().workingSetBytes(), points.getLast().workingSetBytes(),
                median(points), points.size());
    }

    static double median(List<ChasePoint> points) {
        double[] ns = points.stream().mapToDouble(ChasePoint::nsPerLoad).toArray();
        Arrays.sort(ns);
        int mid = ns.length / 2;
        return ns.length % 2 == 1 ? ns[mid] : (ns[mid - 1] + ns[mid]) / 2;
    }
}
