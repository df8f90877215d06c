package cachetocluster.eventloop.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lab 03, step 1: the order in which timers, immediates, nextTicks and microtasks run, on our loop and in Node.
 *
 * <p>Each {@link PhaseOrder} scenario runs {@code --runs} times on a fresh loop; when {@code node} is on the PATH,
 * its Node source runs {@code --node-runs} times too. The orders are tallied, because one of them is not fixed,
 * and printed beside the orders Node's docs allow. An order Node's docs do not allow is marked; it means the
 * loop (or your MicrotaskQueue, with --mine) is wrong, and the exit status is then 1.
 */
public final class PhasesCommand {

    static final String USAGE = "usage: Phases [--runs N] [--node-runs N]   (defaults: 20 runs on this loop, 5 with node; --node-runs 0 skips node)";
    private static final String NOT_NODE = "   <- not an order Node's docs allow";

    private PhasesCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err, NodeRunner.onPath());
    }

    public static int run(String[] args, PrintStream out, PrintStream err, NodeRunner node) {
        int runs = 20;
        int nodeRuns = 5;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--runs", "--node-runs" -> {
                    Integer n = Options.count(value, args[i].equals("--runs") ? 1 : 0, 1000);
                    if (n == null) {
                        err.println("phases: " + args[i] + " needs a number" + (args[i].equals("--runs") ? " from 1" : " from 0")
                                + " to 1000" + (value == null ? "" : ", not '" + value + "'") + " (" + USAGE + ")");
                        return 2;
                    }
                    if (args[i].equals("--runs")) {
                        runs = n;
                    } else {
                        nodeRuns = n;
                    }
                    i++;
                }
                default -> {
                    err.println("phases: unknown option '" + args[i] + "' (" + USAGE + ")");
                    return 2;
                }
            }
        }

        out.println("Lab 03, step 1: which callback runs first? The same programs on this event loop and in Node");
        out.println();
        out.println("One turn of the loop (libuv's uv_run):");
        out.println("  timers -> pending -> idle, prepare -> poll (wait for I/O) -> check (setImmediate) -> close callbacks");
        out.println("  and after EVERY callback: all process.nextTick callbacks, then all microtasks (Node 11 and later)");

        Optional<String> nodeVersion = nodeRuns > 0 ? node.version() : Optional.empty();
        boolean allDocumented;
        try {
            allDocumented = printScenarios(out, node, nodeVersion, runs, nodeRuns);
        } catch (RuntimeException e) {
            out.flush();
            err.println("phases: " + e); // with --mine, an exercise's TODO says which method and task
            return 1;
        }
        out.println();
        if (allDocumented) {
            out.println("Every order this loop produced is one that Node's docs allow.");
            return 0;
        }
        out.println("This loop produced an order that Node's docs do not allow (marked above).");
        return 1;
    }

    private static boolean printScenarios(PrintStream out, NodeRunner node, Optional<String> nodeVersion, int runs, int nodeRuns) {
        boolean allDocumented = true;
        int number = 0;
        for (PhaseOrder.Scenario scenario : PhaseOrder.ALL) {
            out.println();
            out.println(++number + ". " + scenario.title());
            out.println("   the program, in Node (CommonJS):");
            scenario.nodeProgram().lines().forEach(line -> out.println("     " + line));
            String allows = "   Node's docs allow:";
            for (List<String> order : scenario.documented().stream().sorted((a, b) -> PhaseOrder.arrows(a).compareTo(PhaseOrder.arrows(b))).toList()) {
                out.println(String.format("%-29s %s", allows, PhaseOrder.arrows(order)));
                allows = "";
            }
            // Ours first: with --mine, an exercise's TODO should stop the run before Node is started at all.
            Map<List<String>, Integer> ours = PhaseOrder.tally(scenario, runs);
            if (nodeRuns > 0) {
                if (nodeVersion.isPresent()) {
                    try {
                        List<List<String>> orders = new ArrayList<>();
                        for (int i = 0; i < nodeRuns; i++) {
                            orders.add(node.runProgram(scenario.nodeProgram()));
                        }
                        printTally(out, "   node " + nodeVersion.get() + ", " + nodeRuns + " run" + (nodeRuns == 1 ? "" : "s") + ":",
                                PhaseOrder.tally(orders), scenario);
                    } catch (IOException e) {
                        out.println("   node: could not run it (" + e.getMessage() + ")");
                    }
                } else {
                    out.println("   node: not found on the PATH (install it to see Node's own output here)");
                }
            }
            allDocumented &= printTally(out, "   this loop, " + runs + " run" + (runs == 1 ? "" : "s") + ":", ours, scenario);
            wrap("why: " + scenario.why(), 100, "   ", "        ").forEach(out::println);
        }
        return allDocumented;
    }

    /** Prints one tally; returns false if an order in it is not one Node documents. */
    private static boolean printTally(PrintStream out, String label, Map<List<String>, Integer> tally, PhaseOrder.Scenario scenario) {
        boolean documented = true;
        for (Map.Entry<List<String>, Integer> entry : tally.entrySet()) {
            boolean ok = scenario.documents(entry.getKey());
            documented &= ok;
            out.println(String.format("%-25s %3dx %s%s", label, entry.getValue(), PhaseOrder.arrows(entry.getKey()), ok ? "" : NOT_NODE));
            label = "";
        }
        return documented;
    }

    /** Greedy word wrap: the first line starts with {@code first}, the others with {@code rest}. */
    static List<String> wrap(String text, int width, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int empty = first.length();
        for (String word : text.split(" ")) {
            if (line.length() > empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = rest.length();
            }
            if (line.length() > empty) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
