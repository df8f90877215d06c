package cachetocluster.load;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An artillery script, the essentials: a target, phases of arrivals, and scenarios whose flow each virtual user
 * walks through, request after request on its own connection. {@link ScenarioParser} reads it from YAML;
 * {@link #quick} builds the one {@code artillery quick} makes.
 *
 * @param timeoutSeconds {@code config.http.timeout}: per request (artillery's default is 10 s)
 * @param ensure         {@code config.ensure}: limits on the aggregate metrics; a failed one makes the exit status 1
 */
public record Scenario(URI target, List<Phase> phases, List<Flow> scenarios, Map<String, String> defaultHeaders,
                       double timeoutSeconds, List<Ensure> ensure, boolean insecure) {

    public static final double DEFAULT_TIMEOUT_SECONDS = 10;

    /**
     * One phase. Shapes: {@code duration} + {@code arrivalRate} (and {@code rampTo}); {@code duration} +
     * {@code arrivalCount}; {@code pause}. {@code maxVusers} caps the virtual users alive at once (0: no cap).
     */
    public record Phase(String name, double duration, double arrivalRate, Double rampTo, Long arrivalCount, double pause, int maxVusers) {
        public boolean isPause() {
            return pause > 0 || (arrivalCount == null && arrivalRate == 0 && rampTo == null);
        }

        /** How long the phase lasts, in seconds. */
        public double length() {
            return pause > 0 ? pause : duration;
        }
    }

    /** A scenario: its name (artillery numbers unnamed ones 0, 1, ...), weight, and flow. */
    public record Flow(String name, int weight, List<Step> steps) {}

    /** A step of a flow. */
    public sealed interface Step permits Request, Think, Loop {}

    /** {@code get}/{@code post}/... with its url (relative to the target, or absolute on the same host), headers and body. */
    public record Request(String method, String url, Map<String, String> headers, byte[] body, String contentType) implements Step {}

    /** {@code think: seconds}. */
    public record Think(double seconds) implements Step {}

    /** {@code loop: [steps]} with {@code count}. */
    public record Loop(List<Step> steps, int count) implements Step {}

    /** One {@code ensure} check: {@code metric} (e.g. {@code http.response_time.p99}, {@code maxErrorRate}) at most {@code limit}. */
    public record Ensure(String metric, double limit) {}

    /** What {@code artillery quick --count V -n R URL} runs: V users arrive within 1 s, each sends R GETs in sequence. */
    public static Scenario quick(URI url, int count, int num, boolean insecure) {
        String target = url.getScheme() + "://" + url.getRawAuthority();
        String path = RequestTemplate.requestTarget(url);
        Step get = new Request("GET", path, Map.of(), null, null);
        List<Step> flow = num == 1 ? List.of(get) : List.of(new Loop(List.of(get), num));
        return new Scenario(URI.create(target), List.of(new Phase(null, 1, 0, null, (long) count, 0, 0)),
                List.of(new Flow("0", 1, flow)), Map.of(), DEFAULT_TIMEOUT_SECONDS, List.of(), insecure);
    }

    /** The same scenario aimed at another target ({@code run --target}). */
    public Scenario withTarget(URI newTarget) {
        return new Scenario(newTarget, phases, scenarios, defaultHeaders, timeoutSeconds, ensure, insecure);
    }

    public Scenario withInsecure(boolean on) {
        return new Scenario(target, phases, scenarios, defaultHeaders, timeoutSeconds, ensure, insecure || on);
    }
}
