package cachetocluster.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link Scenario}: arrivals dealt over the event loops, each loop running its users with
 * {@link VirtualUsers}. The run ends when the last user has left (or Ctrl-C); every request has the scenario's
 * timeout, so a slow server cannot keep the run going far past its phases (artillery #656) without saying so.
 */
public final class ScenarioRunner {

    /** What a scenario run measured. Latencies are from each request's send (a user sends when it is ready). */
    public record Result(Scenario scenario, Instant startedAt, double elapsedSeconds, long requests, LatencyRecorder latency,
                         ErrorTable errors, long bodyBytes, long created, long completed, long failed, long skipped,
                         Map<String, Long> createdByName, Histogram sessionMicros, List<Timeline.Point> timeline,
                         boolean interrupted) {}

    private final Scenario scenario;
    private final int threads;
    private final Reactor.Kind loop;
    private volatile RunControl control;
    private volatile boolean abortRequested;

    public ScenarioRunner(Scenario scenario, int threads, Reactor.Kind loop) {
        if (scenario.target() == null) throw new IllegalArgumentException("the script has no config.target: add one, or give --target URL");
        this.scenario = scenario;
        this.threads = threads;
        this.loop = loop;
    }

    public static Result run(Scenario scenario) {
        return new ScenarioRunner(scenario, Runtime.getRuntime().availableProcessors(), Reactor.Kind.LEAN).run(t -> { });
    }

    public Result run(Consumer<Timeline> eachSecond) {
        Engine.Target target = Engine.Target.of(scenario.target(), scenario.insecure());
        List<VirtualUsers.Plan> plans = VirtualUsers.plan(scenario);
        ArrivalSchedule schedule = new ArrivalSchedule(scenario.phases());
        int loops = Math.max(1, Math.min(threads, schedule.arrivals().size()));
        AtomicInteger alive = new AtomicInteger();
        List<Workload> workloads = new ArrayList<>();
        List<VirtualUsers> users = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            VirtualUsers u = new VirtualUsers(schedule.share(i, loops), scenario.phases(), plans, alive, i, loops);
            users.add(u);
            workloads.add(u);
        }
        Instant startedAt = Instant.now();
        RunControl run = new RunControl(System.nanoTime(), 0, Long.MAX_VALUE);
        control = run;
        if (abortRequested) run.abort();
        Engine.Run done = Engine.run(target, workloads, (long) (scenario.timeoutSeconds() * 1e9), run, loop, eachSecond);
        Map<String, Long> byName = new LinkedHashMap<>();
        Histogram sessions = LatencyRecorder.newHistogram();
        long created = 0, completed = 0, failed = 0, skipped = 0;
        for (VirtualUsers u : users) {
            created += u.created;
            completed += u.completed;
            failed += u.failed;
            skipped += u.skipped;
            u.createdByName.forEach((k, v) -> byName.merge(k, v, Long::sum));
            sessions.add(u.sessionMicros);
        }
        return new Result(scenario, startedAt, (done.endNanos() - run.startNanos()) / 1e9, done.sum(l -> l.sent), done.latency(),
                done.errors(), done.sum(l -> l.bodyBytes), created, completed, failed, skipped, byName, sessions,
                done.timeline().points(), run.aborted());
    }

    /** Ends the run now (Ctrl-C). Any thread. */
    public void abort() {
        abortRequested = true;
        RunControl c = control;
        if (c != null) c.abort();
    }
}
