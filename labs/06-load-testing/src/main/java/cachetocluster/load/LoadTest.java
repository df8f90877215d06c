package cachetocluster.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * jload's API: {@code LoadTest.run(options)} runs a load test and returns what it measured. Tests, notebooks and
 * the other labs call it the way Node programs call loadtest's {@code loadTest(options)}:
 * <pre>{@code
 * LoadResult r = LoadTest.run(LoadOptions.builder("http://127.0.0.1:3000/")
 *         .concurrency(50).keepAlive(true).maxSeconds(5).build());
 * System.out.println(r.repliesPerSecond() + " req/s, p99 " + r.responseTime().p99() + " ms");
 * }</pre>
 *
 * <p>How the work is split across {@code --threads} event loops:
 * <ul>
 *   <li>closed model: the {@code -c} connections are dealt out (10 over 4 loops: 3, 3, 2, 2); {@code -n} is one
 *       shared counter, so exactly {@code -n} requests go out however fast each loop is;</li>
 *   <li>open model: the schedule is dealt out request by request ({@link OpenSchedule} lanes), and the
 *       connection cap like {@code -c} above.</li>
 * </ul>
 */
public final class LoadTest {

    private final LoadOptions options;
    private volatile RunControl control;
    private volatile boolean abortRequested;

    public LoadTest(LoadOptions options) {
        this.options = options;
    }

    /** Runs {@code options} to the end. */
    public static LoadResult run(LoadOptions options) {
        return new LoadTest(options).run(timeline -> { });
    }

    /** Runs, calling {@code eachSecond} with the timeline so far about once a second (for a progress line). */
    public LoadResult run(Consumer<Timeline> eachSecond) {
        Engine.Target target = Engine.Target.of(options.url(), options.insecure());
        RequestTemplate template = options.template();
        int loops = options.loops();
        List<Workload> workloads = new ArrayList<>();
        ClosedWorkload.Tickets tickets = new ClosedWorkload.Tickets(options.maxRequests());
        long maxNanos = (long) (options.maxSeconds() * 1e9);
        for (int i = 0; i < loops; i++) {
            int share = share(options.maxConnections(), loops, i);
            workloads.add(options.openModel()
                    ? new OpenWorkload(template, new OpenSchedule(options.rps(), i, loops, options.maxRequests(), maxNanos), share)
                    : new ClosedWorkload(template, tickets, share));
        }
        long drainNanos = options.maxSeconds() > 0 ? options.drainMillis() * 1_000_000 : Long.MAX_VALUE;
        Instant startedAt = Instant.now();
        RunControl run = new RunControl(System.nanoTime(), maxNanos, drainNanos);
        control = run;
        if (abortRequested) run.abort();
        long cpuBefore = processCpuNanos();
        Engine.Run done = Engine.run(target, workloads, options.timeoutMillis() * 1_000_000, run, options.loop(), eachSecond);
        long cpuAfter = processCpuNanos();
        return result(done, workloads, startedAt, cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1e9);
    }

    /** Stops sending and ends the run without waiting for replies in flight (what Ctrl-C does). Any thread. */
    public void abort() {
        abortRequested = true;
        RunControl c = control;
        if (c != null) c.abort();
    }

    /** Loop {@code i}'s share of {@code total}, dealt as evenly as possible. */
    static int share(int total, int loops, int i) {
        return total / loops + (i < total % loops ? 1 : 0);
    }

    /** The CPU time of this JVM so far (every thread), or -1 where the platform does not say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private LoadResult result(Engine.Run run, List<Workload> workloads, Instant startedAt, double cpuSeconds) {
        long start = run.control().startNanos();
        long sent = run.sum(l -> l.sent);
        long unsent = 0;
        long waitedForConnection = 0;
        for (Workload w : workloads) {
            unsent += w.unsent();
            waitedForConnection += w.waitedForConnection();
        }
        LoadResult.StopReason reason;
        if (run.control().aborted()) {
            reason = LoadResult.StopReason.INTERRUPTED;
        } else if (options.maxRequests() > 0 && sent >= options.maxRequests()) {
            reason = LoadResult.StopReason.MAX_REQUESTS;
        } else {
            reason = LoadResult.StopReason.MAX_TIME;
        }
        // The sending window. Open model: up to the last actual send, plus one interval (N requests at R/s make
        // N/R seconds, and a generator that fell behind sends its last one late and shows a lower rate). Closed
        // model: up to when the time limit stopped sending, or the last send.
        double sending;
        if (options.openModel()) {
            sending = sent == 0 ? 0 : (run.lastSendNanos() - start) / 1e9 + 1 / options.rps();
        } else {
            long stopped = reason == LoadResult.StopReason.MAX_TIME ? run.sendingStoppedNanos() : run.lastSendNanos();
            sending = (stopped - start) / 1e9;
        }
        double elapsed = (run.endNanos() - start) / 1e9;
        sending = Math.min(sending, elapsed); // the extra interval of the open model never outlasts the run
        return new LoadResult(options, options.openModel() ? "open" : "closed", run.loops().size(), startedAt, sent,
                run.errors().replies(), unsent, waitedForConnection, run.errors(), run.latency(), elapsed, sending,
                Math.max(0, (run.endNanos() - run.sendingStoppedNanos()) / 1e9), reason,
                run.sum(l -> l.connectionsOpened), run.sum(l -> l.bytesReceived), run.sum(l -> l.bodyBytes),
                run.timeline().points(), cpuSeconds);
    }
}
