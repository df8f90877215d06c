package cachetocluster.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jload quick}: artillery's quick mode, V users arriving within 1 s, each sending R GETs in sequence. */
@Command(name = "quick", mixinStandardHelpOptions = true, version = "jload " + Jload.VERSION, sortOptions = false, usageHelpWidth = 100,
        description = {"artillery quick: V users, R requests each, one after the other.",
                "--count users arrive within one second; each sends -n GET requests in sequence on its own",
                "keep-alive connection. Prints artillery's summary (http.codes.200, http.response_time,",
                "vusers.created ...). Exit status: 0 done; 2 bad usage; 3 the run could not be done.", ""})
final class QuickCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    QuickCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Parameters(paramLabel = "URL", description = "http:// or https:// URL")
    String url;

    @Option(names = {"-c", "--count"}, paramLabel = "V", description = "Virtual users (default 10)")
    int count = 10;

    @Option(names = {"-n", "--num"}, paramLabel = "R", description = "Requests per user (default 10)")
    int num = 10;

    @Mixin
    ArtilleryRun run;

    @Override
    public Integer call() throws IOException {
        if (count < 1) throw new Jload.UsageException("quick: --count must be at least 1, not " + count);
        if (num < 1) throw new Jload.UsageException("quick: -n must be at least 1, not " + num);
        Scenario scenario = Scenario.quick(LoadOptions.Builder.checkUrl(url), count, num, run.insecure);
        return run.execute("quick", scenario, out, err);
    }
}
