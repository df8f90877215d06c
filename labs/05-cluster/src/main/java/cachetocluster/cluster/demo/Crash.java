package cachetocluster.cluster.demo;

import cachetocluster.child.Signal;
import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.Worker;
import cachetocluster.cluster.demo.DemoCluster.Event;
import cachetocluster.cluster.demo.StepArgs.UsageError;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 4: a worker crashes under load. A cluster of N workers (replacing the ones that die, with the lab's
 * {@link cachetocluster.cluster.RespawnPolicy}) serves a steady loop of short requests; part-way through, one worker
 * gets SIGKILL, the crash no handler can soften. Then a timeline in 100 ms windows: requests that worked and that
 * failed, which workers answered, and the cluster's events ('exit' with signal SIGKILL, 'fork', 'online',
 * 'listening' of the replacement) where they happened.
 *
 * <p>What it shows: the port never stops answering, because the primary holds it (rr) and the other workers keep
 * serving; what the crash costs is the requests the dead worker held at that instant (a handful at most) and its
 * share of capacity until the new JVM listens, some hundreds of milliseconds later.
 */
public final class Crash {

    static final String USAGE = "usage: crash [--workers N (2)] [--seconds S (5)] [--kill-after MS (1000)] "
            + "[--clients C (2)] [--mode rr|none|reuseport (rr)]";

    static final int WINDOW_MILLIS = 100;

    /** The longest the load waits, after the kill, for the replacement to listen. */
    static final long REPLACEMENT_WAIT_MILLIS = 30_000;

    /** One request of the load: when it ended (cluster clock, ms), whether it worked, who answered (0 if nobody). */
    public record Request(long atMillis, boolean ok, int worker) {}

    /** One 100 ms window of the timeline, with the events that fell into it. */
    public record Window(long fromMillis, int ok, int failed, Set<Integer> workers, List<Event> events) {}

    /** The victim, when it was killed, everything that happened, and the timeline from the start of the load. */
    public record Result(SchedulingPolicy policy, int victim, long victimPid, long loadStartMillis, long killAtMillis,
                         List<Request> requests, List<Event> events, List<Window> timeline) {

        public long ok() {
            return requests.stream().filter(Request::ok).count();
        }

        public long failed() {
            return requests.size() - ok();
        }

        /** The first event named {@code name} of worker {@code id}. */
        public Optional<Event> event(String name, int id) {
            return events.stream().filter(e -> e.name().equals(name) && e.worker() == id).findFirst();
        }

        /** The first worker that listened after the kill: the replacement. */
        public Optional<Event> replacementListening() {
            return events.stream().filter(e -> e.name().equals("listening") && e.atMillis() >= killAtMillis).findFirst();
        }
    }

    /** How long the kill waits, beyond killAfterMillis, for the first answer. */
    private static final long FIRST_ANSWER_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private Crash() {}

