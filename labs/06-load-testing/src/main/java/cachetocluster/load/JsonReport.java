package cachetocluster.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --json FILE}: the results for machines (loadtest's users asked for it, #78; its answer was "use the API").
 * The schema is {@link #SCHEMA}, printed by {@code jload --help-json}; it is versioned by {@code "schema"}.
 */
public final class JsonReport {

    public static final String SCHEMA = """
            jload --json FILE writes one JSON object ("schema": "jload/1"). Times in milliseconds unless named *Seconds.
              schema           "jload/1"
              tool, version    "jload", "%s"
              url, method      the target and the HTTP method
              model            "open" (--rps) or "closed"
              startedAt        ISO-8601 instant
              settings         {maxRequests, maxSeconds, concurrency, maxConnections, rps, timeoutMs, keepAlive, loops}
                               (0 means "not set" for maxRequests, maxSeconds, rps, timeoutMs)
              requests         {sent, replies, errors, networkErrors, httpErrors, unfinished, unsent}
                               sent = replies + networkErrors, exactly; unfinished are network errors too
              errorRatePercent errors / sent * 100
              durationSeconds  {elapsed, sending, drain}
              rate             {repliesPerSecond, completedPerSecond, sentPerSecond, target (rps or null)}
              latencyMs        {responseTime: L, serviceTime: L}; L = {count, min, mean, p50, p90, p95, p99, p999, max}
                               responseTime counts from when a request was due, serviceTime from when it went out
                               (equal in the closed model)
              queue            {lateRequests, maxWaitMs, waitedForConnection}: open model, requests sent more than 1 ms
                               after due; the longest wait; requests due while every connection was busy
              statusCodes      {"200": n, ...}, every status seen
              errors           [{name, description, count, percent, example}], most frequent first; name is an
                               errno code (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ECONNCLOSED, EPIPE, ETLS, EPROTO,
                               EHOSTUNREACH, EUNFINISHED, EOTHER) or "HTTP <status>" for statuses >= 400
              connections      {opened}
              bytes            {received, body}
              generator        {cpuSeconds, cores}: jload's own CPU during the run (all its threads) and
                               that per second of the run (1.0 = one core busy); -1 where unknown
              stop             {reason: "max-requests" | "max-time" | "interrupted", description}
              timeline         [{second, sent, replies, errors, p50, p90, p99, max}], per second of the run
              spectrum         [{percentile, responseTimeMs}], the response-time percentile spectrum
              thresholds       [{name: "max-p99" | "max-error-rate", limit, actual, passed}]
            """.formatted(Jload.VERSION);

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {}

    public static void write(LoadResult r, List<Thresholds.Check> checks, Path file) throws IOException {
        try {
            Files.writeString(file, MAPPER.writeValueAsString(toJson(r, checks)) + "\n");
        } catch (IOException e) {
            throw new IOException("cannot write the --json file '" + file + "': " + JloadCommand.reason(e), e);
        }
    }

    public static ObjectNode toJson(LoadResult r, List<Thresholds.Check> checks) {
        LoadOptions o = r.options();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "jload/1");
        root.put("tool", "jload");
        root.put("version", Jload.VERSION);
        root.put("url", o.url().toString());
        root.put("method", o.method());
        root.put("model", r.model());
        root.put("startedAt", r.startedAt().toString());
        ObjectNode settings = root.putObject("settings");
        settings.put("maxRequests", o.maxRequests());
        settings.put("maxSeconds", o.maxSeconds());
        settings.put("concurrency", o.concurrency());
        settings.put("maxConnections", o.maxConnections());
        settings.put("rps", o.rps());
        settings.put("timeoutMs", o.timeoutMillis());
        settings.put("keepAlive", o.keepAlive());
        settings.put("loops", r.loops());
        ObjectNode requests = root.putObject("requests");
        requests.put("sent", r.sent());
        requests.put("replies", r.replies());
        requests.put("errors", r.errorCount());
        requests.put("networkErrors", r.networkErrors());
        requests.put("httpErrors", r.errors().httpErrors());
        requests.put("unfinished", r.unfinished());
        requests.put("unsent", r.unsent());
        root.put("errorRatePercent", r.errorRatePercent());
        ObjectNode duration = root.putObject("durationSeconds");
        duration.put("elapsed", r.elapsedSeconds());
        duration.put("sending", r.sendingSeconds());
        duration.put("drain", r.drainSeconds());
        ObjectNode rate = root.putObject("rate");
        rate.put("repliesPerSecond", r.repliesPerSecond());
        rate.put("completedPerSecond", r.completedPerSecond());
        rate.put("sentPerSecond", r.sendRate());
        if (r.openModel()) rate.put("target", o.rps()); else rate.putNull("target");
        ObjectNode latency = root.putObject("latencyMs");
        summary(latency.putObject("responseTime"), r.responseTime());
        summary(latency.putObject("serviceTime"), r.serviceTime());
        ObjectNode queue = root.putObject("queue");
        queue.put("lateRequests", r.latency().late());
        queue.put("maxWaitMs", r.latency().maxQueueNanos() / 1e6);
        queue.put("waitedForConnection", r.waitedForConnection());
        ObjectNode codes = root.putObject("statusCodes");
        for (Map.Entry<Integer, Long> e : r.errors().statuses().entrySet()) codes.put(String.valueOf(e.getKey()), e.getValue());
        ArrayNode errors = root.putArray("errors");
        for (ErrorTable.Row row : r.errors().rows()) {
            ObjectNode e = errors.addObject();
            e.put("name", row.name());
            e.put("description", row.description());
            e.put("count", row.count());
            e.put("percent", row.percentOf(r.sent()));
            if (row.example() != null) e.put("example", row.example()); else e.putNull("example");
        }
        root.putObject("connections").put("opened", r.connectionsOpened());
        ObjectNode bytes = root.putObject("bytes");
        bytes.put("received", r.bytesReceived());
        bytes.put("body", r.bodyBytes());
        ObjectNode generator = root.putObject("generator");
        generator.put("cpuSeconds", r.cpuSeconds());
        generator.put("cores", r.generatorCores());
        ObjectNode stop = root.putObject("stop");
        stop.put("reason", r.stopReason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        stop.put("description", TextReport.ending(r));
        ArrayNode timeline = root.putArray("timeline");
        for (Timeline.Point p : r.timeline()) {
            ObjectNode t = timeline.addObject();
            t.put("second", p.second());
            t.put("sent", p.sent());
            t.put("replies", p.replies());
            t.put("errors", p.errors());
            t.put("p50", p.p50());
            t.put("p90", p.p90());
            t.put("p99", p.p99());
            t.put("max", p.max());
        }
        ArrayNode spectrum = root.putArray("spectrum");
        for (PercentileTable.Point p : PercentileTable.spectrum(r.latency().responseTime(), 5)) {
            ObjectNode s = spectrum.addObject();
            s.put("percentile", p.percentile());
            s.put("responseTimeMs", p.millis());
        }
        ArrayNode thresholds = root.putArray("thresholds");
        for (Thresholds.Check c : checks) {
            ObjectNode t = thresholds.addObject();
            t.put("name", c.name());
            t.put("limit", c.limit());
            t.put("actual", c.actual());
            t.put("passed", c.passed());
        }
        return root;
    }

    private static void summary(ObjectNode node, PercentileTable.Summary s) {
        node.put("count", s.count());
        node.put("min", s.min());
        node.put("mean", s.mean());
        node.put("p50", s.p50());
        node.put("p90", s.p90());
        node.put("p95", s.p95());
        node.put("p99", s.p99());
        node.put("p999", s.p999());
        node.put("max", s.max());
    }
}
