package cachetocluster.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Pass/fail limits for CI: {@code --max-p99 MS} and {@code --max-error-rate PCT}. A failed check makes jload
 * exit with {@link #EXIT_FAILED} (artillery's {@code ensure} does the same with a non-zero exit).
 */
public final class Thresholds {

    /** Exit status when a threshold failed. (0: all passed; 2: bad usage; 3: the run could not be done.) */
    public static final int EXIT_FAILED = 1;

    public record Check(String name, double limit, double actual, boolean passed) {}

    private Thresholds() {}

    /** {@code maxP99Ms}, {@code maxErrorRatePercent}: null when not set. The p99 is of the response time. */
    public static List<Check> check(LoadResult result, Double maxP99Ms, Double maxErrorRatePercent) {
        List<Check> checks = new ArrayList<>();
        if (maxP99Ms != null) {
            double p99 = result.responseTime().p99();
            boolean noReplies = result.replies() == 0;
            checks.add(new Check("max-p99", maxP99Ms, p99, !noReplies && p99 <= maxP99Ms));
        }
        if (maxErrorRatePercent != null) {
            double rate = result.errorRatePercent();
            checks.add(new Check("max-error-rate", maxErrorRatePercent, rate, rate <= maxErrorRatePercent));
        }
        return checks;
    }
}