    public static Result run(SchedulingPolicy policy, int workers, long seconds, long killAfterMillis, int clients,
                             List<String> jvmOptions) throws InterruptedException {
        try (DemoCluster cluster = new DemoCluster(policy, jvmOptions).respawning()) {
            int port = cluster.start(workers);
            Worker victim = cluster.primary().workers().values().iterator().next();
            long victimPid = victim.process().pid();
            List<Request> requests = Collections.synchronizedList(new ArrayList<>());
            long loadStart = cluster.elapsedMillis();
            long loadEnd = loadStart + seconds * 1000;
            // The load runs --seconds, and on until the replacement has listened for a second (a new JVM on a busy
            // machine can take seconds to start), but never longer than REPLACEMENT_WAIT_MILLIS after the kill.
            AtomicLong endAt = new AtomicLong(loadEnd);
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
            cluster.primary().onListening((w, a) -> {
                if (cluster.elapsedMillis() >= killedAt.get()) {
                    endAt.set(Math.max(loadEnd, cluster.elapsedMillis() + 1000));
                }
            });
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                for (int c = 0; c < clients; c++) {
                    pool.submit(() -> {
                        while (cluster.elapsedMillis() < endAt.get()) {
                            try {
                                int w = HelloClient.workerOf(port, 2_000);
                                requests.add(new Request(cluster.elapsedMillis(), true, w));
                                answered.set(true);
                            } catch (IOException e) {
                                requests.add(new Request(cluster.elapsedMillis(), false, 0));
                            }
                        }
                    });
                }
                Thread.sleep(killAfterMillis); // the demo's script: let the load run, then strike (not a synchronisation)
                // ... but only once the cluster has answered: on a busy machine a cold worker's first reply can take
                // longer than killAfterMillis, and a kill before any answer leaves nothing to compare with.
                long answerDeadline = System.nanoTime() + FIRST_ANSWER_WAIT_NANOS;
                while (!answered.get() && System.nanoTime() < answerDeadline) {
                    Thread.sleep(20);
                }
                long killAt = cluster.elapsedMillis();
                endAt.set(Math.max(loadEnd, killAt + REPLACEMENT_WAIT_MILLIS));
                killedAt.set(killAt);
                victim.kill(Signal.SIGKILL);
                pool.shutdown();
                pool.awaitTermination(seconds + REPLACEMENT_WAIT_MILLIS / 1000 + 30, java.util.concurrent.TimeUnit.SECONDS);
                List<Request> all;
                synchronized (requests) {
                    all = new ArrayList<>(requests);
                }
                all.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
                List<Event> events = cluster.events();
                // A request begun just before the end finishes just after it: the timeline runs to the last one.
                long to = Math.max(endAt.get(), all.isEmpty() ? loadEnd : all.getLast().atMillis() + 1);
                return new Result(policy, victim.id(), victimPid, loadStart, killAt, List.copyOf(all), events,
                        timeline(loadStart, to, all, events));
            }
        }
    }

    static List<Window> timeline(long from, long to, List<Request> requests, List<Event> events) {
        List<Window> windows = new ArrayList<>();
        for (long start = from; start < to; start += WINDOW_MILLIS) {
            long end = start + WINDOW_MILLIS;
            int ok = 0;
            int failed = 0;
            Set<Integer> workers = new TreeSet<>();
            for (Request r : requests) {
                if (r.atMillis() >= start && r.atMillis() < end) {
                    if (r.ok()) {
                        ok++;
                        workers.add(r.worker());
                    } else {
                        failed++;
                    }
                }
            }
            long s = start;
            List<Event> inside = events.stream().filter(e -> e.atMillis() >= s && e.atMillis() < end).toList();
            windows.add(new Window(start - from, ok, failed, workers, inside));
        }
        return windows;
    }

    public static void print(Result r, PrintStream out) {
        out.println(String.format(Locale.ROOT, "  SIGKILL to worker %d (pid %d) at +%d ms of load", r.victim(), r.victimPid(),
                r.killAtMillis() - r.loadStartMillis()));
        out.println();
        out.println("     time   ok failed  answered by   events");
        int most = r.timeline().stream().mapToInt(Window::ok).max().orElse(1);
        for (Window w : r.timeline()) {
            boolean killed = r.killAtMillis() >= w.fromMillis() + r.loadStartMillis()
                    && r.killAtMillis() < w.fromMillis() + r.loadStartMillis() + WINDOW_MILLIS;
            StringBuilder events = new StringBuilder(killed ? "SIGKILL -> worker " + r.victim() + "  " : "");
            for (Event e : w.events()) {
                events.append(e.name()).append(' ').append(e.worker());
                if (e.name().equals("exit")) {
                    events.append(" (").append(e.detail()).append(')');
                }
                events.append("  ");
            }
            out.println(String.format(Locale.ROOT, "  %5.1f s %4d %6d  %-12s %s%s", w.fromMillis() / 1000.0, w.ok(), w.failed(),
                    w.workers().toString(), "#".repeat(Math.max(0, w.ok() * 20 / Math.max(1, most))), events.isEmpty() ? "" : "  " + events.toString().strip()));
        }
        out.println();
        out.println("  " + r.ok() + " requests answered, " + r.failed() + " failed");
        r.event("exit", r.victim()).ifPresent(e -> out.println(String.format(Locale.ROOT,
                "  'exit' of worker %d: %s, %d ms after the SIGKILL", r.victim(), e.detail(), e.atMillis() - r.killAtMillis())));
        r.replacementListening().ifPresent(e -> out.println(String.format(Locale.ROOT,
                "  worker %d (the replacement) listening %d ms after the SIGKILL: a new JVM, started after the backoff",
                e.worker(), e.atMillis() - r.killAtMillis())));
    }

    /** The step's command line. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        try {
            StepArgs a = StepArgs.parse("crash", USAGE, Set.of("--workers", "--seconds", "--kill-after", "--clients", "--mode"), args);
            if (a.printedHelp(out)) {
                return 0;
            }
            int workers = a.integer("--workers", 2, 1, 16);
            int seconds = a.integer("--seconds", 5, 1, 60);
            int killAfter = a.integer("--kill-after", 1000, 0, 59_000);
            int clients = a.integer("--clients", 2, 1, 64);
            SchedulingPolicy policy = a.policy("--mode", SchedulingPolicy.RR);
            if (killAfter >= seconds * 1000) {
                throw new UsageError("crash: --kill-after must be less than --seconds (" + USAGE + ")");
            }
            out.println("Lab 05, step 4: SIGKILL a worker under load; the cluster replaces it and the port keeps answering");
            out.println();
            print(run(policy, workers, seconds, killAfter, clients, List.of()), out);
            return 0;
        } catch (UsageError e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("crash: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
