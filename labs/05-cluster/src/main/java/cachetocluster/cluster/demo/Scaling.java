package cachetocluster.cluster.demo;

import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.demo.StepArgs.UsageError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Step 5: does throughput grow with workers? For 1, 2, ... N workers: a fresh cluster, a closed-loop load of C
 * keep-alive connections (one request in flight each) for a warm-up, then a measured interval; requests per second,
 * and how the requests spread over the workers.
 *
 * <p>Read the figures with the machine in mind. The load generator runs on the same CPUs as the workers and the
 * primary: on a 2-core machine, one worker plus the client already fill both cores, and a second worker can add little
 * or nothing (it takes CPU from the client as much as it adds serving). The curve bends at the core count, not at N.
 */
public final class Scaling {

    static final String USAGE = "usage: scaling [--max-workers N (CPUs, at least 2)] [--connections C (8)] "
            + "[--warmup S (2)] [--seconds S (3)] [--mode rr|none|reuseport (rr)] [--chart FILE (results/05-cluster/scaling.png)]";

    /** One row: N workers, requests in the measured interval, per second, and per worker. */
    public record Row(int workers, long requests, double perSecond, Map<Integer, Long> perWorker, long errors) {}

    private Scaling() {}

    public static Row runOne(SchedulingPolicy policy, int workers, int connections, long warmupMillis, long measureMillis,
                             List<String> jvmOptions) throws InterruptedException {
        try (DemoCluster cluster = new DemoCluster(policy, jvmOptions)) {
            int port = cluster.start(workers);
            LongAdder errors = new LongAdder();
            Map<Integer, LongAdder> served = new ConcurrentHashMap<>();
            // One answer before the clock starts: a cold worker JVM on a busy machine can take longer than the
            // warm-up to serve its first request, and the row would then measure start-up, not throughput.
            try (KeepAliveClient first = new KeepAliveClient(port)) {
                first.request();
            } catch (IOException e) {
                errors.increment();
            }
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
            long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMillis);
            List<Future<?>> running = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
                for (int c = 0; c < connections; c++) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            try (KeepAliveClient client = new KeepAliveClient(port)) {
                                long now;
                                while ((now = System.nanoTime()) < end) {
                                    int w = client.request();
                                    if (now >= measureFrom) {
                                        served.computeIfAbsent(w, k -> new LongAdder()).increment();
                                    }
                                }
                            } catch (IOException | RuntimeException e) {
                                errors.increment(); // and open a new connection, while time is left
                            }
                        }
                    }));
                }
            }
            Map<Integer, Long> perWorker = new TreeMap<>();
            served.forEach((id, n) -> perWorker.put(id, n.sum()));
            long requests = perWorker.values().stream().mapToLong(Long::longValue).sum();
            return new Row(workers, requests, requests * 1000.0 / measureMillis, perWorker, errors.sum());
        }
    }

    public static void print(List<Row> rows, int connections, PrintStream out) {
        out.println(String.format(Locale.ROOT, "  %7s %10s %12s %8s  %s", "workers", "requests", "requests/s", "vs 1", "per worker"));
        double base = rows.isEmpty() ? 1 : rows.getFirst().perSecond();
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "  %7d %10d %12.0f %7.2fx  %s%s", r.workers(), r.requests(), r.perSecond(),
                    r.perSecond() / base, r.perWorker().values(), r.errors() > 0 ? "  (" + r.errors() + " errors)" : ""));
        }
        out.println();
        out.println("  " + connections + " keep-alive connections, one request in flight each, from this JVM: the client shares the "
                + Runtime.getRuntime().availableProcessors() + " CPUs with the workers and the primary");
    }

    /** The step's command line. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        try {
            StepArgs a = StepArgs.parse("scaling", USAGE,
                    Set.of("--max-workers", "--connections", "--warmup", "--seconds", "--mode", "--chart"), args);
            if (a.printedHelp(out)) {
                return 0;
            }
            int max = a.integer("--max-workers", Math.max(2, Runtime.getRuntime().availableProcessors()), 1, 16);
            int connections = a.integer("--connections", 8, 1, 256);
            int warmup = a.integer("--warmup", 2, 0, 60);
            int seconds = a.integer("--seconds", 3, 1, 60);
            SchedulingPolicy policy = a.policy("--mode", SchedulingPolicy.RR);
            Path chart = Path.of(a.string("--chart", "results/05-cluster/scaling.png"));
            out.println("Lab 05, step 5: throughput from 1 to " + max + " workers (" + policy.wireName() + ", " + connections
                    + " connections, " + warmup + " s warm-up + " + seconds + " s measured each)");
            out.println();
            List<Row> rows = new ArrayList<>();
            for (int n = 1; n <= max; n++) {
                rows.add(runOne(policy, n, connections, warmup * 1000L, seconds * 1000L, List.of()));
                out.println(String.format(Locale.ROOT, "  %d worker%s: %.0f requests/s", n, n == 1 ? "" : "s", rows.getLast().perSecond()));
            }
            out.println();
            print(rows, connections, out);
            out.println();
            out.println("  chart: " + ScalingChart.write(rows, policy, connections, chart));
            return 0;
        } catch (UsageError e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("scaling: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
