package cachetocluster.load.demo;

import cachetocluster.load.Jload;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code jload} step: jload itself, with the learner's arguments ({@code ./workbook run 6 jload -- -n 1000 -c 10
 * http://127.0.0.1:8080/}). With no arguments there is nothing to load, so it starts a local server (1 ms per
 * request, many workers) and loads it for 3 s with 10 keep-alive connections, saying so first.
 */
public final class JloadStep {

    private JloadStep() {}

    /** Runs jload and returns its exit status (0 ok, 1 a threshold failed, 2 bad usage, 3 the run failed). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length > 0) {
            return Jload.execute(args, out, err);
        }
        try (DemoServer server = DemoServer.fixed(DemoServer.Workers.MANY, 1)) {
            String[] sample = {"-k", "-c", "10", "-t", "3", server.url()};
            out.println("No arguments: loading a local server that answers in 1 ms. The same as:");
            out.println("  ./jload " + String.join(" ", sample));
            out.println("(Your own: ./workbook run 6 jload -- -n 1000 -c 10 http://127.0.0.1:8080/)");
            out.println();
            return Jload.execute(sample, out, err);
        }
    }
}
