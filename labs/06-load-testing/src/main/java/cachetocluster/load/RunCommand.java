package cachetocluster.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jload run scenario.yml}: artillery's essentials (target, phases, flows of requests). */
@Command(name = "run", mixinStandardHelpOptions = true, version = "jload " + Jload.VERSION, sortOptions = false, usageHelpWidth = 100,
        description = {"artillery run: phases of arriving users, each walking a flow of requests.",
                "Reads config.target, config.phases (duration, arrivalRate, rampTo, arrivalCount, pause,",
                "maxVusers, name), config.http.timeout, config.defaults.headers, config.tls, config.ensure,",
                "and scenarios[] (name, weight, flow of get/post/put/patch/delete/head with url, json or",
                "body, headers, qs; think; loop with count). Anything else is refused, naming the field.",
                "Exit status: 0 done; 1 an ensure check failed; 2 bad usage or script; 3 the run failed.", ""})
final class RunCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Parameters(paramLabel = "SCRIPT", description = "the scenario, YAML")
    Path script;

    @Option(names = {"-t", "--target"}, paramLabel = "URL", description = "Override config.target")
    String target;

    @Mixin
    ArtilleryRun run;

    @Override
    public Integer call() throws IOException {
        Scenario scenario;
        try {
            scenario = ScenarioParser.read(script);
        } catch (ScenarioParser.ScenarioException e) {
            throw new Jload.UsageException(e.getMessage());
        }
        if (target != null) scenario = scenario.withTarget(LoadOptions.Builder.checkUrl(target));
        if (scenario.target() == null) throw new Jload.UsageException(script + ": config.target: is missing (or give --target URL)");
        return run.execute("run", scenario.withInsecure(run.insecure), out, err);
    }
}
