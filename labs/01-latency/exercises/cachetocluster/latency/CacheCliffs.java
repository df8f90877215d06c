package cachetocluster.latency;

import java.util.List;

/**
 * Lab 01 exercise: read the cache levels off a measured latency curve.
 *
 * <p>The curve of a pointer chase is a staircase: a plateau while the working set fits in a cache,
 * a cliff when it no longer does. Real curves have noisy points and ramps between plateaus, so the
 * rules below tolerate one noisy point and skip the ramp. The ladder ({@link Ladder}) names the
 * plateaus you return L1, L2, L3 and DRAM.
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
 *
 * <p>Read labs/01-latency/README.md, part B2 (tasks 4-6). Grade with ./workbook grade 1 cache-cliffs; stuck?
 * ./workbook hint 1 cache-cliffs.
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
        // TODO task 4: rules 1 to 3 and the cliff of rule 4: a staircase gives one plateau per step.
        // TODO task 5: the noise of rule 4 and the ramp of rule 5.
        // TODO task 6: refuse jump <= 1 and sizes that do not strictly increase (IllegalArgumentException);
        //              then check your plateaus on the curve measured on a real machine.
        throw new UnsupportedOperationException("TODO: CacheCliffs.plateaus, lab 01 tasks 4-6 (labs/01-latency/README.md)");
    }

    /** {@link #plateaus(List, double)} with {@link #DEFAULT_JUMP}. */
    public static List<Plateau> plateaus(List<ChasePoint> curve) {
        return plateaus(curve, DEFAULT_JUMP);
    }
}
