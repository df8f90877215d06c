package cachetocluster.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an artillery script and refuses, in one line that names the field, anything it would otherwise get
 * wrong: a misspelt key ({@code arivalRate}), a wrong type, or an artillery feature jload does not have
 * ({@code processor}, {@code capture} ...). A load test that silently ignores half its script is worse than one
 * that does not start.
 */
public final class ScenarioParser {

    /** A script jload cannot run as written; the message names the field. */
    public static final class ScenarioException extends Exception {
        ScenarioException(String message) {
            super(message);
        }
    }

    private static final Set<String> TOP = Set.of("config", "scenarios");
    private static final Set<String> CONFIG = Set.of("target", "phases", "http", "defaults", "ensure", "tls");
    private static final Set<String> PHASE = Set.of("duration", "arrivalRate", "rampTo", "arrivalCount", "pause", "maxVusers", "name");
    private static final Set<String> SCENARIO = Set.of("name", "weight", "flow", "engine");
    private static final Set<String> REQUEST = Set.of("url", "json", "body", "headers", "qs");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head");
    private static final Set<String> UNSUPPORTED = Set.of("processor", "payload", "variables", "environments", "plugins",
            "before", "after", "capture", "expect", "beforeRequest", "afterResponse", "beforeScenario", "afterScenario",
            "function", "log", "ifTrue", "whileTrue", "formData", "form", "cookie", "auth", "followRedirect", "match", "pool");
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h)?\\s*");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String file;

    private ScenarioParser(String file) {
        this.file = file;
    }

    public static Scenario read(Path path) throws ScenarioException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(path + ": cannot read it (" + JloadCommand.reason(e) + ")");
        }
        return parse(text, path.toString());
    }

    public static Scenario parse(String yaml, String file) throws ScenarioException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            throw new ScenarioException(file + ": not valid YAML: " + message
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        return new ScenarioParser(file).scenario(root);
    }

    private Scenario scenario(JsonNode root) throws ScenarioException {
        if (root == null || !root.isObject()) throw fail("", "the script must be a mapping with 'config' and 'scenarios'");
        keys(root, "", TOP);
        JsonNode config = required(root, "config", "");
        if (!config.isObject()) throw fail("config", "must be a mapping");
        keys(config, "config", CONFIG);
        URI target = null;
        if (config.get("target") != null) {
            String t = string(config.get("target"), "config.target");
            try {
                target = LoadOptions.Builder.checkUrl(t);
            } catch (IllegalArgumentException e) {
                throw fail("config.target", e.getMessage());
            }
        }
        JsonNode phasesNode = required(config, "phases", "config");
        if (!phasesNode.isArray() || phasesNode.isEmpty()) throw fail("config.phases", "must be a non-empty list of phases");
        List<Scenario.Phase> phases = new ArrayList<>();
        for (int i = 0; i < phasesNode.size(); i++) phases.add(phase(phasesNode.get(i), "config.phases[" + i + "]"));

        double timeout = Scenario.DEFAULT_TIMEOUT_SECONDS;
        if (config.get("http") != null) {
            JsonNode http = config.get("http");
            keys(http, "config.http", Set.of("timeout"));
            if (http.get("timeout") != null) timeout = positive(http.get("timeout"), "config.http.timeout");
        }
        boolean insecure = false;
        if (config.get("tls") != null) {
            keys(config.get("tls"), "config.tls", Set.of("rejectUnauthorized"));
            JsonNode r = config.get("tls").get("rejectUnauthorized");
            if (r != null && !r.isBoolean()) throw fail("config.tls.rejectUnauthorized", "must be true or false");
            insecure = r != null && !r.asBoolean();
        }
        Map<String, String> defaults = Map.of();
        if (config.get("defaults") != null) {
            keys(config.get("defaults"), "config.defaults", Set.of("headers"));
            defaults = headers(config.get("defaults").get("headers"), "config.defaults.headers");
        }
        List<Scenario.Ensure> ensure = config.get("ensure") == null ? List.of() : ensure(config.get("ensure"));

        JsonNode scenariosNode = required(root, "scenarios", "");
        if (!scenariosNode.isArray() || scenariosNode.isEmpty()) throw fail("scenarios", "must be a non-empty list");
        List<Scenario.Flow> flows = new ArrayList<>();
        for (int i = 0; i < scenariosNode.size(); i++) {
            String at = "scenarios[" + i + "]";
            JsonNode s = scenariosNode.get(i);
            if (!s.isObject()) throw fail(at, "must be a mapping with a 'flow'");
            keys(s, at, SCENARIO);
            if (s.get("engine") != null && !"http".equals(s.get("engine").asString())) {
                throw fail(at + ".engine", "jload runs HTTP scenarios only, not '" + s.get("engine").asString() + "'");
            }
            String name = s.get("name") == null ? String.valueOf(i) : string(s.get("name"), at + ".name");
            int weight = s.get("weight") == null ? 1 : (int) whole(s.get("weight"), at + ".weight", 1);
            flows.add(new Scenario.Flow(name, weight, steps(required(s, "flow", at), at + ".flow")));
        }
        return new Scenario(target, List.copyOf(phases), List.copyOf(flows), defaults, timeout, ensure, insecure);
    }

    private Scenario.Phase phase(JsonNode p, String at) throws ScenarioException {
        if (!p.isObject()) throw fail(at, "must be a mapping such as {duration: 60, arrivalRate: 5}");
        keys(p, at, PHASE);
        String name = p.get("name") == null ? null : string(p.get("name"), at + ".name");
        int maxVusers = p.get("maxVusers") == null ? 0 : (int) whole(p.get("maxVusers"), at + ".maxVusers", 1);
        if (p.get("pause") != null) {
            for (String other : List.of("duration", "arrivalRate", "rampTo", "arrivalCount")) {
                if (p.get(other) != null) throw fail(at + "." + other, "a pause phase has only 'pause' (and 'name')");
            }
            return new Scenario.Phase(name, 0, 0, null, null, seconds(p.get("pause"), at + ".pause"), 0);
        }
        double duration = seconds(required(p, "duration", at), at + ".duration");
        if (p.get("arrivalCount") != null) {
            if (p.get("arrivalRate") != null || p.get("rampTo") != null) {
                throw fail(at + ".arrivalCount", "give arrivalCount or arrivalRate (with rampTo), not both");
            }
            return new Scenario.Phase(name, duration, 0, null, whole(p.get("arrivalCount"), at + ".arrivalCount", 0), 0, maxVusers);
        }
        JsonNode rateNode = p.get("arrivalRate");
        if (rateNode == null) throw fail(at, "needs arrivalRate or arrivalCount (or is a 'pause')");
        double rate = nonNegative(rateNode, at + ".arrivalRate");
        Double rampTo = p.get("rampTo") == null ? null : nonNegative(p.get("rampTo"), at + ".rampTo");
        return new Scenario.Phase(name, duration, rate, rampTo, null, 0, maxVusers);
    }

    private List<Scenario.Step> steps(JsonNode flow, String at) throws ScenarioException {
        if (!flow.isArray()) throw fail(at, "must be a list of steps (get, post, put, patch, delete, think, loop)");
        List<Scenario.Step> steps = new ArrayList<>();
        for (int i = 0; i < flow.size(); i++) {
            String here = at + "[" + i + "]";
            JsonNode step = flow.get(i);
            if (!step.isObject()) throw fail(here, "must be a mapping such as {get: {url: \"/\"}}");
            if (step.get("loop") != null) {
                keys(step, here, Set.of("loop", "count"));
                int count = step.get("count") == null ? 1 : (int) whole(step.get("count"), here + ".count", 1);
                steps.add(new Scenario.Loop(steps(step.get("loop"), here + ".loop"), count));
                continue;
            }
            if (step.size() != 1) throw fail(here, "a step has exactly one key (get, post, ..., think, loop), not " + step.propertyNames());
            String key = step.propertyNames().iterator().next();
            JsonNode value = step.get(key);
            if (key.equals("think")) {
                steps.add(new Scenario.Think(seconds(value, here + ".think")));
            } else if (METHODS.contains(key)) {
                steps.add(request(key.toUpperCase(Locale.ROOT), value, here + "." + key));
            } else if (UNSUPPORTED.contains(key)) {
                throw fail(here + "." + key, "is an artillery feature jload does not support");
            } else {
                throw fail(here + "." + key, "unknown step (expected one of: get, post, put, patch, delete, head, think, loop)");
            }
        }
        return List.copyOf(steps);
    }

    private Scenario.Request request(String method, JsonNode r, String at) throws ScenarioException {
        if (!r.isObject()) throw fail(at, "must be a mapping with a 'url'");
        keys(r, at, REQUEST);
        String url = string(required(r, "url", at), at + ".url");
        if (r.get("qs") != null) {
            StringBuilder query = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : r.get("qs").properties()) {
                query.append(query.isEmpty() ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue().asString()));
            }
            url += (url.contains("?") ? "&" : "?") + query;
        }
        Map<String, String> headers = headers(r.get("headers"), at + ".headers");
        byte[] body = null;
        String type = null;
        if (r.get("json") != null && r.get("body") != null) throw fail(at + ".body", "give json or body, not both");
        if (r.get("json") != null) {
            body = JSON.writeValueAsBytes(r.get("json"));
            type = "application/json";
        } else if (r.get("body") != null) {
            body = string(r.get("body"), at + ".body").getBytes(StandardCharsets.UTF_8);
            type = "text/plain";
        }
        return new Scenario.Request(method, url, headers, body, type);
    }

    private List<Scenario.Ensure> ensure(JsonNode e) throws ScenarioException {
        if (!e.isObject()) throw fail("config.ensure", "must be a mapping");
        keys(e, "config.ensure", Set.of("thresholds", "maxErrorRate", "p95", "p99", "max", "median", "min"));
        List<Scenario.Ensure> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : e.properties()) {
            String at = "config.ensure." + entry.getKey();
            if (entry.getKey().equals("thresholds")) {
                JsonNode list = entry.getValue();
                if (!list.isArray()) throw fail(at, "must be a list such as [{\"http.response_time.p99\": 250}]");
                for (int i = 0; i < list.size(); i++) {
                    JsonNode t = list.get(i);
                    if (!t.isObject() || t.size() != 1) throw fail(at + "[" + i + "]", "must be one {metric: limit}");
                    String metric = t.propertyNames().iterator().next();
                    if (!ArtilleryReport.knownForEnsure(metric)) {
                        throw fail(at + "[" + i + "]." + metric, "unknown metric (e.g. http.response_time.p99, vusers.failed, http.codes.500)");
                    }
                    checks.add(new Scenario.Ensure(metric, nonNegative(t.get(metric), at + "[" + i + "]." + metric)));
                }
            } else if (entry.getKey().equals("maxErrorRate")) {
                checks.add(new Scenario.Ensure("maxErrorRate", nonNegative(entry.getValue(), at)));
            } else {
                // artillery's older form: ensure: {p99: 250} means http.response_time.p99 <= 250
                checks.add(new Scenario.Ensure("http.response_time." + entry.getKey(), nonNegative(entry.getValue(), at)));
            }
        }
        return List.copyOf(checks);
    }

    private Map<String, String> headers(JsonNode h, String at) throws ScenarioException {
        if (h == null) return Map.of();
        if (!h.isObject()) throw fail(at, "must be a mapping of header names to values");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            if (e.getValue().isContainer()) throw fail(at + "." + e.getKey(), "must be a single value");
            String value = e.getValue().asString();
            if (value.contains("\n") || value.contains("\r")) throw fail(at + "." + e.getKey(), "must not contain line breaks");
            headers.put(e.getKey(), value);
        }
        return headers;
    }

    // ---- small checks --------------------------------------------------------------------------------------

    private void keys(JsonNode node, String at, Set<String> allowed) throws ScenarioException {
        if (!node.isObject()) throw fail(at, "must be a mapping");
        for (String key : node.propertyNames()) {
            if (allowed.contains(key)) continue;
            String path = at.isEmpty() ? key : at + "." + key;
            if (UNSUPPORTED.contains(key)) throw fail(path, "is an artillery feature jload does not support");
            throw fail(path, "unknown field (expected one of: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    private JsonNode required(JsonNode node, String key, String at) throws ScenarioException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) throw fail(at.isEmpty() ? key : at + "." + key, "is missing");
        return value;
    }

    private String string(JsonNode n, String at) throws ScenarioException {
        if (!n.isValueNode() || n.isNull()) throw fail(at, "must be a string");
        return n.asString();
    }

    private double nonNegative(JsonNode n, String at) throws ScenarioException {
        if (!n.isNumber() || n.asDouble() < 0) throw fail(at, "must be a number of at least 0, not " + n);
        return n.asDouble();
    }

    private double positive(JsonNode n, String at) throws ScenarioException {
        if (!n.isNumber() || !(n.asDouble() > 0)) throw fail(at, "must be a positive number, not " + n);
        return n.asDouble();
    }

    private long whole(JsonNode n, String at, long min) throws ScenarioException {
        if (!n.isIntegralNumber() || n.asLong() < min) throw fail(at, "must be a whole number of at least " + min + ", not " + n);
        return n.asLong();
    }

    /** Seconds, as a number or an ms-style string: 30, "30s", "500ms", "5m", "1h". */
    private double seconds(JsonNode n, String at) throws ScenarioException {
        if (n.isNumber() && n.asDouble() > 0) return n.asDouble();
        if (n.isString()) {
            Matcher m = DURATION.matcher(n.asString());
            if (m.matches() && Double.parseDouble(m.group(1)) > 0) {
                double v = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> v / 1000;
                    case "m", "min" -> v * 60;
                    case "h" -> v * 3600;
                    default -> v;
                };
            }
        }
        throw fail(at, "must be a positive number of seconds or a duration such as \"30s\", \"5m\", not " + n);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ScenarioException fail(String field, String problem) {
        return new ScenarioException(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }
}
