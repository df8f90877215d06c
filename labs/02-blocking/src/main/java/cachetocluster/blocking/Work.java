package cachetocluster.blocking;

/**
 * What a handler does with its time, for {@link Throughput}'s model: it waits (sleeps, like a call
 * to a slow database: its thread needs no core meanwhile) or it computes (its thread needs a core
 * for the whole time, and there are {@code cores} of them).
 */
public sealed interface Work {

    /** How long one request takes when nothing else is in the way, in milliseconds. */
    double millis();

    /** A handler that waits {@code millis} per request, like {@link Handlers#slow}. */
    record Waits(double millis) implements Work {
        public Waits {
            positive(millis, "a wait");
        }
    }

    /** A handler that computes {@code millis} of one core's time per request, on a machine with {@code cores} cores. */
    record Computes(double millis, int cores) implements Work {
        public Computes {
            positive(millis, "a computation");
            if (cores < 1) {
                throw new IllegalArgumentException("a machine has at least one core, not " + cores);
            }
        }
    }

    /** The handler that does this work for real: {@code slow:200ms} or {@code cpu:50ms}. */
    default Handler handler() {
        var time = java.time.Duration.ofNanos(Math.round(millis() * 1e6));
        return switch (this) {
            case Waits w -> Handlers.slow(time);
            case Computes c -> Handlers.cpu(time);
        };
    }

    /** As the step scripts spell it: "slow:200ms", "cpu:50ms". */
    default String label() {
        String ms = millis() == Math.rint(millis()) ? String.valueOf((long) millis()) : String.valueOf(millis());
        return (this instanceof Waits ? "slow:" : "cpu:") + ms + "ms";
    }

    private static void positive(double millis, String what) {
        if (!(millis > 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException(what + " takes a positive, finite number of ms, not " + millis);
        }
    }
}
