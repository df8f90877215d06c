package cachetocluster.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results JMH writes with {@code -rf json}: one entry per benchmark and parameter set, with the
 * score, its unit and, for {@code Mode.SampleTime}, the percentiles.
 */
public final class JmhResults {

    /**
     * One benchmark result.
     *
     * @param benchmark   the class's simple name and the method, e.g. "PointerChaseBench.chase"
     * @param mode        JMH's short mode name: avgt, thrpt, sample, ss
     * @param params      the @Param values
     * @param score       the primary score in {@code unit}
     * @param unit        e.g. "ns/op", "us/op", "ops/s"
     * @param percentiles percentile (0-100) to value in {@code unit}; empty unless mode is sample
     * @param secondary   the secondary metrics' scores by name (e.g. {@code @AuxCounters} fields)
     */
    public record Result(String benchmark, String mode, Map<String, String> params, double score, String unit,
                         Map<Double, Double> percentiles, Map<String, Double> secondary) {

        /** The class's simple name: the part of {@link #benchmark} before the dot. */
        public String benchmarkClass() {
            return benchmark.substring(0, benchmark.indexOf('.'));
        }

        /** A time score in nanoseconds (the unit must be a time per operation). */
        public double scoreNs() {
            return toNanos(score, unit);
        }

        public Optional<Double> percentileNs(double percentile) {
            return Optional.ofNullable(percentiles.get(percentile)).map(v -> toNanos(v, unit));
        }

        public long longParam(String name) {
            String value = params.get(name);
            if (value == null) {
                throw new IllegalStateException(benchmark + " has no parameter '" + name + "' (it has " + params.keySet() + ")");
            }
            return Long.parseLong(value);
        }
    }

    private JmhResults() {}

    public static List<Result> read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (JacksonException e) {
            throw new IOException(file + " is not JMH's JSON output: " + e.getOriginalMessage(), e);
        } catch (IllegalStateException e) {
            throw new IOException(file + " is not JMH's JSON output: " + e.getMessage(), e);
        }
    }

    public static List<Result> parse(String json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        if (!root.isArray()) {
            throw new IllegalStateException("expected a JSON array of results");
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode entry : root) {
            String full = entry.path("benchmark").asString();
            String[] parts = full.split("\\.");
            if (parts.length < 2) {
                throw new IllegalStateException("a result without a benchmark name: " + full);
            }
            Map<String, String> params = new LinkedHashMap<>();
            entry.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asString()));
            JsonNode metric = entry.path("primaryMetric");
            Map<Double, Double> percentiles = new LinkedHashMap<>();
            metric.path("scorePercentiles").properties()
                    .forEach(p -> percentiles.put(Double.parseDouble(p.getKey()), p.getValue().asDouble()));
            Map<String, Double> secondary = new LinkedHashMap<>();
            entry.path("secondaryMetrics").properties()
                    .forEach(p -> secondary.put(p.getKey(), p.getValue().path("score").asDouble()));
            results.add(new Result(parts[parts.length - 2] + "." + parts[parts.length - 1], entry.path("mode").asString(),
                    params, metric.path("score").asDouble(), metric.path("scoreUnit").asString(), percentiles, secondary));
        }
        return results;
    }

    static double toNanos(double value, String unit) {
        String time = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        return switch (time) {
            case "ns" -> value;
            case "us" -> value * 1e3;
            case "ms" -> value * 1e6;
            case "s" -> value * 1e9;
            default -> throw new IllegalStateException("not a time per operation: " + unit);
        };
    }
}
