package cachetocluster.cluster.demo;

import cachetocluster.cluster.Cluster;
import cachetocluster.cluster.SchedulingPolicy;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hello cluster: a primary and N workers sharing one port, each worker answering {@code GET /} with a body that
 * names it ({@code worker 2 pid 4242}). The measurement target of scripts/compare-node-cluster.sh, and the lab's
 * demo. One program, run twice over as in Node: the primary forks workers that run this same class with the same
 * arguments, and {@link Cluster#isPrimary()} tells each copy what it is ({@link HelloPrimary}, {@link HelloWorker}).
 *
 * <pre>
 * java ... cachetocluster.cluster.demo.HelloCluster --port 3000 --workers 2 --mode rr
 * </pre>
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A primary and N workers sharing one port on 127.0.0.1; GET / names the worker that answered. "
                + "Until Ctrl-C or SIGTERM, which stop every worker.")
public final class HelloCluster implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "The shared port; 0 lets the kernel pick one (default: ${DEFAULT-VALUE}).")
    int port = 3000;

    @Option(names = "--workers", paramLabel = "N", description = "How many workers (default: the number of CPUs, here ${DEFAULT-VALUE}).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--mode", paramLabel = "MODE",
            description = "rr (the primary accepts and hands out), none (one shared listening socket) or reuseport "
                    + "(a socket per worker, SO_REUSEPORT). Default: $" + SchedulingPolicy.ENV + ", else rr.")
    String mode;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--max-connections", paramLabel = "N",
            description = "A worker with N connections open refuses round-robin hand-offs (Node's server.maxConnections; default: no limit).")
    int maxConnections = -1;

    @Option(names = "--no-respawn", description = "Do not replace a worker that dies.")
    boolean noRespawn;

    private final String[] args;
    private final PrintStream out;
    private final PrintStream err;

    private HelloCluster(String[] args, PrintStream out, PrintStream err) {
        this.args = args.clone();
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** Parses and runs; bad settings give one line on {@code err} and status 2. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        var command = new CommandLine(new HelloCluster(args, out, err))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        command.setParameterExceptionHandler((e, a) -> {
            err.println("serve: " + e.getMessage() + " (try --help)");
            return 2;
        });
        command.setExecutionExceptionHandler((e, c, p) -> {
            err.println("serve: failed: " + e);
            return 1;
        });
        return command.execute(args);
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            err.println("serve: --port must be from 0 to 65535, not " + port);
            return 2;
        }
        if (workers < 1) {
            err.println("serve: --workers must be at least 1, not " + workers);
            return 2;
        }
        SchedulingPolicy policy;
        try {
            policy = mode != null ? SchedulingPolicy.parse(mode) : SchedulingPolicy.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("serve: " + (mode != null ? "--mode: " : SchedulingPolicy.ENV + ": ") + e.getMessage());
            return 2;
        }
        if (Cluster.isWorker()) {
            return new HelloWorker(host, port, maxConnections).run();
        }
        return new HelloPrimary(args, policy, workers, !noRespawn, out, err).run();
    }
}
