package cachetocluster.latency;

/** One measured point of the latency curve: a working set and the time of one dependent load in it. */
public record ChasePoint(long workingSetBytes, double nsPerLoad) {
    public ChasePoint {
        if (workingSetBytes <= 0 || !(nsPerLoad > 0) || Double.isInfinite(nsPerLoad)) {
            throw new IllegalArgumentException("a point needs a positive size and latency, got "
                    + workingSetBytes + " B, " + nsPerLoad + " ns");
        }
    }
}
