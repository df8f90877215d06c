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
 * Coordinated omission, live. An open-model run at {@code rps} on ONE connection (as wrk runs: a fixed set of
 * connections, each with one request in flight); the server stalls once, for {@code stallMillis}, on request
 * {@code stallAt}. During the stall the connection is busy, so the requests due meanwhile cannot go out: the load
 * generator has "coordinated" with the server and waits. They go out late, in a burst, when the stall ends.
 *
 * <p>Timed from their actual send (service time: what ab, wrk and loadtest without --rps report), those requests
 * were fast, and the stall is ONE slow sample: the p99 is clean. Timed from when they were due (response time:
 * what jload reports with --rps, wrk2's correction), each one waited out the rest of the stall, and the p99 shows
 * the second it was.
 */
public final class Omission {

    public record Settings(double rps, double seconds, long stallAt, double stallMillis) {
        public static Settings classroom() {
            return new Settings(200, 5, 400, 1000);
        }
    }

    /** {@code slowService} / {@code slowResponse}: replies over 100 ms by each clock. */
    public record Outcome(LoadResult result, PercentileTable.Summary service, PercentileTable.Summary response,
                          long slowService, long slowResponse) {}

    private Omission() {}

    public static Outcome run(Settings s) throws IOException {
        Figures.warmUp();
        long stall = (long) (s.stallMillis() * 1_000_000);
        try (DemoServer server = DemoServer.start(DemoServer.Workers.ONE, n -> n == s.stallAt() ? stall : 0)) {
            // -c 1 with --rps: one connection at most, so a request due while it is busy waits in jload.
            LoadResult r = LoadTest.run(LoadOptions.builder(server.url()).keepAlive(true).rps(s.rps()).concurrency(1)
                    .maxSeconds(s.seconds()).drainMillis((long) (s.stallMillis() + 5000)).quiet(true).build());
            return new Outcome(r, r.serviceTime(), r.responseTime(), over(r.latency().serviceTime(), 100),
                    over(r.latency().responseTime(), 100));
        }
    }

    private static long over(Histogram micros, double millis) {
        return micros.getTotalCount() == 0 ? 0 : micros.getCountBetweenValues((long) (millis * 1000), Long.MAX_VALUE / 4);
    }

    public static void print(Settings s, Outcome o, PrintStream out) {
        out.printf(Locale.ROOT, "--rps %s -c 1 -t %s; the server stalls %s ms once, on request %d. %,d replies.%n%n",
                Figures.rate(s.rps()), s.seconds(), s.stallMillis(), s.stallAt(), o.result().replies());
        Figures table = new Figures("latency (ms)", "p50", "p90", "p99", "p99.9", "max", "> 100 ms");
        table.row("from the actual send (uncorrected)", o.service().p50(), o.service().p90(), o.service().p99(),
                o.service().p999(), o.service().max(), o.slowService());
        table.row("from the intended send (corrected)", o.response().p50(), o.response().p90(), o.response().p99(),
                o.response().p999(), o.response().max(), o.slowResponse());
        table.lines().forEach(out::println);
        out.println();
        out.printf(Locale.ROOT, "Uncorrected, the stall is %d slow reply; corrected, it is the %d requests due during it,%n",
                o.slowService(), o.slowResponse());
        out.printf(Locale.ROOT, "each of which waited out the rest of the second (about %s/s x %s s = %s).%n",
                Figures.rate(s.rps()), s.stallMillis() / 1000, Figures.rate(s.rps() * s.stallMillis() / 1000));
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.classroom();
        print(s, run(s), System.out);
    }
}
