package cachetocluster.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * artillery's model: virtual users arrive on the {@link ArrivalSchedule} (open: an arrival does not wait for
 * anyone), and each walks through its scenario's flow on its own keep-alive connection, one request after the
 * other (closed, within the user). A request that fails without a reply ends the user as failed; an HTTP error
 * does not (artillery counts it under {@code http.codes}). The counters are artillery's {@code vusers.*}.
 */
final class VirtualUsers implements Workload {

    /** A flow flattened for the run: each step a pre-encoded request or a think time. */
    record Plan(String name, int weight, List<Object> steps) {}

    private final class User {
        final Plan plan;
        final Connection connection;
        final long started;
        int step;
        long wakeAt;

        User(Plan plan, Connection connection, long started) {
            this.plan = plan;
            this.connection = connection;
            this.started = started;
        }
    }

    private final List<ArrivalSchedule.Arrival> arrivals;
    private final List<Scenario.Phase> phases;
    private final List<Plan> plans;
    private final int[] picks;
    private final AtomicInteger alive;
    private final int loops;
    private final PriorityQueue<User> thinking = new PriorityQueue<>((a, b) -> Long.compare(a.wakeAt, b.wakeAt));
    private int nextArrival;
    private int arrivalIndex;
    private int active;
    private boolean stopped;

    long created;
    long completed;
    long failed;
    long skipped;
    final Map<String, Long> createdByName = new LinkedHashMap<>();
    final Histogram sessionMicros = LatencyRecorder.newHistogram();

    /** {@code firstIndex}: the run-wide number of this loop's first arrival, so scenario picks follow the run's order. */
    VirtualUsers(List<ArrivalSchedule.Arrival> arrivals, List<Scenario.Phase> phases, List<Plan> plans, AtomicInteger alive, int firstIndex, int loops) {
        this.arrivals = arrivals;
        this.phases = phases;
        this.plans = plans;
        this.alive = alive;
        this.arrivalIndex = firstIndex;
        this.picks = weights(plans);
        this.loops = loops;
    }

    // Scenario i is picked weight[i] times in every round of sum(weights) users: weights 2 and 1 give A, A, B, A, A, B...
    private static int[] weights(List<Plan> plans) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) for (int w = 0; w < plans.get(i).weight(); w++) order.add(i);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public long poll(LoadLoop loop, long now) {
        long start = loop.control().startNanos();
        while (!stopped && nextArrival < arrivals.size() && now - (start + arrivals.get(nextArrival).offsetNanos()) >= 0) {
            arrive(loop, arrivals.get(nextArrival), now);
            nextArrival++;
            arrivalIndex += loops;
        }
        while (!stopped && !thinking.isEmpty() && now - thinking.peek().wakeAt >= 0) {
            advance(loop, thinking.poll(), now);
        }
        long wake = Long.MAX_VALUE;
        if (!stopped && nextArrival < arrivals.size()) wake = start + arrivals.get(nextArrival).offsetNanos();
        if (!stopped && !thinking.isEmpty()) wake = Math.min(wake, thinking.peek().wakeAt);
        return wake;
    }

    private void arrive(LoadLoop loop, ArrivalSchedule.Arrival arrival, long now) {
        int cap = phases.get(arrival.phase()).maxVusers();
        if (cap > 0 && alive.get() >= cap) {
            skipped++;
            return;
        }
        Plan plan = plans.get(picks[arrivalIndex % picks.length]);
        created++;
        createdByName.merge(plan.name(), 1L, Long::sum);
        active++;
        alive.incrementAndGet();
        Connection c = loop.newConnection();
        User user = new User(plan, c, now);
        c.owner = user;
        advance(loop, user, now);
    }

    private void advance(LoadLoop loop, User user, long now) {
        if (user.step < user.plan.steps().size()) {
            Object step = user.plan.steps().get(user.step++);
            if (step instanceof RequestTemplate template) {
                loop.start(user.connection, template, now, now);
            } else {
                user.wakeAt = now + (Long) step;
                thinking.add(user);
                loop.reactor().wakeup(); // the loop's clock must learn the new wake time
            }
            return;
        }
        completed++;
        sessionMicros.recordValue((now - user.started) / 1000);
        leave(loop, user);
    }

    private void leave(LoadLoop loop, User user) {
        loop.retire(user.connection);
        active--;
        alive.decrementAndGet();
    }

    @Override
    public void ended(LoadLoop loop, Connection connection, boolean requestFailed, long now) {
        User user = (User) connection.owner;
        if (requestFailed) {
            failed++;
            leave(loop, user);
        } else if (stopped) {
            leave(loop, user);
        } else {
            advance(loop, user, now);
        }
    }

    /** Stopped (the loop then waits for requests in flight itself; thinking users are dropped), or all arrived and left. */
    @Override
    public boolean exhausted() {
        return stopped || (nextArrival >= arrivals.size() && active == 0);
    }

    @Override
    public void stopSending() {
        stopped = true;
    }

    /** Flattens each scenario's flow (loops unrolled) and encodes its requests once. */
    static List<Plan> plan(Scenario scenario) {
        List<Plan> plans = new ArrayList<>();
        for (Scenario.Flow flow : scenario.scenarios()) {
            List<Object> steps = new ArrayList<>();
            flatten(flow.steps(), scenario, steps);
            plans.add(new Plan(flow.name(), flow.weight(), List.copyOf(steps)));
        }
        return plans;
    }

    private static final int MAX_STEPS = 10_000_000;

    private static void flatten(List<Scenario.Step> steps, Scenario scenario, List<Object> out) {
        for (Scenario.Step step : steps) {
            switch (step) {
                case Scenario.Request r -> out.add(template(r, scenario));
                case Scenario.Think t -> out.add(Math.round(t.seconds() * 1e9));
                case Scenario.Loop l -> {
                    if ((long) out.size() + (long) l.count() * l.steps().size() > MAX_STEPS) {
                        throw new IllegalArgumentException("a flow of more than " + MAX_STEPS + " steps per user (loops unrolled) is more than jload plans for");
                    }
                    for (int i = 0; i < l.count(); i++) flatten(l.steps(), scenario, out);
                }
            }
        }
    }

    private static RequestTemplate template(Scenario.Request r, Scenario scenario) {
        URI target = scenario.target();
        URI url = r.url().startsWith("http://") || r.url().startsWith("https://")
                ? URI.create(r.url())
                : URI.create(target.getScheme() + "://" + target.getRawAuthority() + prefix(target) + (r.url().startsWith("/") ? "" : "/") + r.url());
        if (!url.getHost().equalsIgnoreCase(target.getHost()) || port(url) != port(target) || !url.getScheme().equals(target.getScheme())) {
            throw new IllegalArgumentException("the flow's url " + r.url() + " is not on the target " + target + " (jload sends every request to the target)");
        }
        List<String> headers = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(scenario.defaultHeaders());
        all.putAll(r.headers());
        all.forEach((name, value) -> headers.add(name + ": " + value));
        String type = r.contentType() == null ? "text/plain" : r.contentType();
        return RequestTemplate.of(r.method(), url, headers, r.body(), type, List.of(), true);
    }

    private static String prefix(URI target) {
        String path = target.getRawPath();
        return path == null || path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
    }
}
