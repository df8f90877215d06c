package cachetocluster.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What {@code jload run} and {@code jload quick} share, as artillery's two commands do: the options {@code -o},
 * {@code -k}, {@code -q} and {@code --threads} (a picocli mixin), and the run itself with artillery's console output.
 */
final class ArtilleryRun {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write artillery's JSON report")
    Path output;

    @Option(names = {"-k", "--insecure"}, description = "Accept any TLS certificate")
    boolean insecure;

    @Option(names = {"-q", "--quiet"}, description = "No output but errors")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Event loops; default: the CPUs this process may use")
    int threads = Runtime.getRuntime().availableProcessors();

    /** Runs a scenario with artillery's console output: phase lines, the summary, the ensure checks. */
    int execute(String command, Scenario scenario, PrintStream out, PrintStream err) throws IOException {
        if (threads < 1) throw new Jload.UsageException(command + ": --threads must be at least 1, not " + threads);
        ScenarioRunner runner = new ScenarioRunner(scenario, threads, Reactor.Kind.LEAN);
        ArrivalSchedule schedule = new ArrivalSchedule(scenario.phases());
        Jload.onInterrupt(runner::abort);
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        int[] announced = {0, 0}; // phases started, phases completed
        if (!quiet) announce(scenario, schedule, announced, start, 0, out);
        ScenarioRunner.Result result = runner.run(timeline -> {
            if (!quiet) announce(scenario, schedule, announced, start, System.nanoTime() - startNanos, out);
        });
        if (!quiet) {
            announce(scenario, schedule, announced, start, Long.MAX_VALUE / 2, out);
            ArtilleryReport.print(result, out);
        }
        if (output != null) ArtilleryReport.writeJson(result, output);
        List<Thresholds.Check> checks = ArtilleryReport.ensure(result);
        boolean passed = true;
        for (Thresholds.Check c : checks) {
            String line = "ensure " + c.name() + " <= " + TextReport.num(c.limit()) + ": " + TextReport.num(Math.round(c.actual() * 1000) / 1000.0)
                    + (c.passed() ? " ok" : " FAILED");
            if (!quiet) out.println(line);
            else if (!c.passed()) err.println("jload: " + line);
            passed &= c.passed();
        }
        return passed ? Jload.EXIT_OK : Thresholds.EXIT_FAILED;
    }

    // artillery prints a line when each phase starts and completes; we print them as the clock passes them.
    private static void announce(Scenario s, ArrivalSchedule schedule, int[] announced, Instant start, long elapsed, PrintStream out) {
        List<Scenario.Phase> phases = s.phases();
        while (true) {
            int started = announced[0];
            int completed = announced[1];
            long nextStart = started < phases.size() ? schedule.phaseStart(started) : Long.MAX_VALUE;
            long nextEnd = completed < started ? (completed + 1 < phases.size() ? schedule.phaseStart(completed + 1) : schedule.endNanos()) : Long.MAX_VALUE;
            if (nextEnd <= elapsed && nextEnd <= nextStart) {
                out.println(ArtilleryReport.phaseLine("completed", phases.get(completed), completed, start.plusNanos(nextEnd)));
                out.println();
                announced[1]++;
            } else if (nextStart <= elapsed) {
                out.println(ArtilleryReport.phaseLine("started", phases.get(started), started, start.plusNanos(nextStart)));
                out.println();
                announced[0]++;
            } else {
                return;
            }
        }
    }
}
