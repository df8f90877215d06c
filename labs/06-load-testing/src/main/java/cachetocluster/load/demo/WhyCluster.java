package cachetocluster.load.demo;

import cachetocluster.child.Signal;
import cachetocluster.cluster.Primary;
import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.Worker;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;
import cachetocluster.load.LoadOptions;
import cachetocluster.load.LoadResult;
import cachetocluster.load.LoadTest;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why lab 05 builds a cluster: the same CPU-bound handler (about {@code workMicros} of computation per request)
 * on lab 03's event loop, which computes on one thread and so on one core, and on a thread-per-connection server,
 * which can use every core. The same closed-model load against each, with the LoadTest API; one table.
 *
 * <p>The event loop's rate cannot pass about 1,000,000 / workMicros replies/s, however many cores the machine has:
 * that ceiling is what cluster mode lifts, with one loop per core behind one port.
 */
public final class WhyCluster {

    public record Settings(long workMicros, int connections, double seconds) {
        public static Settings classroom() {
            return new Settings(1000, 20, 5);
        }
    }

    /** One server's row. {@code result} is null for a server not measured here (a hook), with {@code note} saying why. */
    public record Row(String server, String node, LoadResult result, String note) {}

    /** A server to measure: started on a free port of 127.0.0.1, closed after its run. */
    interface Target {
        String name();

        String node();

        Started start(long workNanos) throws IOException;
    }

    interface Started extends AutoCloseable {
        String url();

        @Override
        void close();
    }

    private WhyCluster() {}

    /** Lab 03's HttpServer on lab 03's EventLoop, on one thread; the handler computes, then answers. */
    static final Target EVENT_LOOP = new Target() {
        public String name() { return "lab 03: one event loop"; }

        public String node() { return "node server.js"; }

        public Started start(long workNanos) {
            EventLoop loop = EventLoop.create();
            HttpServer server = HttpServer.create(loop, HttpServer.Handler.named("why-cluster", (req, res) -> {
                DemoServer.spin(workNanos);
                res.setHeader("Content-Type", "text/plain");
                res.end("ok\n");
            }));
            server.listen(0, "127.0.0.1");
            Thread thread = Thread.ofPlatform().name("why-cluster-loop").start(loop::run);
            return new Started() {
                public String url() { return "http://127.0.0.1:" + server.port() + "/"; }

                public void close() {
                    loop.execute(server::close);
                    try {
                        thread.join(10_000);
                        if (thread.isAlive()) {
                            loop.stop();
                            thread.join(10_000);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    loop.close();
                }
            };
        }
    };

    /** A blocking server, a (virtual) thread per connection: lab 02's model. Uses every core. */
    static final Target THREAD_PER_CONNECTION = new Target() {
        public String name() { return "blocking, a thread per connection"; }

        public String node() { return "(none: Node has one thread)"; }

        public Started start(long workNanos) throws IOException {
            DemoServer server = DemoServer.start(DemoServer.Workers.MANY, n -> {
                DemoServer.spin(workNanos);
                return 0;
            });
            return new Started() {
                public String url() { return server.url(); }

                public void close() { server.close(); }
            };
        }
    };

    /**
     * Lab 05's cluster: a primary and one worker per core sharing one port, each worker running the event-loop row's
     * handler on its own loop (SpinWorker). The shared handle (Node's SCHED_NONE): the workers accept themselves, so
     * the primary, which shares the cores, does no per-connection work.
     */
    static final Target CLUSTER = new Target() {
        public String name() { return "lab 05: the cluster, one loop per core"; }

        public String node() { return "cluster.fork() per core, pm2 -i max"; }

        public Started start(long workNanos) throws IOException {
            int workers = Runtime.getRuntime().availableProcessors();
            Primary primary = new Primary(Map.of()).schedulingPolicy(SchedulingPolicy.NONE);
            primary.setupPrimary(cachetocluster.cluster.Settings.none().exec(SpinWorker.class).args(Long.toString(workNanos)));
            CountDownLatch listening = new CountDownLatch(workers);
            AtomicInteger port = new AtomicInteger();
            primary.onListening((w, address) -> {
                port.set(address.port());
                listening.countDown();
            });
            List<Worker> forked = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                forked.add(primary.fork());
            }
            Runnable stop = () -> {
                for (Worker w : forked) {
                    w.kill(Signal.SIGKILL);
                }
                for (Worker w : forked) {
                    try {
                        w.process().waitFor(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            try {
                if (!listening.await(60, TimeUnit.SECONDS)) {
                    stop.run();
                    throw new IOException("the cluster's " + workers + " workers did not all listen within 60 s");
                }
            } catch (InterruptedException e) {
                stop.run();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the cluster started", e);
            }
            return new Started() {
                public String url() { return "http://127.0.0.1:" + port.get() + "/"; }

                public void close() { stop.run(); }
            };
        }
    };

    static final List<Target> TARGETS = List.of(EVENT_LOOP, THREAD_PER_CONNECTION, CLUSTER);

    public static List<Row> run(Settings s) throws IOException {
        Figures.warmUp();
        List<Row> rows = new ArrayList<>();
        for (Target target : TARGETS) {
            try (Started server = target.start(s.workMicros() * 1000)) {
                LoadResult r = LoadTest.run(LoadOptions.builder(server.url()).keepAlive(true)
                        .concurrency(s.connections()).maxSeconds(s.seconds()).quiet(true).build());
                rows.add(new Row(target.name(), target.node(), r, null));
            }
        }
        // Lab 02's own BlockingServer would sit beside the thread-per-connection row once lab 06's pom depends on
        // lab-02-blocking; DemoServer.Workers.MANY is the same model (a virtual thread per connection, blocking I/O).
        return rows;
    }

    public static void print(Settings s, List<Row> rows, PrintStream out) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "Each request computes for %d µs. Closed model: -c %d -k -t %s, the LoadTest API. %d CPUs.%n",
                s.workMicros(), s.connections(), s.seconds(), cores);
        out.printf(Locale.ROOT, "One thread can answer at most ~%s replies/s; jload shares the CPUs with the server.%n%n",
                Figures.rate(1_000_000.0 / s.workMicros()));
        Figures table = new Figures("server", "like", "replies/s", "p50 ms", "p99 ms", "errors");
        for (Row r : rows) {
            if (r.result() == null) {
                table.row(r.server(), r.node(), "-", "-", "-", "-");
            } else {
                var rt = r.result().responseTime();
                table.row(r.server(), r.node(), Figures.rate(r.result().repliesPerSecond()), rt.p50(), rt.p99(),
                        r.result().errorCount());
            }
        }
        table.lines().forEach(out::println);
        for (Row r : rows) {
            if (r.result() == null) out.println("  (" + r.server() + ": " + r.note() + ")");
        }
        out.println();
        out.println("The event loop computes on one thread: its rate stops near one core's worth, however many cores");
        out.println("there are. Threads use them all, at a thread's cost per connection. Lab 05's cluster keeps the");
        out.println("event loop and runs one per core.");
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.classroom();
        print(s, run(s), System.out);
    }
}
