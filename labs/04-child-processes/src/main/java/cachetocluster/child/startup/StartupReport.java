package cachetocluster.child.startup;

import cachetocluster.child.startup.StartupStudy.Report;
import cachetocluster.child.startup.StartupStudy.Result;
import cachetocluster.child.startup.StartupStudy.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The study's findings as text tables (for the terminal) and as JSON (for notebooks and later comparison). */
public final class StartupReport {

    private StartupReport() {}

    /** The ladder: configuration, median, p90, against the default, CPU, archived classes, what it saves. */
    public static String ladderTable(Report report) {
        Result reference = report.result("default");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-38s %8s %8s %15s %7s %10s  %s%n", "configuration", "median", "p90",
                "vs default", "cpu", "archived", "what it saves"));
        for (Result r : report.results()) {
            String versus = reference == null || r == reference ? "" : versus(r.median(), reference.median());
            String cpu = r.cpuMedian() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", r.cpuMedian());
            String archived = r.sources() == null ? "-" : r.sources().fromArchive() + "/" + r.sources().loaded();
            out.append(String.format(Locale.ROOT, "%-38s %8.0f %8.0f %15s %7s %10s  %s%n", r.rung().label(), r.median(),
                    r.p90(), versus, cpu, archived, r.rung().saves()));
        }
        out.append("(ms from the fork() call to the first message; cpu: the child's CPU ms by then, all threads;\n"
                + " archived: classes mapped from an archive / classes loaded, from -Xlog:class+load)\n");
        return out.toString();
    }

    /** Where the time goes: the median of each phase, per forked configuration. */
    public static String phaseTable(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-38s", "configuration"));
        FirstMessage.Phases.NAMES.forEach(n -> out.append(String.format(Locale.ROOT, " %8s", n)));
        out.append(String.format(Locale.ROOT, " %8s%n", "sum"));
        for (Result r : report.results()) {
            if (r.rung().baseline()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-38s", r.rung().label()));
            double sum = 0;
            for (double v : r.phaseMedians().values()) {
                out.append(String.format(Locale.ROOT, " %8.1f", v));
                sum += v;
            }
            out.append(String.format(Locale.ROOT, " %8.1f%n", sum));
        }
        out.append("(medians of each phase, ms: spawn = socket + posix_spawn in the parent; jvm = to ChildMain.main;\n"
                + " channel = junixsocket loaded and connected; main = to the probe's main; message = JSON, write, read, listener)\n");
        return out.toString();
    }

    /** One line per training run. */
    public static String trainingLines(Report report) {
        StringBuilder out = new StringBuilder();
        for (Training t : report.trainings()) {
            out.append(String.format(Locale.ROOT, "training run %-7s %6.0f ms, wrote %s (%.1f MB)%n", t.key(), t.ms(),
                    t.file().getFileName(), t.bytes() / 1e6));
        }
        return out.toString();
    }

    static String versus(double value, double reference) {
        double delta = value - reference;
        return String.format(Locale.ROOT, "%+.0f (%+.0f%%)", delta, 100 * delta / reference);
    }

    /** Writes everything, with every sample, as JSON. */
    public static void writeJson(Report report, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("what", "fork-to-first-message, ms: from the parent's fork() call to its 'message' listener having the "
                + "child's hello");
        root.put("machine", machine());
        root.put("runs", report.runs());
        root.put("warmupRounds", report.warmup());
        root.put("classPath", report.classPath());
        List<Map<String, Object>> trainings = new ArrayList<>();
        for (Training t : report.trainings()) {
            trainings.add(ordered("key", t.key(), "file", t.file().toString(), "bytes", t.bytes(), "ms", round(t.ms())));
        }
        root.put("trainings", trainings);
        Result reference = report.result("default");
        List<Map<String, Object>> configurations = new ArrayList<>();
        for (Result r : report.results()) {
            Map<String, Object> c = ordered("key", r.rung().key(), "label", r.rung().label(), "jvmOptions",
                    r.rung().jvmOptions(), "baseline", r.rung().baseline(), "saves", r.rung().saves());
            c.put("medianMs", round(r.median()));
            c.put("p90Ms", round(r.p90()));
            c.put("versusDefaultMs", reference == null ? null : round(r.median() - reference.median()));
            c.put("cpuMedianMs", r.cpuMedian() < 0 ? null : round(r.cpuMedian()));
            Map<String, Object> phases = new LinkedHashMap<>();
            r.phaseMedians().forEach((k, v) -> phases.put(k, round(v)));
            c.put("phaseMediansMs", phases);
            c.put("classes", r.sources() == null ? null : ordered("loaded", r.sources().loaded(), "fromArchive",
                    r.sources().fromArchive(), "probeSource", r.sources().probeSource()));
            c.put("vmInfo", r.samples().isEmpty() ? "" : r.samples().getFirst().vmInfo());
            c.put("samplesMs", r.samples().stream().map(s -> round(s.totalMs())).toList());
            configurations.add(c);
        }
        root.put("configurations", configurations);
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, mapper.writeValueAsString(root) + "\n");
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("loadAverage", loadAverage());
        return m;
    }

    /** "2.85 1.83 1.97" from /proc/loadavg, or what the JDK knows (one figure), or "" without either. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "" : String.format(Locale.ROOT, "%.2f", one);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
