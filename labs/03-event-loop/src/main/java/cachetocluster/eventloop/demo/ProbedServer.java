package cachetocluster.eventloop.demo;

import cachetocluster.eventloop.DelayMonitor;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;
import cachetocluster.eventloop.Response;
import cachetocluster.eventloop.UncaughtExceptionHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server side of the experiments ({@link ServerDemo} here, lab 04's offload step): one {@link HttpServer} on an
 * event loop of its own thread, answering {@code GET /} at once and one slow path with the handler the experiment
 * gives; a {@link DelayMonitor} (10 ms resolution) that names every callback over 100 ms; and the clients of
 * {@link ProbedLoad}, first for a moment that is thrown away (the first requests load and compile the server's code
 * and the clients', start the virtual-thread scheduler and open the connections), then measured.
 */
public final class ProbedServer {

    /** What the slow path does with its response; it runs on the loop thread, as any handler. */
    @FunctionalInterface
    public interface SlowPath {
        void handle(EventLoop loop, Response response) throws Exception;
    }

    /** What was measured: the clients' latencies and what the loop's monitor saw. */
    public record Measured(int port, ServerDemo.Latencies slow, ServerDemo.Latencies fast, ServerDemo.LoopDelay loopDelay,
                           List<DelayMonitor.BlockedCallback> blocked) {}

    /** The handler's name in blocked-callback reports: "HTTP GET /slow (handler app)". */
    public static final String HANDLER_NAME = "app";
    private static final byte[] HELLO = "Hello, world\n".getBytes(StandardCharsets.US_ASCII);
    private static final long WARM_UP_MS = 300;

    private ProbedServer() {}

    /**
     * Starts the server on a free port, drives it for {@code durationMs} after the warm-up, closes everything.
     *
     * @throws IOException if a client failed, or the loop stopped on an uncaught exception (a TODO of an exercise
     *         run with --mine, say): then its one-line report is on stderr and the clients are cut off at once
     */
    public static Measured run(String slowPath, SlowPath slow, int slowClients, long probeEveryMs, long durationMs)
            throws IOException, InterruptedException {
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
                if (request.path().equals("/")) {
                    response.end(HELLO);
                } else if (request.path().equals(slowPath)) {
                    slow.handle(loop, response);
                } else {
                    response.status(404).end("Not found\n");
                }
            }));
            server.listen(0, "127.0.0.1");
            int port = server.port();
            monitor.enable();
            Thread loopThread = Thread.ofPlatform().name("event-loop").start(loop::run);
            try {
                ConcurrentLinkedQueue<DemoClient> idle = new ConcurrentLinkedQueue<>();
                ProbedLoad.drive(port, slowPath, slowClients, probeEveryMs, WARM_UP_MS, idle, opened);
                onLoop(loop, () -> {
                    monitor.reset();
                    blocked.clear();
                    return null;
                });
                ProbedLoad.Load load = ProbedLoad.drive(port, slowPath, slowClients, probeEveryMs, durationMs, idle, opened);
                // The monitor's histogram belongs to the loop thread: read it there.
                ServerDemo.LoopDelay delay = onLoop(loop, () -> new ServerDemo.LoopDelay(monitor.count(), monitor.min(),
                        monitor.mean(), monitor.percentile(50), monitor.percentile(99), monitor.max(), monitor.summary()));
                return new Measured(port, ServerDemo.Latencies.of(load.slow()), ServerDemo.Latencies.of(load.fast()), delay,
                        List.copyOf(blocked));
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
                    loop.stop(); // a connection that would not close: the experiment ends anyway
                    loopThread.join(10_000);
                }
            }
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
