package cachetocluster.cluster.demo;

import cachetocluster.cluster.SchedulingPolicy;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo steps' options, {@code --name value} pairs: one clear line and status 2 for anything else, never a stack
 * trace. (The hello cluster itself uses picocli; these steps have two or three options each.)
 */
final class StepArgs {

    /** Bad input: the message is the line the user sees. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private final String step;
    private final String usage;
    private final Map<String, String> values = new HashMap<>();
    private boolean help;

    private StepArgs(String step, String usage) {
        this.step = step;
        this.usage = usage;
    }

    /** Parses {@code args}; every option takes a value and must be one of {@code known}. */
    static StepArgs parse(String step, String usage, Set<String> known, String[] args) throws UsageError {
        StepArgs parsed = new StepArgs(step, usage);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                parsed.help = true;
            } else if (known.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageError(step + ": " + a + " needs a value (" + usage + ")");
                }
                parsed.values.put(a, args[++i]);
            } else {
                throw new UsageError(step + ": unknown option '" + a + "' (" + usage + ")");
            }
        }
        return parsed;
    }

    boolean help() {
        return help;
    }

    /** Prints the usage if --help was given; true if it was. */
    boolean printedHelp(PrintStream out) {
        if (help) {
            out.println(usage);
        }
        return help;
    }

    int integer(String option, int fallback, int min, int max) throws UsageError {
        String v = values.get(option);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the line below says what is wanted
        }
        throw new UsageError(step + ": " + option + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
    }

    SchedulingPolicy policy(String option, SchedulingPolicy fallback) throws UsageError {
        String v = values.get(option);
        if (v == null) {
            return fallback;
        }
        try {
            return SchedulingPolicy.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageError(step + ": " + option + ": " + e.getMessage());
        }
    }

    String string(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }
}
