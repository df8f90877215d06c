package cachetocluster.tour;

import java.io.PrintStream;

/**
 * The machine tour's command line, kept out of the script so it can be tested: parse the flags, print a
 * first line at once, probe, render. Returns the process exit code (0 ok, 1 failed, 2 bad usage).
 */
public final class MachineTourCommand {

    static final String HELP = """
            Usage: MachineTour [--json] [--help]

            Reads this machine the way Node's os module does (os.cpus(), os.totalmem(), os.freemem(),
            os.platform(), os.release()), from the JVM and the Linux kernel's /proc and /sys files.

              --json   print the findings as JSON (null means the machine did not say)
              --help   print this help
            """;

    private MachineTourCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        for (String arg : args) {
            switch (arg) {
                case "--json" -> json = true;
                case "--help", "-h" -> {
                    out.print(HELP);
                    return 0;
                }
                default -> {
                    err.println("machine-tour: unknown option '" + arg + "' (try --help)");
                    return 2;
                }
            }
        }
        try {
            if (!json) {
                // Printed before anything slow starts (management beans, getconf): the learner sees at once
                // that the program runs. --json prints nothing but JSON, so that it can be piped.
                out.println("Machine tour: what the JVM, /proc and /sys say about this machine");
                out.println();
            }
            MachineInfo info = MachineProbe.system().probe();
            out.print(json ? MachineReport.json(info) : MachineReport.table(info));
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("machine-tour: failed: " + e);
            return 1;
        }
    }
}
