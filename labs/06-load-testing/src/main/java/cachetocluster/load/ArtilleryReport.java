package cachetocluster.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scenario run in artillery's words: its metric names ({@code http.requests}, {@code http.codes.200},
 * {@code http.response_time}, {@code vusers.created}, {@code errors.ECONNREFUSED} ...), its summary layout
 * (dot-padded to 79 columns, sorted by name) and its JSON report shape ({@code aggregate.counters},
 * {@code .rates}, {@code .summaries}), so dashboards and habits built on artillery carry over.
 *
 * <p>Names follow Node's error codes: a connection closed before the reply is {@code ECONNRESET} here, as Node
 * reports a "socket hang up" (jload's own report calls it ECONNCLOSED).
 */
public final class ArtilleryReport {

    private static final int WIDTH = 79;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss(xx)", Locale.ROOT);
    private static final List<String> SUMMARY_KEYS = List.of("min", "max", "mean", "median", "p95", "p99");

    private ArtilleryReport() {}

    /** Counters, sorted by name. */
    public static Map<String, Long> counters(ScenarioRunner.Result r) {
        Map<String, Long> c = new TreeMap<>();
        c.put("http.requests", r.requests());
        c.put("http.responses", r.errors().replies());
        c.put("http.downloaded_bytes", r.bodyBytes());
        r.errors().statuses().forEach((status, n) -> c.put("http.codes." + status, n));
        for (ErrorKind kind : ErrorKind.values()) {
            long n = r.errors().count(kind);
            if (n > 0) c.merge("errors." + artilleryCode(kind), n, Long::sum);
        }
        c.put("vusers.created", r.created());
        r.createdByName().forEach((name, n) -> c.put("vusers.created_by_name." + name, n));
        c.put("vusers.completed", r.completed());
        c.put("vusers.failed", r.failed());
        if (r.skipped() > 0) c.put("vusers.skipped", r.skipped());
        return c;
    }

    /** Summaries in ms: http.response_time and vusers.session_length. */
    public static Map<String, Map<String, Double>> summaries(ScenarioRunner.Result r) {
        Map<String, Map<String, Double>> s = new TreeMap<>();
        s.put("http.response_time", summary(r.latency().serviceTime()));
        s.put("vusers.session_length", summary(r.sessionMicros()));
        return s;
    }

    private static Map<String, Double> summary(Histogram micros) {
        Map<String, Double> m = new LinkedHashMap<>();
        boolean any = micros.getTotalCount() > 0;
        m.put("min", any ? round(micros.getMinValue() / 1000.0) : 0);
        m.put("max", any ? round(micros.getMaxValue() / 1000.0) : 0);
        m.put("count", (double) micros.getTotalCount());
        m.put("mean", any ? round(micros.getMean() / 1000.0) : 0);
        for (double p : new double[] {50, 75, 90, 95, 99, 99.9}) {
            String key = p == 50 ? "p50" : p == 99.9 ? "p999" : "p" + (int) p;
            m.put(key, any ? round(micros.getValueAtPercentile(p) / 1000.0) : 0);
        }
        m.put("median", m.get("p50"));
        return m;
    }

    /** http.request_rate, requests per second over the run. */
    public static long requestRate(ScenarioRunner.Result r) {
        return r.elapsedSeconds() > 0 ? Math.round(r.requests() / r.elapsedSeconds()) : 0;
    }

    public static String artilleryCode(ErrorKind kind) {
        return kind == ErrorKind.CLOSED ? "ECONNRESET" : kind.code();
    }

    /** The end of an artillery run: "All VUs finished" and the summary report. */
    public static void print(ScenarioRunner.Result r, PrintStream out) {
        out.println((r.interrupted() ? "Interrupted. " : "All VUs finished. ") + "Total time: " + seconds(r.elapsedSeconds()));
        out.println();
        String title = "Summary report @ " + clock(Instant.now());
        out.println("-".repeat(title.length()));
        out.println(title);
        out.println("-".repeat(title.length()));
        out.println();
        Map<String, Object> lines = new TreeMap<>(counters(r));
        lines.put("http.request_rate", requestRate(r) + "/sec");
        lines.putAll(summaries(r));
        for (Map.Entry<String, Object> e : lines.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> summary) {
                out.println(e.getKey() + ":");
                for (String key : SUMMARY_KEYS) out.println(padded("  " + key + ":", number((Double) summary.get(key))));
            } else {
                out.println(padded(e.getKey() + ":", String.valueOf(e.getValue())));
            }
        }
    }

    /** "Phase started: warm up (index: 0, duration: 60s) 10:31:01(+0000)". */
    public static String phaseLine(String event, Scenario.Phase phase, int index, Instant at) {
        return "Phase " + event + ": " + (phase.name() == null ? "unnamed" : phase.name()) + " (index: " + index
                + ", duration: " + number(phase.length()) + "s) " + clock(at);
    }

    static String padded(String left, String right) {
        int dots = Math.max(3, WIDTH - left.length() - right.length() - 2);
        return left + " " + ".".repeat(dots) + " " + right;
    }

    /** The ensure checks: each metric's value against its limit. */
    public static List<Thresholds.Check> ensure(ScenarioRunner.Result r) {
        List<Thresholds.Check> checks = new ArrayList<>();
        Map<String, Long> counters = counters(r);
        Map<String, Map<String, Double>> summaries = summaries(r);
        for (Scenario.Ensure e : r.scenario().ensure()) {
            double actual;
            if (e.metric().equals("maxErrorRate")) {
                actual = r.created() == 0 ? 0 : 100.0 * r.failed() / r.created();
            } else if (counters.containsKey(e.metric()) || isCounter(e.metric())) {
                actual = counters.getOrDefault(e.metric(), 0L);
            } else {
                int dot = e.metric().lastIndexOf('.');
                actual = summaries.get(e.metric().substring(0, dot)).get(e.metric().substring(dot + 1));
            }
            checks.add(new Thresholds.Check(e.metric(), e.limit(), actual, actual <= e.limit()));
        }
        return checks;
    }

    private static boolean isCounter(String metric) {
        return metric.startsWith("http.codes.") || metric.startsWith("errors.") || metric.startsWith("vusers.")
                && !metric.startsWith("vusers.session_length") || metric.equals("http.requests") || metric.equals("http.responses")
                || metric.equals("http.downloaded_bytes");
    }

    /** Whether an ensure threshold names a metric this report has. */
    static boolean knownForEnsure(String metric) {
        if (isCounter(metric)) return true;
        for (String summary : List.of("http.response_time.", "vusers.session_length.")) {
            if (metric.startsWith(summary)) {
                return List.of("min", "max", "mean", "median", "p50", "p75", "p90", "p95", "p99", "p999", "count")
                        .contains(metric.substring(summary.length()));
            }
        }
        return false;
    }

    /** artillery's {@code -o} JSON: {@code {aggregate: {counters, rates, summaries, ...}, intermediate: []}}. */
    public static void writeJson(ScenarioRunner.Result r, Path file) throws IOException {
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode aggregate = root.putObject("aggregate");
        ObjectNode counters = aggregate.putObject("counters");
        counters(r).forEach(counters::put);
        aggregate.putObject("rates").put("http.request_rate", requestRate(r));
        ObjectNode summaries = aggregate.putObject("summaries");
        summaries(r).forEach((name, values) -> {
            ObjectNode s = summaries.putObject(name);
            values.forEach((k, v) -> {
                if (k.equals("count")) s.put(k, v.longValue()); else s.put(k, v);
            });
        });
        long first = r.startedAt().toEpochMilli();
        aggregate.put("firstMetricAt", first);
        aggregate.put("lastMetricAt", first + Math.round(r.elapsedSeconds() * 1000));
        aggregate.put("period", first);
        root.putArray("intermediate");
        try {
            Files.writeString(file, mapper.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new IOException("cannot write the -o file '" + file + "': " + JloadCommand.reason(e), e);
        }
    }

    private static String clock(Instant at) {
        return CLOCK.format(at.atZone(ZoneId.systemDefault()));
    }

    private static String seconds(double s) {
        if (s < 60) return Math.round(s) + " second" + (Math.round(s) == 1 ? "" : "s");
        return (long) (s / 60) + " minutes, " + Math.round(s % 60) + " seconds";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
