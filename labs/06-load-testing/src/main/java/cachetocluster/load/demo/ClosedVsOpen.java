package cachetocluster.load.demo;

import cachetocluster.load.LoadOptions;
import cachetocluster.load.LoadResult;
import cachetocluster.load.LoadTest;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed model against the open model, on one server that gets slow.
 *
 * <p>A one-worker server answers in {@code fastMillis}, then in {@code slowMillis}. The closed model ({@code -c N}:
 * N connections, each sends again when its reply arrives) is loaded twice, and so is the open model ({@code --rps
 * R}: a request every 1/R s, whatever the replies do). The closed model's offered load is N / service time: when
 * the server slows down, the load generator slows down with it, and the latency can never pass N x service time,
 * however long the run: a bounded picture of a server in trouble. The open model keeps sending R per second, as
 * users would; a server that can serve only 1/slow per second builds a queue, and the latency grows with the run.
 */
public final class ClosedVsOpen {

    /** @param connections the closed model's -c; {@code rps} and {@code openRequests} the open model's --rps and -n */
    public record Settings(double fastMillis, double slowMillis, int connections, double closedSeconds, double rps,
                           long openRequests) {
        public static Settings classroom() {
            return new Settings(1, 25, 10, 3, 100, 300);
        }
    }

    /** One run: which model, which server speed, and what came out. */
    public record Run(String model, String server, LoadResult result) {}

    private ClosedVsOpen() {}

    public static List<Run> run(Settings s) throws IOException {
        Figures.warmUp();
        long fast = (long) (s.fastMillis() * 1_000_000);
        long slow = (long) (s.slowMillis() * 1_000_000);
        List<Run> runs = new ArrayList<>();
        try (DemoServer server = DemoServer.start(DemoServer.Workers.ONE, n -> fast)) {
            LoadOptions closed = LoadOptions.builder(server.url()).keepAlive(true).concurrency(s.connections())
                    .maxSeconds(s.closedSeconds()).quiet(true).build();
            // The open model: -n rather than -t, so every scheduled request is sent and waited for, however long
            // the slow server's queue gets (a time limit would cut the queue off and hide its end).
            LoadOptions open = LoadOptions.builder(server.url()).keepAlive(true).rps(s.rps())
                    .maxRequests(s.openRequests()).quiet(true).build();
            for (String speed : List.of("fast", "slow")) {
                long nanos = speed.equals("fast") ? fast : slow;
                server.serviceTime(n -> nanos);
                String label = speed + " (" + (nanos / 1e6) + " ms)";
                runs.add(new Run("closed -c " + s.connections(), label, LoadTest.run(closed)));
                runs.add(new Run("open --rps " + Figures.rate(s.rps()), label, LoadTest.run(open)));
            }
        }
        return runs;
    }

    public static void print(Settings s, List<Run> runs, PrintStream out) {
        out.printf("One server, one worker, answering in %s ms, then in %s ms (at most %s replies/s).%n%n",
                s.fastMillis(), s.slowMillis(), Figures.rate(1000 / s.slowMillis()));
        Figures table = new Figures("model", "server", "sent/s", "replies/s", "p50 ms", "p99 ms", "max ms");
        for (Run r : runs) {
            var rt = r.result().responseTime();
            table.row(r.model(), r.server(), Figures.rate(r.result().sendRate()), Figures.rate(r.result().repliesPerSecond()),
                    rt.p50(), rt.p99(), rt.max());
        }
        table.lines().forEach(out::println);
        out.println();
        out.println("sent/s is the offered load. The closed model sends only when a reply frees a connection: it offers");
        out.printf("less when the server slows (the server sets the pace), and its latency stops at about connections x%n");
        out.printf("service time (%d x %s ms), however long the run. The open model keeps offering --rps; a server%n",
                s.connections(), s.slowMillis());
        out.println("slower than that builds a queue, and the latency grows for as long as the run lasts: what users,");
        out.println("who do not wait for each other, would meet.");
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.classroom();
        print(s, run(s), System.out);
    }
}
