package cachetocluster.eventloop.demo;

import cachetocluster.eventloop.DelayMonitor;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.Response;
import cachetocluster.eventloop.WorkerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * <p>The server, its monitor and its clients are {@link ProbedServer}'s (lab 04's offload step runs the same
 * experiment with another slow path). The clients ({@link ProbedLoad}): {@code slowClients} connections call {@code /slow} back to back (the load), and a probe sends
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

    private static final byte[] SLOW = "Sorry for the wait\n".getBytes(StandardCharsets.US_ASCII);

    private ServerDemo() {}

    /**
     * Starts the server on a free port, drives it for {@code settings.durationMs()}, closes everything.
     *
     * @throws IOException if a client failed, or the loop stopped on an uncaught exception (a TODO of an exercise
     *         run with --mine, say): then its one-line report is on stderr and the clients are cut off at once
     */
    public static Result run(Settings settings) throws IOException, InterruptedException {
        ProbedServer.Measured m = ProbedServer.run("/slow", (loop, response) -> slow(loop, settings, response),
                settings.slowClients(), settings.probeEveryMs(), settings.durationMs());
        return new Result(settings, m.port(), WorkerPool.configuredSize(), m.slow(), m.fast(), m.loopDelay(), m.blocked());
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
}
