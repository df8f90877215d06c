package cachetocluster.blocking;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The same three servers under wrk, the C load generator most benchmarks quote. wrk keeps its
 * connections open for the whole run and sends the next request on each as soon as the answer
 * comes: a closed loop that never ends, so a connection that holds a thread holds it to the end.
 * Skipped, with a message, when wrk is not installed.
 */
@Command(name = "WhoWaitsWrk", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs wrk against each of the three blocking servers and prints its figures beside the server's own.")
public final class WrkCommand implements Callable<Integer> {

    @Option(names = "--connections", paramLabel = "C", description = "wrk's -c: connections kept open (default: ${DEFAULT-VALUE}).")
    int connections = 10;

    @Option(names = "--duration", paramLabel = "TIME", description = "wrk's -d, per server (default: ${DEFAULT-VALUE}).")
    String duration = "3s";

    @Option(names = "--threads", paramLabel = "T", description = "The server's thread pool size (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--handler", paramLabel = "HANDLER", description = "hello, slow:200ms, cpu:50ms, ... (default: ${DEFAULT-VALUE}).")
    String handler = "slow:200ms";

    @Option(names = "--wrk", paramLabel = "PATH", description = "The wrk program (default: wrk on the PATH).")
    Path wrk;

    private final PrintStream stdout;
    private final PrintStream stderr;

    WrkCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        var command = new CommandLine(new WrkCommand(stdout, stderr))
                .setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true));
        command.setParameterExceptionHandler((e, a) -> {
            stderr.println("who-waits-wrk: " + e.getMessage() + " (try --help)");
            return 2;
        });
        command.setExecutionExceptionHandler((e, c, p) -> {
            stderr.println("who-waits-wrk: failed: " + e.getMessage());
            return 1;
        });
        return command.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Duration time;
        try {
            time = Handlers.duration(duration);
            Handlers.parse(handler);
            if (connections < 1 || threads < 1) {
                throw new IllegalArgumentException("--connections and --threads must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            stderr.println("who-waits-wrk: " + e.getMessage());
            return 2;
        }
        Optional<Path> program = wrk != null ? Optional.of(wrk).filter(Files::isExecutable) : onPath("wrk");
        if (program.isEmpty()) {
            stdout.println("wrk is not installed" + (wrk != null ? " at " + wrk : " (not on the PATH)")
                    + ", so this step has nothing to compare; skipping it.");
            stdout.println("  Install it with `sudo apt-get install wrk` (Debian, Ubuntu) or `brew install wrk` (macOS), then run it again.");
            return 0;
        }
        String seconds = time.toSeconds() > 0 && time.toMillis() % 1000 == 0 ? time.toSeconds() + "s" : time.toMillis() + "ms";
        List<String> flags = List.of("-t2", "-c" + connections, "-d" + seconds, "--latency");
        stdout.printf(Locale.ROOT, "Lab 02 with wrk: %d connections for %s against each server, handler %s%n", connections, seconds, handler);
        stdout.println("  " + program.get() + " " + String.join(" ", flags) + " http://127.0.0.1:PORT/");
        stdout.println();
        stdout.printf(Locale.ROOT, "  %-10s %7s %8s %8s %8s %7s  |  %8s %8s %7s%n", "server", "req/s", "p50", "p99", "max", "errors",
                "answered", "accepted", "at once");
        for (Mode mode : List.of(new Mode.SingleThreaded(), new Mode.ThreadPool(threads), new Mode.VirtualThreads())) {
            try (var server = BlockingServer.start(mode, Handlers.parse(handler), 0)) {
                List<String> command = new ArrayList<>();
                command.add(program.get().toString());
                command.addAll(flags);
                command.add("http://127.0.0.1:" + server.port() + "/");
                String output = runWrk(command, time.plusSeconds(10));
                long answered = server.connectionsAnswered();
                long accepted = server.connectionsAccepted();
                WrkReport report;
                try {
                    report = WrkReport.parse(output);
                } catch (IllegalArgumentException e) {
                    stdout.println("  " + mode.label() + ": wrk did not report; it said: " + output.strip().lines().findFirst().orElse("(nothing)"));
                    continue;
                }
                stdout.printf(Locale.ROOT, "  %-10s %7.1f %8s %8s %8s %7d  |  %8d %8d %7d%n", mode.label(), report.requestsPerSecond(),
                        WhoWaitsCommand.ms(report.p50Millis()), WhoWaitsCommand.ms(report.p99Millis()), WhoWaitsCommand.ms(report.maxMillis()),
                        report.socketErrors() + report.non2xx(), answered, accepted, server.maxConcurrentRequests());
            }
        }
        stdout.println();
        stdout.println("req/s, p50/p99/max, errors: wrk's, over the requests that got an answer. answered, accepted, at once: the server's");
        stdout.println("connections that got at least one answer, connections it accepted (wrk opens " + connections + ", plus one at the start to");
        stdout.println("check the URL), and the most handlers it ran at the same moment.");
        return 0;
    }

    private static String runWrk(List<String> command, Duration limit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread drain = Thread.ofPlatform().daemon().start(() -> {
            try {
                out[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        drain.join(Duration.ofSeconds(2));
        return out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
