package cachetocluster.blocking;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 02's main step: the same clients against the three servers, first with a handler that waits,
 * then with one that computes, and {@link Throughput}'s prediction beside every measurement.
 */
@Command(name = "WhoWaits", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts a single-threaded, a thread-pool and a virtual-thread server in turn, sends the same clients to each, "
                + "and prints who waited how long, beside the prediction of Throughput.")
public final class WhoWaitsCommand implements Callable<Integer> {

    @Option(names = "--clients", paramLabel = "K", description = "Clients at once, one connection each (default: ${DEFAULT-VALUE}).")
    int clients = 10;

    @Option(names = "--requests", paramLabel = "R", description = "Requests each client sends, one after another (default: ${DEFAULT-VALUE}).")
    int requests = 1;

    @Option(names = "--threads", paramLabel = "T", description = "The thread pool's size (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--wait", paramLabel = "TIME", description = "What the waiting handler sleeps per request (default: ${DEFAULT-VALUE}).")
    String waitTime = "200ms";

    @Option(names = "--cpu", paramLabel = "TIME", description = "What the computing handler computes per request (default: ${DEFAULT-VALUE}).")
    String cpuTime = "50ms";

    @Option(names = "--many", paramLabel = "K", description = "Clients for the last row, virtual threads only; 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int many = 200;

    @Option(names = "--no-cpu", description = "Leave out part 2, the handler that computes.")
    boolean noCpu;

    private final PrintStream stdout;
    private final PrintStream stderr;

    WhoWaitsCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        var command = new CommandLine(new WhoWaitsCommand(stdout, stderr))
                .setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true));
        command.setParameterExceptionHandler((e, a) -> {
            stderr.println("who-waits: " + e.getMessage() + " (try --help)");
            return 2;
        });
        command.setExecutionExceptionHandler((e, c, p) -> {
            stderr.println("who-waits: failed: " + e.getMessage());
            return 1;
        });
        return command.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Duration wait;
        Duration cpu;
        try {
            wait = Handlers.duration(waitTime);
            cpu = Handlers.duration(cpuTime);
            if (clients < 1 || requests < 1 || threads < 1 || many < 0) {
                throw new IllegalArgumentException("--clients, --requests and --threads must be at least 1, --many at least 0");
            }
        } catch (IllegalArgumentException e) {
            stderr.println("who-waits: " + e.getMessage());
            return 2;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        stdout.printf(Locale.ROOT, "Lab 02: who waits? %d clients at once, %d request%s each, against three blocking servers (%d cores)%n",
                clients, requests, requests == 1 ? "" : "s", cores);
        warmUp();
        List<Mode> modes = List.of(new Mode.SingleThreaded(), new Mode.ThreadPool(threads), new Mode.VirtualThreads());

        stdout.println();
        stdout.println("1. The handler waits " + wait.toMillis() + " ms (Thread.sleep, like a slow database): its thread needs no core meanwhile");
        var waits = new Work.Waits(wait.toMillis());
        List<Scenario> part1 = new ArrayList<>(modes.stream().map(m -> new Scenario(m, waits, clients, requests)).toList());
        if (many > 0) {
            part1.add(new Scenario(new Mode.VirtualThreads(), waits, many, requests));
        }
        table(part1);

        if (!noCpu) {
            stdout.println();
            stdout.println("2. The handler computes " + cpu.toMillis() + " ms (a busy loop): its thread needs a core the whole time, and there are " + cores);
            var computes = new Work.Computes(cpu.toMillis(), cores);
            table(modes.stream().map(m -> new Scenario(m, computes, clients, requests)).toList());
        }
        stdout.println();
        stdout.println("wall: first request sent to last answer. p50/p99/max: how long requests waited for their answer.");
        stdout.println("at once: the most handlers the server ran at the same moment. predicted: Throughput.predict (lab 02's exercise).");
        return 0;
    }

    /** A few hundred requests to a hello server, so that the first row does not pay for the JIT. */
    private void warmUp() throws Exception {
        try (var server = BlockingServer.start(new Mode.VirtualThreads(), Handlers.hello(), 0)) {
            ClosedLoopLoad.run(server.port(), 4, 200, Duration.ofSeconds(20));
        }
    }

    private void table(List<Scenario> scenarios) throws Exception {
        stdout.printf(Locale.ROOT, "  %-10s %7s %8s %7s %8s %8s %8s %7s  |  %9s %7s %9s%n",
                "server", "clients", "wall", "req/s", "p50", "p99", "max", "at once", "predicted", "req/s", "max wait");
        for (Scenario s : scenarios) {
            ClosedLoopLoad.Result r;
            int atOnce;
            Duration timeout = Duration.ofMillis(Math.max(10_000, (long) (4 * s.requests() * s.work().millis())));
            try (var server = BlockingServer.start(s.mode(), s.work().handler(), 0)) {
                r = ClosedLoopLoad.run(server.port(), s.clients(), s.requestsEach(), timeout);
                atOnce = server.maxConcurrentRequests();
            }
            stdout.printf(Locale.ROOT, "  %-10s %7d %8s %7.1f %8s %8s %8s %7d  |  %s%n", s.mode().label(), s.clients(),
                    ms(r.wallMillis()), r.requestsPerSecond(), ms(r.p50Millis()), ms(r.p99Millis()), ms(r.maxMillis()), atOnce,
                    predicted(s));
            if (r.failed() > 0) {
                stdout.println("    " + r.failed() + " requests failed: " + String.join("; ", r.errors()));
            }
        }
    }

    static String predicted(Scenario s) {
        try {
            Prediction p = Throughput.predict(s);
            return String.format(Locale.ROOT, "%9s %7.1f %9s", ms(p.wallMillis()), p.requestsPerSecond(), ms(p.worstWaitMillis()));
        } catch (UnsupportedOperationException e) {
            return "TODO (Throughput.predict is still the stub)";
        } catch (RuntimeException e) {
            return "Throughput.predict threw " + e.getClass().getSimpleName();
        }
    }

    static String ms(double millis) {
        return millis >= 10 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
