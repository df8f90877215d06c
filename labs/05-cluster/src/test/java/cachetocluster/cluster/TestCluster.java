package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cachetocluster.child.Signal;
import cachetocluster.cluster.demo.HelloCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A primary of the tests' own with its events recorded in queues; every wait has a deadline. Workers start lean (C1
 * only, Serial GC): they live seconds, and the two cores are shared with other builds. {@link #close()} kills what is
 * left with SIGKILL, so a failing test leaves no JVM behind.
 */
final class TestCluster implements AutoCloseable {

    /** Generous: on a 2-core machine shared with other builds, starting a worker JVM and its server took up to 30 s. */
    static final long DEADLINE_SECONDS = 60;
    static final Duration DEADLINE = Duration.ofSeconds(DEADLINE_SECONDS);
    static final List<String> LEAN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    record Listening(Worker worker, Address address) {}

    record Exited(Worker worker, Integer code, String signal) {}

    record Message(Worker worker, Object message) {}

    final Primary primary;
    final BlockingQueue<Worker> online = new LinkedBlockingQueue<>();
    final BlockingQueue<Listening> listening = new LinkedBlockingQueue<>();
    final BlockingQueue<Exited> exits = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    /** "fork 1", "online 1", "listening 1", "disconnect 1", "exit 1" in the order the cluster emitted them. */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Worker> forked = Collections.synchronizedList(new ArrayList<>());

    private TestCluster(SchedulingPolicy policy, String exec, List<String> args) {
        primary = new Primary(Map.of()).schedulingPolicy(policy);
        primary.setupPrimary(Settings.none().exec(exec).args(args).execArgv(LEAN));
        primary.onFork(w -> {
            forked.add(w);
            events.add("fork " + w.id());
        });
        primary.onOnline(w -> {
            events.add("online " + w.id());
            online.add(w);
        });
        primary.onListening((w, a) -> {
            events.add("listening " + w.id());
            listening.add(new Listening(w, a));
        });
        primary.onDisconnect(w -> events.add("disconnect " + w.id()));
        primary.onExit((w, code, signal) -> {
            events.add("exit " + w.id());
            exits.add(new Exited(w, code, signal));
        });
        primary.onMessage((w, m) -> messages.add(new Message(w, m)));
    }

    /** Workers running the hello cluster on port 0 (the primary's handle picks one port for all). */
    static TestCluster hello(SchedulingPolicy policy, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--mode", policy.wireName()));
        args.addAll(List.of(extraArgs));
        return new TestCluster(policy, HelloCluster.class.getName(), args);
    }

    /** Workers running {@code exec}. */
    static TestCluster of(SchedulingPolicy policy, Class<?> exec, String... args) {
        return new TestCluster(policy, exec.getName(), List.of(args));
    }

    /** Forks {@code n} workers and waits until all listen; returns them in id order, and checks they share one port. */
    List<Worker> startListening(int n) throws InterruptedException {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            workers.add(primary.fork());
        }
        List<Listening> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seen.add(poll(listening, "'listening' of worker " + (i + 1) + " of " + n));
        }
        assertThat(seen.stream().map(l -> l.address().port()).distinct().toList())
                .as("the ports the %d workers listen on (one shared port)", n).hasSize(1);
        return workers;
    }

    /** The port the last 'listening' event reported. */
    int port() {
        return lastPort;
    }

    private volatile int lastPort;

    <T> T poll(BlockingQueue<T> queue, String waitingFor) throws InterruptedException {
        T value = queue.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (value == null) {
            fail("nothing came within " + DEADLINE_SECONDS + " s while waiting for " + waitingFor + "; events so far: " + events);
        }
        if (value instanceof Listening l) {
            lastPort = l.address().port();
        }
        return value;
    }

    /**
     * The body of {@code GET /} on a new connection to the cluster's port; a failure says which request it was and what
     * the cluster did so far (a worker that died shows as "exit N").
     */
    String hello(String which) {
        try {
            return Http.hello(lastPort);
        } catch (java.io.IOException e) {
            throw new AssertionError(which + " on port " + lastPort + " failed: " + e + "; events so far: " + events, e);
        }
    }

    /** The next message (from any worker) that is a map with {@code key}. */
    Message nextMessageWith(String key) throws InterruptedException {
        while (true) {
            Message m = poll(messages, "a worker's message with \"" + key + "\"");
            if (m.message() instanceof Map<?, ?> map && map.containsKey(key)) {
                return m;
            }
        }
    }

    /** The next 'exit' of {@code worker}, skipping others. */
    Exited nextExitOf(Worker worker) throws InterruptedException {
        while (true) {
            Exited e = poll(exits, "the exit of worker " + worker.id());
            if (e.worker() == worker) {
                return e;
            }
        }
    }

    @Override
    public void close() throws Exception {
        List<Worker> all;
        synchronized (forked) {
            all = new ArrayList<>(forked);
        }
        for (Worker w : primary.workers().values()) {
            if (!all.contains(w)) {
                all.add(w); // forked but its 'fork' event has not run yet
            }
        }
        for (Worker w : all) {
            w.kill(Signal.SIGKILL);
        }
        for (Worker w : all) {
            if (!w.process().waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                fail("worker " + w.id() + " (pid " + w.process().pid() + ") still runs after SIGKILL");
            }
        }
    }
}
