package cachetocluster.cluster.demo;

import cachetocluster.cluster.Fairness;
import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.demo.StepArgs.UsageError;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 2: who served each request? A cluster of N workers, then M requests one after the other, each on a new
 * connection (like {@code for i in $(seq 20); do curl -s localhost:3000/; done}), and the worker that answered each.
 *
 * <p>In rr mode the answer is a pattern: 1, 2, 1, 2, ... The primary hands each connection to the next free worker,
 * and a worker is free again once its "accepted" for the last hand-off has reached the primary. That answer travels
 * over IPC and can arrive after the client's reply (by a few milliseconds on a busy machine), so here, in rr mode,
 * the client waits for it before the next request: one client at a time then finds every worker free. In none and
 * reuseport mode the kernel decides, and the column looks like dice.
 */
public final class WhoServed {

    static final String USAGE = "usage: who-served [--workers N (2)] [--requests M (20)] [--mode rr|none|reuseport (rr)]";

    /** The request number (from 1), the worker that answered it. */
    public record Served(int request, int worker) {}

    /** What came back: each request's worker, the workers' pids by id, how many each served. */
    public record Result(SchedulingPolicy policy, int port, List<Served> served, Map<Integer, Long> pids,
                         Map<Integer, Long> perWorker) {}

    private WhoServed() {}

    public static Result run(SchedulingPolicy policy, int workers, int requests, List<String> jvmOptions)
            throws IOException, InterruptedException {
        try (DemoCluster cluster = new DemoCluster(policy, jvmOptions)) {
            int port = cluster.start(workers);
            Map<Integer, Long> pids = cluster.pids();
            List<Served> served = new ArrayList<>();
            Map<Integer, Long> perWorker = new TreeMap<>();
            pids.keySet().forEach(id -> perWorker.put(id, 0L));
            for (int i = 1; i <= requests; i++) {
                int worker = HelloClient.workerOf(port, 10_000);
                if (policy == SchedulingPolicy.RR) {
                    cluster.awaitHandoffsAccepted(i, Duration.ofSeconds(10));
                }
                served.add(new Served(i, worker));
                perWorker.merge(worker, 1L, Long::sum);
            }
            return new Result(policy, port, List.copyOf(served), pids, perWorker);
        }
    }

    public static void print(Result r, PrintStream out) {
        out.println("  " + r.pids().size() + " workers (" + r.policy().wireName() + ") listening on 127.0.0.1:" + r.port()
                + "; pids " + r.pids());
        out.println();
        StringBuilder line = new StringBuilder("  request -> worker: ");
        for (Served s : r.served()) {
            line.append(s.worker());
            if (s.request() % 20 == 0 && s.request() < r.served().size()) {
                out.println(line);
                line = new StringBuilder("                      ");
            } else if (s.request() < r.served().size()) {
                line.append(' ');
            }
        }
        out.println(line);
        out.println();
        r.perWorker().forEach((id, n) -> out.println(String.format(Locale.ROOT, "  worker %d (pid %d): %3d connections  %s",
                id, r.pids().get(id), n, "#".repeat((int) (long) n))));
        out.println("  " + Fairness.of(r.perWorker().values()).summary());
    }

    /** The step's command line. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        try {
            StepArgs a = StepArgs.parse("who-served", USAGE, Set.of("--workers", "--requests", "--mode"), args);
            if (a.printedHelp(out)) {
                return 0;
            }
            int workers = a.integer("--workers", 2, 1, 16);
            int requests = a.integer("--requests", 20, 1, 1000);
            SchedulingPolicy policy = a.policy("--mode", SchedulingPolicy.RR);
            out.println("Lab 05, step 2: which worker served each request (a new connection each)");
            out.println();
            print(run(policy, workers, requests, List.of()), out);
            return 0;
        } catch (UsageError e) {
            err.println(e.getMessage());
            return 2;
        } catch (java.net.SocketTimeoutException e) {
            err.println("who-served: GET / got no answer within 10 s (" + e.getMessage() + "); with --mine, a TODO above names the method to write");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("who-served: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
