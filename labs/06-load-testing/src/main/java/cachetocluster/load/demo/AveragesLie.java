package cachetocluster.load.demo;

import cachetocluster.load.LoadOptions;
import cachetocluster.load.LoadResult;
import cachetocluster.load.LoadTest;
import cachetocluster.load.PercentileTable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Why a report gives percentiles and not an average. A server answers at once, except one request in
 * {@code every}, which takes {@code slowMillis}. The mean comes out a little above the typical reply, and nowhere
 * near what the unlucky ones waited; p50 is the typical reply, p99 and p99.9 are the unlucky ones, and max is the
 * worst. And "unlucky" is not rare for a person: a page that makes 50 requests meets at least one slow reply with
 * probability 1 - (1 - share)^50.
 */
public final class AveragesLie {

    public record Settings(int every, double slowMillis, int connections, long requests) {
        public static Settings classroom() {
            return new Settings(100, 50, 10, 5000);
        }
    }

    /** What the run measured. {@code slowShare}: the share of replies that took at least 90% of slowMillis. */
    public record Outcome(LoadResult result, PercentileTable.Summary summary, double slowShare) {
        /** The chance that a page of {@code requests} requests meets at least one slow reply. */
        public double pageHitsSlow(int requests) {
            return 1 - Math.pow(1 - slowShare, requests);
        }
    }

    private AveragesLie() {}

    public static Outcome run(Settings s) throws IOException {
        Figures.warmUp();
        long slow = (long) (s.slowMillis() * 1_000_000);
        // Many workers: a slow reply delays only itself, as a rare slow query would.
        try (DemoServer server = DemoServer.start(DemoServer.Workers.MANY, n -> n % s.every() == 0 ? slow : 0)) {
            LoadResult r = LoadTest.run(LoadOptions.builder(server.url()).keepAlive(true)
                    .concurrency(s.connections()).maxRequests(s.requests()).quiet(true).build());
            Histogram h = r.latency().responseTime();
            long slowCount = h.getTotalCount() == 0 ? 0 : h.getCountBetweenValues((long) (s.slowMillis() * 900), Long.MAX_VALUE / 4);
            double share = h.getTotalCount() == 0 ? 0 : (double) slowCount / h.getTotalCount();
            return new Outcome(r, r.responseTime(), share);
        }
    }

    public static void print(Settings s, Outcome o, PrintStream out) {
        out.printf(Locale.ROOT, "%,d requests over %d keep-alive connections; the server answers at once, except one request in %d: %s ms.%n%n",
                s.requests(), s.connections(), s.every(), s.slowMillis());
        PercentileTable.Summary m = o.summary();
        Figures table = new Figures("latency (ms)", "mean", "p50", "p90", "p99", "p99.9", "max");
        table.row("response time", m.mean(), m.p50(), m.p90(), m.p99(), m.p999(), m.max());
        table.lines().forEach(out::println);
        out.println();
        out.printf(Locale.ROOT, "The mean is %.1f x the typical reply (p50) and %.0f x smaller than the worst (max).%n",
                m.p50() > 0 ? m.mean() / m.p50() : 0, m.mean() > 0 ? m.max() / m.mean() : 0);
        out.printf(Locale.ROOT, "%.2f%% of replies were slow. A page of 50 requests meets one with probability %.0f%%;%n",
                100 * o.slowShare(), 100 * o.pageHitsSlow(50));
        out.println("the tail is what many of your users see. (p99 sits right at the edge when exactly 1% are slow:");
        out.println("rerun and it may fall on either side; p99.9 does not.)");
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.classroom();
        print(s, run(s), System.out);
    }
}
