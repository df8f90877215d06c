package cachetocluster.latency;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command so that whatever goes wrong reaches the user as one line, never a stack
 * trace: a bad flag exits 2 with "(try --help)", a failure while running exits 1 with its message.
 */
final class OneLineErrors {

    private OneLineErrors() {}

    static int execute(Object command, String name, String[] args, PrintStream stdout, PrintStream stderr) {
        var line = new CommandLine(command).setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true));
        line.setParameterExceptionHandler((e, a) -> {
            stderr.println(name + ": " + e.getMessage() + " (try --help)");
            return 2;
        });
        line.setExecutionExceptionHandler((e, c, p) -> {
            stderr.println(name + ": failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return line.execute(args);
    }
}
