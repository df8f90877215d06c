package cachetocluster.latency;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * "If an L1 hit took one second, a DRAM load would take two minutes": nanoseconds mean little to a
 * person, ratios stretched to a human scale mean a lot. This class does the stretching.
 */
public final class HumanScale {

    private static final double MINUTE = 60;
    private static final double HOUR = 60 * MINUTE;
    private static final double DAY = 24 * HOUR;
    private static final double YEAR = 365.25 * DAY;
    /** A month as a twelfth of a year, so that 12 months make exactly one year. */
    private static final double MONTH = YEAR / 12;

    private HumanScale() {}

    /**
     * How many seconds {@code ns} becomes when {@code unitNs} is stretched to one second.
     *
     * @throws IllegalArgumentException if either is not a positive, finite number
     */
    public static double stretchedSeconds(double ns, double unitNs) {
        if (!(ns > 0) || !(unitNs > 0) || Double.isInfinite(ns) || Double.isInfinite(unitNs)) {
            throw new IllegalArgumentException("latencies must be positive and finite, got " + ns + " ns and " + unitNs + " ns");
        }
        return ns / unitNs;
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
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a duration must be zero or more and finite, got " + seconds);
        }
        String[] names = {"second", "minute", "hour", "day", "month", "year"};
        double[] sizes = {1, MINUTE, HOUR, DAY, MONTH, YEAR};
        int unit = 0;
        for (int u = sizes.length - 1; u > 0; u--) {
            if (seconds >= sizes[u]) {
                unit = u;
                break;
            }
        }
        BigDecimal value = new BigDecimal(seconds / sizes[unit]);
        String number = value.compareTo(BigDecimal.TEN) < 0
                ? value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                : value.setScale(0, RoundingMode.HALF_UP).toPlainString();
        return number + " " + names[unit] + (number.equals("1") ? "" : "s");
    }
}
