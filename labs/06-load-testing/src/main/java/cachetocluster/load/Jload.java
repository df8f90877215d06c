package cachetocluster.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code jload}: the command line. {@code jload [options] URL} is loadtest's surface ({@link JloadCommand});
 * {@code jload quick} and {@code jload run} are artillery's ({@link QuickCommand}, {@link RunCommand}).
 *
 * <p>Exit status: 0 when the run is done and every threshold passed; 1 when a threshold ({@code --max-p99},
 * {@code --max-error-rate}, or a scenario's {@code ensure}) failed; 2 for bad usage (one line on stderr says
 * what); 3 when the run could not be done (a report file could not be written, an internal error); 130 after
 * Ctrl-C (the report of what was measured so far is printed first).
 */
public final class Jload {

    public static final String VERSION = "0.1.0";
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED_RUN = 3;

    private static final CountDownLatch reported = new CountDownLatch(1);
    private static volatile Runnable onInterrupt;
    private static volatile boolean shuttingDown;

    private Jload() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Runtime.getRuntime().addShutdownHook(new Thread(Jload::interrupted, "jload-ctrl-c"));
        int code = execute(args, System.out, System.err);
        onInterrupt = null; // the run is over: the exit's own shutdown hook has nothing to stop
        reported.countDown();
        if (!shuttingDown) {
            System.exit(code);
        }
    }

    /** Runs the command line in this JVM, printing to {@code out} and {@code err}; returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new JloadCommand(out, err));
        cli.addSubcommand("quick", new QuickCommand(out, err));
        cli.addSubcommand("run", new RunCommand(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            String command = e.getCommandLine().getCommandName();
            String name = command.equals("jload") ? "jload" : "jload " + command;
            if (command.equals("jload") && e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                for (String arg : unmatched.getUnmatched()) {
                    String why = LoadtestFlags.explain(arg);
                    if (why != null) {
                        err.println(name + ": " + why + " (" + name + " --help lists the options)");
                        return EXIT_USAGE;
                    }
                }
            }
            err.println(name + ": " + oneLine(e.getMessage()) + " (" + name + " --help lists the options)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                err.println("jload: " + oneLine(e.getMessage()));
                return EXIT_USAGE;
            }
            if (e instanceof IOException) {
                err.println("jload: " + oneLine(e.getMessage()));
                return EXIT_FAILED_RUN;
            }
            err.println("jload: internal error: " + e);
            e.printStackTrace(err);
            return EXIT_FAILED_RUN;
        });
        return cli.execute(args);
    }

    /** A mistake of the user's, caught after parsing: one line, exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The running command registers how to stop it; Ctrl-C calls that, then waits for the report. */
    static void onInterrupt(Runnable abort) {
        onInterrupt = abort;
    }

    private static void interrupted() {
        shuttingDown = true;
        Runnable abort = onInterrupt;
        if (abort != null) {
            abort.run();
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static boolean shuttingDown() {
        return shuttingDown;
    }

    /** Whether a person is watching: then a live progress line is worth printing. */
    static boolean interactive() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    private static String oneLine(String message) {
        if (message == null) return "error";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
