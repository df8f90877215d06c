package cachetocluster.child.startup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The start-up study: fork-to-first-message for a ladder of JVM configurations ({@link Rung}), each forked many times.
 *
 * <ol>
 *   <li>The class path's directories are packed into jars ({@link ClassPathJars}): the JVM archives classes from jars
 *       only.</li>
 *   <li>Training runs make the archives: one fork of the probe, hello and exit, with {@code -XX:ArchiveClassesAtExit}
 *       (AppCDS) or {@code -XX:AOTCacheOutput} (JEP 514's one step: the JVM records what the run loaded, linked and
 *       profiled, and at exit starts a second JVM that assembles the cache).</li>
 *   <li>Rounds: every configuration once per round, the order rotated each round, so that a machine that gets busier
 *       or quieter shifts them all alike. Warm-up rounds (the first start after a build reads the jars from disk) are
 *       thrown away.</li>
 *   <li>One more fork per configuration, with a class-load log, says how many classes came from an archive
 *       ({@link ClassSources}): the proof that a cache was used.</li>
 * </ol>
 */
public final class StartupStudy {

    /**
     * @param outDir    where the jars, the archives and the logs go ({@code results/04-child-processes/startup})
     * @param runs      timed forks per configuration
     * @param warmup    rounds run first and thrown away
     * @param only      the rung keys to run ({@link Rung#KEYS}); "default" is always run, it is the reference
     * @param classPath the child's class path before packing (usually this JVM's)
     */
    public record Settings(Path outDir, int runs, int warmup, Set<String> only, Path java, String classPath,
            PrintStream progress) {}

    /** A training run: the archive it wrote, how big, and how long the run took (recording and assembly). */
    public record Training(String key, Path file, long bytes, double ms) {}

    /** One configuration's samples. */
    public record Result(Rung rung, List<FirstMessage.Sample> samples, ClassSources sources) {

        public double median() {
            return Stats.median(samples.stream().map(FirstMessage.Sample::totalMs).toList());
        }

        public double p90() {
            return Stats.percentile(samples.stream().map(FirstMessage.Sample::totalMs).toList(), 90);
        }

        /** Median CPU time of the child up to its first message, or -1 if unknown (the baseline). */
        public double cpuMedian() {
            List<Double> cpu = samples.stream().map(FirstMessage.Sample::cpuMs).filter(c -> c >= 0).toList();
            return cpu.isEmpty() ? -1 : Stats.median(cpu);
        }

        /** The median of each phase, by name ({@link FirstMessage.Phases#NAMES}); empty for the baseline. */
        public Map<String, Double> phaseMedians() {
            Map<String, Double> medians = new LinkedHashMap<>();
            if (rung.baseline()) {
                return medians;
            }
            for (int i = 0; i < FirstMessage.Phases.NAMES.size(); i++) {
                int phase = i;
                medians.put(FirstMessage.Phases.NAMES.get(i),
                        Stats.median(samples.stream().map(s -> s.phases().asList().get(phase)).toList()));
            }
            return medians;
        }
    }

    /** What the study found. */
    public record Report(String classPath, int runs, int warmup, List<Training> trainings, List<Result> results) {

        public Result result(String key) {
            return results.stream().filter(r -> r.rung().key().equals(key)).findFirst().orElse(null);
        }
    }

    private StartupStudy() {}

    public static Report run(Settings settings) throws IOException, InterruptedException {
        Path out = settings.outDir();
        Files.createDirectories(out.resolve("logs"));
        PrintStream progress = settings.progress();

        String jars = ClassPathJars.packed(settings.classPath(), out.resolve("classpath"));
        Rung.Artifacts artifacts = new Rung.Artifacts(out.resolve("app.jsa"), out.resolve("app.aot"), out.resolve("best.aot"));
        List<Rung> ladder = Rung.ladder(artifacts).stream()
                .filter(r -> r.key().equals("default") || settings.only().contains(r.key())).toList();

        List<Training> trainings = new ArrayList<>();
        for (String key : List.of("appcds", "aot", "best")) {
            boolean needed = ladder.stream().anyMatch(r -> r.key().equals(key) || (key.equals("aot") && r.key().equals("aot-no-profiles")));
            if (needed) {
                progress.printf("training run for %s...%n", key);
                trainings.add(train(key, jars, artifacts, out));
            }
        }

        Map<String, List<FirstMessage.Sample>> samples = new LinkedHashMap<>();
        ladder.forEach(r -> samples.put(r.key(), new ArrayList<>()));
        int rounds = settings.warmup() + settings.runs();
        for (int round = 0; round < rounds; round++) {
            boolean warm = round < settings.warmup();
            if (round == 0 || round == settings.warmup()) {
                progress.print(warm ? "warm-up rounds (thrown away):" : "rounds of " + ladder.size() + " forks:");
            }
            progress.print(" " + (warm ? round + 1 : round - settings.warmup() + 1));
            if (round == settings.warmup() - 1 || round == rounds - 1) {
                progress.println();
            }
            progress.flush();
            for (int i = 0; i < ladder.size(); i++) {
                Rung rung = ladder.get((i + round) % ladder.size()); // rotated: nobody always goes first
                FirstMessage.Sample sample = measure(rung, settings.java(), jars, out);
                if (!warm) {
                    samples.get(rung.key()).add(sample);
                }
            }
        }

        List<Result> results = new ArrayList<>();
        for (Rung rung : ladder) {
            ClassSources sources = rung.baseline() ? null
                    : ClassSources.of(jars, rung.jvmOptions(), out.resolve("logs").resolve("class-load-" + rung.key() + ".log"));
            results.add(new Result(rung, List.copyOf(samples.get(rung.key())), sources));
        }
        return new Report(jars, settings.runs(), settings.warmup(), trainings, results);
    }

    private static FirstMessage.Sample measure(Rung rung, Path java, String jars, Path out)
            throws IOException, InterruptedException {
        if (rung.baseline()) {
            return FirstMessage.baseline(java, jars, rung.jvmOptions());
        }
        List<String> lines = new ArrayList<>();
        FirstMessage.Sample sample = FirstMessage.fork(jars, rung.jvmOptions(), lines);
        if (!lines.isEmpty()) {
            // The JVM says here why it could not use an archive; keep the last run's words for the curious.
            Files.write(out.resolve("logs").resolve("child-" + rung.key() + ".log"), lines);
        }
        return sample;
    }

    /**
     * Always a fresh archive, never last run's: JDK 25.0.3 does not reject a one-step AOT cache whose jars have changed
     * since (JDK-8377932, fixed for 25.0.4), and would run the old classes from it.
     */
    private static Training train(String key, String jars, Rung.Artifacts artifacts, Path out)
            throws IOException, InterruptedException {
        List<String> options = Rung.trainingOptions(key, artifacts);
        Path file = switch (key) {
            case "appcds" -> artifacts.appCdsArchive();
            case "aot" -> artifacts.aotCache();
            default -> artifacts.bestAotCache();
        };
        Files.deleteIfExists(file);
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        FirstMessage.fork(jars, options, lines);
        double ms = (System.nanoTime() - start) / 1e6;
        Files.write(out.resolve("logs").resolve("training-" + key + ".log"), lines);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the training run for " + key + " wrote no " + file + " (its output is in logs/training-"
                    + key + ".log)");
        }
        return new Training(key, file, Files.size(file), ms);
    }
}
