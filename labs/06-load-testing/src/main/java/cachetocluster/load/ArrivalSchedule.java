package cachetocluster.load;

import java.util.ArrayList;
import java.util.List;

/**
 * When artillery's virtual users arrive, phase after phase (packages/core/lib/phases.js):
 * <ul>
 *   <li>{@code arrivalRate: r} for {@code duration: d}: r users a second, evenly spaced (a fractional rate too:
 *       0.5 is one user every 2 s);</li>
 *   <li>{@code rampTo: r2}: the rate goes linearly from r to r2, stepping once a second
 *       (second k of d has rate r + (r2 - r)·k/(d - 1)); fractions carry over to the next second;</li>
 *   <li>{@code arrivalCount: n}: n users spread evenly over the duration;</li>
 *   <li>{@code pause}, or a rate of 0 without rampTo: nobody arrives.</li>
 * </ul>
 * Arrival i is dealt to loop {@code i % loops}, like the open model's requests.
 *
 * <p>A pure class: offsets in nanoseconds from the start of the run.
 */
public final class ArrivalSchedule {

    /** One arrival: when, in which phase. */
    public record Arrival(long offsetNanos, int phase) {}

    private final List<Arrival> arrivals;
    private final long[] phaseStarts;
    private final long endNanos;

    public ArrivalSchedule(List<Scenario.Phase> phases) {
        List<Arrival> list = new ArrayList<>();
        phaseStarts = new long[phases.size()];
        double start = 0;
        for (int p = 0; p < phases.size(); p++) {
            Scenario.Phase phase = phases.get(p);
            phaseStarts[p] = nanos(start);
            if (!phase.isPause()) add(list, phase, p, start);
            start += phase.length();
        }
        arrivals = List.copyOf(list);
        endNanos = nanos(start);
    }

    private static void add(List<Arrival> list, Scenario.Phase phase, int p, double start) {
        double d = phase.duration();
        if (phase.arrivalCount() != null) {
            long n = phase.arrivalCount();
            for (long i = 0; i < n; i++) list.add(new Arrival(nanos(start + i * d / n), p));
        } else if (phase.rampTo() == null) {
            double rate = phase.arrivalRate();
            for (long i = 0; i / rate < d; i++) list.add(new Arrival(nanos(start + i / rate), p));
        } else {
            int seconds = (int) Math.ceil(d);
            double carry = 0;
            for (int k = 0; k < seconds; k++) {
                double rate = seconds == 1 ? phase.arrivalRate()
                        : phase.arrivalRate() + (phase.rampTo() - phase.arrivalRate()) * k / (seconds - 1);
                double exact = rate + carry;
                long n = (long) Math.floor(exact + 1e-9);
                carry = exact - n;
                for (long i = 0; i < n; i++) list.add(new Arrival(nanos(start + k + (double) i / n), p));
            }
        }
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /** Every arrival of the run, in time order. */
    public List<Arrival> arrivals() {
        return arrivals;
    }

    /** The arrivals loop {@code loop} of {@code loops} starts. */
    public List<Arrival> share(int loop, int loops) {
        List<Arrival> mine = new ArrayList<>();
        for (int i = loop; i < arrivals.size(); i += loops) mine.add(arrivals.get(i));
        return mine;
    }

    /** When phase {@code p} starts, in nanoseconds from the start. */
    public long phaseStart(int p) {
        return phaseStarts[p];
    }

    /** When the last phase ends: arrivals stop here (users already running finish their flow). */
    public long endNanos() {
        return endNanos;
    }
}
