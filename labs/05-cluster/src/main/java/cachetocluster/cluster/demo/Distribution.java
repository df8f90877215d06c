package cachetocluster.cluster.demo;

import cachetocluster.cluster.Fairness;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Step 3: how evenly do the three modes spread connections? For rr, none and reuseport in turn: a cluster of N
 * workers, then many short connections ({@code GET /}, one request each) from a few client threads, counted per
 * worker from the bodies. Printed as a table with {@link Fairness}'s numbers, and drawn as a bar chart.
 *
 * <p>What to expect on Linux: rr is even by construction (max/min close to 1). none lets every worker block in
 * {@code accept()} on one socket, and the kernel wakes whom it likes: with idle, fast workers it is often roughly
 * even, and under load it can pile onto the workers that happen to be awake (the Node docs' "over 70% of all
 * connections in just two processes, out of eight"). reuseport hashes each connection's address and port pair to one
 * of the sockets: even on average, random in detail, and blind to how busy a worker is.
 */
public final class Distribution {

    static final String USAGE = "usage: distribution [--workers N (4)] [--connections M (2000)] [--clients C (8)] "
            + "[--modes rr,none,reuseport] [--chart FILE (results/05-cluster/distribution.png)]";

    /** Never more than this long per mode, whatever --connections says. */
    static final long MAX_SECONDS_PER_MODE = 60;

    /** One mode's outcome: connections served per worker (by id), failures, wall time. */
    public record ModeResult(SchedulingPolicy policy, Map<Integer, Long> perWorker, long failed, long millis) {
        public Fairness fairness() {
            return Fairness.of(perWorker.values());
        }

        public long served() {
            return perWorker.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Distribution() {}

    /** Runs one mode: a fresh cluster, {@code connections} short connections from {@code clients} threads. */
    public static ModeResult runMode(SchedulingPolicy policy, int workers, int connections, int clients,
                                     List<String> jvmOptions) throws InterruptedException {
        try (DemoCluster cluster = new DemoCluster(policy, jvmOptions)) {
            int port = cluster.start(workers);
            Map<Integer, LongAdder> served = new ConcurrentHashMap<>();
            cluster.pids().keySet().forEach(id -> served.put(id, new LongAdder()));
            AtomicInteger left = new AtomicInteger(connections);
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(MAX_SECONDS_PER_MODE);
            List<Future<?>> running = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                for (int c = 0; c < clients; c++) {
                    running.add(pool.submit(() -> {
                        while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                            try {
                                served.computeIfAbsent(HelloClient.workerOf(port, 10_000), k -> new LongAdder()).increment();
                            } catch (IOException e) {
                                failed.incrementAndGet();
                            }
                        }
                    }));
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Map<Integer, Long> perWorker = new TreeMap<>();
            served.forEach((id, n) -> perWorker.put(id, n.sum()));
            return new ModeResult(policy, perWorker, failed.get(), millis);
        }
    }

    public static void print(List<ModeResult> results, PrintStream out) {
        int workers = results.stream().mapToInt(r -> r.perWorker().size()).max().orElse(0);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-10s", "mode"));
        for (int w = 1; w <= workers; w++) {
            head.append(String.format(Locale.ROOT, " %8s", "worker " + w));
        }
        head.append(String.format(Locale.ROOT, "  %8s %8s %6s %6s %7s", "max/min", "cv", "Jain", "failed", "conn/s"));
        out.println(head);
        for (ModeResult r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-10s", r.policy().wireName()));
            List<Long> counts = new ArrayList<>(r.perWorker().values());
            for (int w = 0; w < workers; w++) {
                row.append(String.format(Locale.ROOT, " %8s", w < counts.size() ? counts.get(w) : "-"));
            }
            Fairness f = r.fairness();
            row.append(String.format(Locale.ROOT, "  %8.2f %8.3f %6.3f %6d %7.0f", f.maxMinRatio(),
                    f.coefficientOfVariation(), f.jainIndex(), r.failed(), r.served() * 1000.0 / Math.max(1, r.millis())));
            out.println(row);
        }
        out.println();
        out.println("  max/min: busiest over idlest (1 is even); cv: std dev / mean (0 is even); Jain: 1 is even, 1/n is one worker doing all");
        out.println("  (worker ids are per mode: each mode starts a fresh cluster, so 'worker 1' is a different process each time)");
    }

    /** The step's command line. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        try {
            StepArgs a = StepArgs.parse("distribution", USAGE,
                    Set.of("--workers", "--connections", "--clients", "--modes", "--chart"), args);
            if (a.printedHelp(out)) {
                return 0;
            }
            int workers = a.integer("--workers", 4, 1, 16);
            int connections = a.integer("--connections", 2000, 1, 100_000);
            int clients = a.integer("--clients", 8, 1, 256);
            List<SchedulingPolicy> modes = new ArrayList<>();
            for (String m : a.string("--modes", "rr,none,reuseport").split(",")) {
                try {
                    modes.add(SchedulingPolicy.parse(m));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("distribution: --modes: " + e.getMessage());
                }
            }
            Path chart = Path.of(a.string("--chart", "results/05-cluster/distribution.png"));
            out.println("Lab 05, step 3: connections per worker in each mode (" + workers + " workers, " + connections
                    + " short connections from " + clients + " client threads, on " + Runtime.getRuntime().availableProcessors()
                    + " CPUs)");
            out.println();
            List<ModeResult> results = new ArrayList<>();
            for (SchedulingPolicy mode : modes) {
                out.println("  " + mode.wireName() + " ...");
                results.add(runMode(mode, workers, connections, clients, List.of()));
            }
            out.println();
            print(results, out);
            out.println();
            out.println("  chart: " + DistributionChart.write(results, connections, chart));
            return 0;
        } catch (UsageError e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("distribution: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
