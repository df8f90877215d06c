package cachetocluster.cluster.demo;

import cachetocluster.child.Signal;
import cachetocluster.cluster.HandoffCounts;
import cachetocluster.cluster.Primary;
import cachetocluster.cluster.RespawnPolicy;
import cachetocluster.cluster.Respawner;
import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.Settings;
import cachetocluster.cluster.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every demo of this lab starts with: a primary of its own and N workers running the hello cluster
 * ({@link HelloCluster}, port 0: the primary's handle picks one free port for all), with every cluster event written
 * down with the time it arrived. {@link #close()} SIGKILLs whatever is left, so a demo that fails leaves no JVM behind.
 *
 * <p>The same as {@code cluster.fork()} N times in a Node primary, plus {@code cluster.on(event, ...)} for each event.
 */
public final class DemoCluster implements AutoCloseable {

    /** A JVM start on a busy 2-core machine can take seconds; four of them at once, longer. */
    static final long START_DEADLINE_SECONDS = 60;

    /** One cluster event: when (ms since this cluster was made), which, the worker's id, and what it said. */
    public record Event(long atMillis, String name, int worker, String detail) {
        @Override
        public String toString() {
            return String.format("%6d ms  %-9s worker %d%s", atMillis, name, worker, detail.isEmpty() ? "" : "  " + detail);
        }
    }

    private final Primary primary;
    private final SchedulingPolicy policy;
    private final long startNanos = System.nanoTime();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Worker> forked = Collections.synchronizedList(new ArrayList<>());
    private volatile int port = -1;
    private Respawner respawner;

    /** @param jvmOptions the workers' JVM options (Node's execArgv), e.g. none, or lean ones for tests */
    public DemoCluster(SchedulingPolicy policy, List<String> jvmOptions) {
        this.policy = policy;
        primary = new Primary(Map.of()).schedulingPolicy(policy);
        primary.setupPrimary(Settings.none().exec(HelloCluster.class)
                .args("--port", "0", "--mode", policy.wireName()).execArgv(jvmOptions));
        primary.onFork(w -> {
            forked.add(w);
            record("fork", w, "pid " + w.process().pid());
        });
        primary.onOnline(w -> record("online", w, ""));
        primary.onListening((w, a) -> {
            port = a.port();
            record("listening", w, a.url());
        });
        primary.onDisconnect(w -> record("disconnect", w, ""));
        primary.onExit((w, code, signal) -> record("exit", w, "code " + code + ", signal " + signal));
    }

    /** Replaces a worker that dies unasked, as the hello cluster does ({@link RespawnPolicy#defaults()}). */
    public DemoCluster respawning() {
        respawner = new Respawner(primary, RespawnPolicy.defaults(), line -> { }, Map.of()).start();
        return this;
    }

    /** Forks {@code n} workers and waits until all of them listen; returns the port they share. */
    public int start(int n) throws InterruptedException {
        CountDownLatch listening = new CountDownLatch(n);
        primary.onListening((w, a) -> listening.countDown());
        for (int i = 0; i < n; i++) {
            primary.fork();
        }
        if (!listening.await(START_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (n - listening.getCount()) + " of " + n + " workers listened within "
                    + START_DEADLINE_SECONDS + " s; events: " + events());
        }
        return port;
    }

    public int port() {
        return port;
    }

    public SchedulingPolicy policy() {
        return policy;
    }

    public Primary primary() {
        return primary;
    }

    /** Milliseconds since this cluster was made: the clock of {@link #events()}. */
    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The events so far, in the order they arrived. */
    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * Round-robin: waits until the primary has heard the workers accept {@code n} hand-offs in all. A worker answers
     * a hand-off over its IPC channel while it serves the connection, so on a busy machine the answer can reach the
     * primary after the client already has its reply; until then that worker counts as busy, and the next connection
     * goes to another. Polls every millisecond, up to {@code within}.
     */
    public void awaitHandoffsAccepted(long n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long accepted;
        while ((accepted = primary.roundRobinCounts().values().stream().mapToLong(HandoffCounts::accepted).sum()) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the primary heard " + accepted + " of " + n + " hand-offs accepted within "
                        + within.toMillis() + " ms; events: " + events());
            }
            Thread.sleep(1);
        }
    }

    /** The live workers' pids, by id. */
    public Map<Integer, Long> pids() {
        Map<Integer, Long> pids = new TreeMap<>();
        primary.workers().forEach((id, w) -> pids.put(id, w.process().pid()));
        return pids;
    }

    private void record(String name, Worker w, String detail) {
        events.add(new Event(elapsedMillis(), name, w.id(), detail));
    }

    @Override
    public void close() throws InterruptedException {
        if (respawner != null) {
            respawner.stop();
        }
        List<Worker> all;
        synchronized (forked) {
            all = new ArrayList<>(forked);
        }
        primary.workers().values().stream().filter(w -> !all.contains(w)).forEach(all::add);
        for (Worker w : all) {
            w.kill(Signal.SIGKILL);
        }
        for (Worker w : all) {
            w.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
