package cachetocluster.latency;

/**
 * Lab 01 exercise: "if an L1 hit took one second, a DRAM load would take two minutes".
 *
 * <p>The ladder prints every rung on this human scale. Read labs/01-latency/README.md, part B3 (tasks 7-9).
 * Grade with ./workbook grade 1 human-scale; stuck? ./workbook hint 1 human-scale.
 */
public final class HumanScale {

    private HumanScale() {}

    /**
     * How many seconds {@code ns} becomes when {@code unitNs} is stretched to one second.
     *
     * @throws IllegalArgumentException if either is not a positive, finite number
     */
    public static double stretchedSeconds(double ns, double unitNs) {
        // TODO task 7: the ratio; refuse zero, negative, NaN and infinite inputs with IllegalArgumentException.
        throw new UnsupportedOperationException("TODO: HumanScale.stretchedSeconds, lab 01 task 7 (labs/01-latency/README.md)");
    }

    /**
     * Says a number of seconds the way a person would: "1 second", "3.5 seconds", "14 minutes",
     * "2.3 days", "7.6 months", "230 years".
     *
     * <ul>
     *   <li>The unit is the largest of second, minute, hour, day, month (a twelfth of a year), year
     *       (365.25 days) that is not longer than the duration, chosen from the value before
     *       rounding; under one second it is seconds.</li>
     *   <li>The number is the duration in that unit. Under 10 it keeps one decimal, rounded half up,
     *       and a trailing ".0" is dropped; from 10 on it is rounded half up to a whole number.</li>
     *   <li>The unit is singular when the number shown is exactly "1", plural otherwise.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code seconds} is negative, NaN or infinite
     */
    public static String describe(double seconds) {
        // TODO task 8: pick the unit.
        // TODO task 9: round and say it: one decimal under 10, whole numbers from 10, singular for exactly "1".
        throw new UnsupportedOperationException("TODO: HumanScale.describe, lab 01 tasks 8-9 (labs/01-latency/README.md)");
    }
}
