package cachetocluster.child.startup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lab 04's start-up study from the command line ({@code Startup.java}): runs {@link StartupStudy}, prints the ladder,
 * the phases and the training runs, and writes {@code startup.json} and {@code startup.png}.
 */
public final class StartupCommand {

    static final String USAGE = "usage: Startup [--runs N] [--warmup N] [--only KEY,KEY...] [--out DIR]   "
            + "(defaults: 10 runs, 1 warm-up round, every configuration, results/04-child-processes)";

    private StartupCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int runs = 10;
        int warmup = 1;
        Set<String> only = new LinkedHashSet<>(Rung.KEYS);
        Path dir = Path.of("results", "04-child-processes");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println("configurations: " + String.join(", ", Rung.KEYS));
                    return 0;
                }
                case "--runs", "--warmup" -> {
                    Integer n = count(value, args[i].equals("--runs") ? 1 : 0, 200);
                    if (n == null) {
                        err.println("startup: " + args[i] + " needs a whole number from " + (args[i].equals("--runs") ? 1 : 0)
                                + " to 200" + (value == null ? "" : ", not '" + value + "'") + " (" + USAGE + ")");
                        return 2;
                    }
                    if (args[i].equals("--runs")) {
                        runs = n;
                    } else {
                        warmup = n;
                    }
                    i++;
                }
                case "--only" -> {
                    if (value == null || value.isBlank()) {
                        err.println("startup: --only needs configuration names (" + String.join(", ", Rung.KEYS) + ")");
                        return 2;
                    }
                    only = new LinkedHashSet<>(List.of(value.split(",")));
                    for (String key : only) {
                        if (!Rung.KEYS.contains(key)) {
                            err.println("startup: no configuration '" + key + "' (there are: " + String.join(", ", Rung.KEYS) + ")");
                            return 2;
                        }
                    }
                    i++;
                }
                case "--out" -> {
                    if (value == null || value.isBlank()) {
                        err.println("startup: --out needs a directory (" + USAGE + ")");
                        return 2;
                    }
                    dir = Path.of(value);
                    i++;
                }
                default -> {
                    err.println("startup: unknown option '" + args[i] + "' (" + USAGE + ")");
                    return 2;
                }
            }
        }

        out.println("Lab 04: what a forked JVM costs before it can talk, and what JDK 25 can take off it");
        out.printf("machine: %d CPUs, load average %s; %s%n", Runtime.getRuntime().availableProcessors(),
                StartupReport.loadAverage(), System.getProperty("java.runtime.version"));
        out.printf("%d timed forks per configuration, after %d warm-up round(s); order rotated each round%n%n", runs, warmup);
        StartupStudy.Report report;
        try {
            report = StartupStudy.run(new StartupStudy.Settings(dir.resolve("startup"), runs, warmup, only,
                    Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"), out));
        } catch (IOException e) {
            err.println("startup: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("startup: interrupted");
            return 130;
        }
        out.println();
        out.print(StartupReport.trainingLines(report));
        out.println();
        out.print(StartupReport.ladderTable(report));
        out.println();
        out.println("Where the time goes");
        out.print(StartupReport.phaseTable(report));
        Path json = dir.resolve("startup.json");
        Path png = dir.resolve("startup.png");
        try {
            StartupReport.writeJson(report, json);
            StartupChart.write(report, png);
        } catch (IOException e) {
            err.println("startup: could not write the results: " + e.getMessage());
            return 1;
        }
        out.printf("%nwrote %s and %s (jars, archives and the JVM's logs in %s)%n", json, png, dir.resolve("startup"));
        out.printf("load average at the end: %s%n", StartupReport.loadAverage());
        return 0;
    }

    private static Integer count(String value, int min, int max) {
        if (value == null || !value.matches("\\d{1,4}")) {
            return null;
        }
        int n = Integer.parseInt(value);
        return n < min || n > max ? null : n;
    }
}
