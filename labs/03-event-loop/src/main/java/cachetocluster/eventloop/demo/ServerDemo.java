package cachetocluster.eventloop.demo;

import cachetocluster.eventloop.DelayMonitor;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;
import cachetocluster.eventloop.Response;
import cachetocluster.eventloop.UncaughtExceptionHandler;
import cachetocluster.eventloop.WorkerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * One server on one event loop, with a fast endpoint and a slow one, and clients in the same process that measure
 * both: the experiment behind steps 3, 4 and 5. Only the slow endpoint changes between them ({@link Mode}).
 *
 * <ul>
 *   <li>{@code GET /} answers "Hello, world" at once.</li>
 *   <li>{@code GET /slow} answers after {@code slowMs}: from a timer (the loop is free meanwhile), after blocking work
 *       in the handler (the loop is not), or after the same work on the {@link WorkerPool}.</li>
 * </ul>
 *
 * <p>The clients: {@code slowClients} connections call {@code /slow} back to back (the load), and a probe sends
 * {@code GET /} every {@code probeEveryMs}, on time whatever the server does: a new user every 10 ms, on an idle
 * connection or a new one (an open model, as wrk2 and lab 06's {@code --rps} generate load). A probe that waited for
 * its previous answer before sending the next would send nothing while the server stalls, and would never see the
 * stall it is there to measure (coordinated omission, lab 06). So the probe's latency is measured from when its
 * request was due. The loop runs a {@link DelayMonitor} (10 ms resolution) that names every callback over 100 ms.
 */
public final class ServerDemo {

    /** Where the slow endpoint's time goes. */
    public enum Mode {
        RESPONSIVE("waits on a timer (setTimeout); the loop serves others meanwhile"),
        BLOCKED("does the work in the handler, on the loop thread"),
        OFFLOADED("does the work on the worker pool; the completion ends the response on the loop");

        private final String description;

        Mode(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** What the slow work is, when there is work (BLOCKED and OFFLOADED). */
    public enum Work {
        /** A blocking call: the thread sleeps in the kernel (a synchronous database driver, readFileSync on a slow disk). */
        SLEEP("Thread.sleep, a blocking call"),
        /** Computation: the thread holds a core (a big JSON.parse, a password hash). */
        CPU("a busy loop, pure computation");

        private final String description;

        Work(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        void run(long ms) throws InterruptedException {
            if (this == SLEEP) {
                Thread.sleep(ms);
                return;
            }
            long end = System.nanoTime() + ms * 1_000_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }

    public record Settings(Mode mode, Work work, long slowMs, int slowClients, long probeEveryMs, long durationMs) {
        public Settings {
            if (slowMs < 1 || slowClients < 0 || probeEveryMs < 1 || durationMs < 1) {
                throw new IllegalArgumentException("slowMs, probeEveryMs and durationMs must be positive, slowClients not negative");
            }
        }

        /** The steps' defaults: 200 ms of slow work, 4 slow clients, a probe every 10 ms, for 3 s. */
        public static Settings defaults(Mode mode) {
            return new Settings(mode, Work.SLEEP, 200, 4, 10, 3_000);
        }

        public Settings with(Work work, long slowMs, int slowClients, long durationMs) {
            return new Settings(mode, work, slowMs, slowClients, probeEveryMs, durationMs);
        }
    }

    /** Latencies of one endpoint, in microseconds. */
    public record Latencies(long count, long p50Micros, long p99Micros, long maxMicros) {
        static Latencies of(Histogram h) {
            return h.getTotalCount() == 0 ? new Latencies(0, 0, 0, 0)
                    : new Latencies(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    /** What the loop's {@link DelayMonitor} saw, in nanoseconds, as Node's histogram reports it. */
    public record LoopDelay(long count, long minNanos, double meanNanos, long p50Nanos, long p99Nanos, long maxNanos, String summary) {}

    public record Result(Settings settings, int port, int poolSize, Latencies slow, Latencies fast, LoopDelay loopDelay,
                         List<DelayMonitor.BlockedCallback> blocked) {}

    static final String HANDLER_NAME = "app";
    private static final byte[] HELLO = "Hello, world\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SLOW = "Sorry for the wait\n".getBytes(StandardCharsets.US_ASCII);
    private static final long WARM_UP_MS = 300;
    private static final int CLIENT_TIMEOUT_MS = 30_000;

    private ServerDemo() {}

    /**
     * Starts the server on a free port, drives it for {@code settings.durationMs()}, closes everything.
     *
     * @throws IOException if a client failed, or the loop stopped on an uncaught exception (a TODO of an exercise
     *         run with --mine, say): then its one-line report is on stderr and the clients are cut off at once
     */
    public static Result run(Settings settings) throws IOException, InterruptedException {
        List<DemoClient> opened = new ArrayList<>(); // every connection the clients made; closed at the end
        AtomicReference<Throwable> loopFailure = new AtomicReference<>();
        try (EventLoop loop = EventLoop.create()) {
            loop.setUncaughtExceptionHandler((error, callback, l) -> {
                loopFailure.compareAndSet(null, error);
                UncaughtExceptionHandler.printAndStop(System.err).uncaught(error, callback, l);
                ProbedLoad.closeAll(opened); // nobody will answer the clients now: let them fail instead of waiting
            });
            List<DelayMonitor.BlockedCallback> blocked = new CopyOnWriteArrayList<>();
            DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop, 10).onBlocked(blocked::add);
            HttpServer server = HttpServer.create(loop, HttpServer.Handler.named(HANDLER_NAME, (request, response) -> {
                response.setHeader("Content-Type", "text/plain");
                switch (request.path()) {
                    case "/" -> response.end(HELLO);
                    case "/slow" -> slow(loop, settings, response);
                    default -> response.status(404).end("Not found\n");
                }
            }));
            server.listen(0, "127.0.0.1");
            int port = server.port();
            monitor.enable();
            Thread loopThread = Thread.ofPlatform().name("event-loop").start(loop::run);
            try {
                // Warm-up: the first requests load and compile the server's code and the clients', start the
                // virtual-thread scheduler and open the connections, which costs tens of milliseconds that are not what
                // we measure. So the same traffic runs for a moment first and is thrown away, with what the monitor saw.
                ConcurrentLinkedQueue<DemoClient> idle = new ConcurrentLinkedQueue<>();
                ProbedLoad.drive(port, "/slow", settings.slowClients(), settings.probeEveryMs(), WARM_UP_MS, idle, opened);
                onLoop(loop, () -> {
                    monitor.reset();
                    blocked.clear();
                    return null;
                });
                ProbedLoad.Load load = ProbedLoad.drive(port, "/slow", settings.slowClients(), settings.probeEveryMs(),
                        settings.durationMs(), idle, opened);
                // The monitor's histogram belongs to the loop thread: read it there.
                LoopDelay delay = onLoop(loop, () -> new LoopDelay(monitor.count(), monitor.min(), monitor.mean(),
                        monitor.percentile(50), monitor.percentile(99), monitor.max(), monitor.summary()));
                return new Result(settings, port, WorkerPool.configuredSize(), Latencies.of(load.slow()),
                        Latencies.of(load.fast()), delay, List.copyOf(blocked));
            } catch (IOException e) {
                throw loopFailure.get() == null ? e : new IOException("the event loop stopped: " + loopFailure.get(), loopFailure.get());
            } finally {
                ProbedLoad.closeAll(opened);
                loop.execute(() -> {
                    monitor.disable();
                    server.close();
                });
                loopThread.join(10_000);
                if (loopThread.isAlive()) {
                    loop.stop(); // a connection that would not close: the demo ends anyway
                    loopThread.join(10_000);
                }
            }
        }
    }

    private static void slow(EventLoop loop, Settings settings, Response response) throws InterruptedException {
        switch (settings.mode()) {
            case RESPONSIVE -> loop.setTimeout(EventLoop.named("the /slow reply", () -> response.end(SLOW)), settings.slowMs());
            case BLOCKED -> {
                settings.work().run(settings.slowMs());
                response.end(SLOW);
            }
            case OFFLOADED -> loop.workerPool().submit(() -> {
                settings.work().run(settings.slowMs());
                return SLOW;
            }, (error, body) -> {
                if (error != null) {
                    response.status(500).end("the work failed: " + error + "\n");
                } else {
                    response.end(body);
                }
            });
        }
    }

    /** Runs {@code task} on the loop thread and waits for its result. */
    private static <T> T onLoop(EventLoop loop, Callable<T> task) throws IOException, InterruptedException {
        FutureTask<T> future = new FutureTask<>(task);
        loop.execute(future);
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("on the event loop: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the event loop did not answer within 30 s");
        }
    }
}
