package cachetocluster.load;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The run second by second, put together from the {@link LoadLoop.Interval}s each loop posts: how many requests
 * went out and came back, and the latency of that second's replies. It feeds the live progress line (on the
 * thread that prints it) and the "latency over time" chart, where a stall stands out as a spike that a single
 * p99 for the whole run would flatten.
 */
public final class Timeline {

    /** One second of the run; latencies are response times (from when each request was due), in ms. */
    public record Point(int second, long sent, long replies, long errors, double p50, double p90, double p99, double max) {}

    private static final class Bucket {
        long sent;
        long replies;
        long errors;
        final Histogram latency = LatencyRecorder.newHistogram();
    }

    private final TreeMap<Integer, Bucket> seconds = new TreeMap<>();
    private final Histogram total = LatencyRecorder.newHistogram();
    private long sent;
    private long replies;
    private long errors;

    void add(LoadLoop.Interval interval) {
        Bucket b = seconds.computeIfAbsent(interval.second(), s -> new Bucket());
        b.sent += interval.sent();
        b.replies += interval.replies();
        b.errors += interval.errors();
        b.latency.add(interval.responseMicros());
        total.add(interval.responseMicros());
        sent += interval.sent();
        replies += interval.replies();
        errors += interval.errors();
    }

    /** Requests sent so far (as of the last intervals posted). */
    public long sent() {
        return sent;
    }

    public long replies() {
        return replies;
    }

    public long errors() {
        return errors;
    }

    /** The p99 of every reply so far, in ms. */
    public double p99SoFar() {
        return total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(99) / 1000.0;
    }

    /** Replies in second {@code second} of the run (0 if none were posted for it). */
    public long repliesIn(int second) {
        Bucket b = seconds.get(second);
        return b == null ? 0 : b.replies;
    }

    public List<Point> points() {
        List<Point> points = new ArrayList<>();
        seconds.forEach((second, b) -> {
            Histogram h = b.latency;
            boolean any = h.getTotalCount() > 0;
            points.add(new Point(second, b.sent, b.replies, b.errors,
                    any ? h.getValueAtPercentile(50) / 1000.0 : 0, any ? h.getValueAtPercentile(90) / 1000.0 : 0,
                    any ? h.getValueAtPercentile(99) / 1000.0 : 0, any ? h.getMaxValue() / 1000.0 : 0));
        });
        return points;
    }
}
