package cachetocluster.blocking;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One of the three blocking servers, on a port of your choice, until Ctrl-C: point curl, a browser,
 * wrk or Node's tools at it and watch the counters it prints once a second.
 */
@Command(name = "Serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one blocking HTTP server on 127.0.0.1 until Ctrl-C, and prints once a second what it serves.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--mode", paramLabel = "MODE", description = "single, threads or virtual (default: ${DEFAULT-VALUE}).")
    String mode = "virtual";

    @Option(names = "--threads", paramLabel = "N", description = "The pool's size in --mode threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--port", paramLabel = "PORT", description = "The port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--handler", paramLabel = "HANDLER",
            description = "hello, slow:200ms, cpu:50ms, where:10ms or file:PATH (default: ${DEFAULT-VALUE}).")
    String handler = "hello";

    @Option(names = "--idle-timeout", paramLabel = "TIME", description = "How long an idle keep-alive connection may hold its thread (default: ${DEFAULT-VALUE}).")
    String idleTimeout = "5s";

    @Option(names = "--stop-after", paramLabel = "TIME", description = "Stop by itself after this long, instead of waiting for Ctrl-C.")
    String stopAfter;

    @Option(names = "--quiet", description = "No line per second.")
    boolean quiet;

    private final PrintStream stdout;
    private final PrintStream stderr;

    ServeCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        var command = new CommandLine(new ServeCommand(stdout, stderr))
                .setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true));
        command.setParameterExceptionHandler((e, a) -> {
            stderr.println("serve: " + e.getMessage() + " (try --help)");
            return 2;
        });
        command.setExecutionExceptionHandler((e, c, p) -> {
            stderr.println("serve: failed: " + e.getMessage());
            return 1;
        });
        return command.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Mode serverMode;
        Handler app;
        Duration idle;
        Duration stop;
        try {
            serverMode = Mode.parse(mode, threads);
            app = Handlers.parse(handler);
            idle = Handlers.duration(idleTimeout);
            stop = stopAfter == null ? null : Handlers.duration(stopAfter);
        } catch (IllegalArgumentException e) {
            stderr.println("serve: " + e.getMessage());
            return 2;
        }
        BlockingServer server;
        try {
            server = BlockingServer.start(serverMode, app, port, idle);
        } catch (BindException e) {
            stderr.println("serve: " + e.getMessage());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopped.countDown();
            summary(server);
        });
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C: the JVM runs this before it exits
        String url = "http://127.0.0.1:" + server.port() + "/";
        stdout.println("Listening on " + url + " (" + describe(serverMode) + ", handler " + handler + "). Ctrl-C stops.");
        stdout.println("  try: curl -i " + url + "   or, in another terminal: wrk -t2 -c10 -d5s --latency " + url);
        long last = -1;
        long lastTime = System.nanoTime();
        long deadline = stop == null ? Long.MAX_VALUE : System.nanoTime() + stop.toNanos();
        while (System.nanoTime() < deadline && !stopped.await(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                java.util.concurrent.TimeUnit.MILLISECONDS)) {
            long served = server.requestsServed();
            long now = System.nanoTime();
            if (!quiet && served != last && last >= 0) {
                stdout.printf(Locale.ROOT, "  %6d requests (%5.1f/s), %4d connections, handlers running now %d, at most %d%n", served,
                        (served - last) / ((now - lastTime) / 1e9), server.connectionsAccepted(), server.concurrentRequests(),
                        server.maxConcurrentRequests());
            }
            last = served;
            lastTime = now;
        }
        if (stopped.getCount() > 0) { // stopped by --stop-after, not by Ctrl-C
            Runtime.getRuntime().removeShutdownHook(hook);
            summary(server);
        }
        return 0;
    }

    private void summary(BlockingServer server) {
        server.close();
        stdout.printf(Locale.ROOT, "Stopped. Served %d requests on %d connections; at most %d handlers ran at once.%n",
                server.requestsServed(), server.connectionsAccepted(), server.maxConcurrentRequests());
        stdout.flush();
    }

    private static String describe(Mode mode) {
        return switch (mode) {
            case Mode.SingleThreaded() -> "one thread, one connection at a time";
            case Mode.ThreadPool(int n) -> "a pool of " + n + " platform threads, one per connection";
            case Mode.VirtualThreads() -> "a virtual thread per connection";
        };
    }
}
