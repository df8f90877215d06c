package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graded test of lab 02 task 4: predict, then verify. Your {@link Throughput#predict} says what
 * a real server will do; the test starts that server, sends it the clients, and compares. The
 * handler sleeps (waits), which a busy machine cannot slow down much, so the bands can be fair.
 */
@DisplayName("Lab 02: predict, then verify")
class PredictThenVerifyGradedTest {

    /** How far a measurement may be from the prediction: 40%, as a fraction. */
    private static final double BAND = 0.40;
    /** Plus this much on the longest wait, for starting threads and connections on a busy machine. */
    private static final double SLACK_MILLIS = 50;

    static Stream<Scenario> scenarios() {
        var waits = new Work.Waits(100);
        return Stream.of(new Scenario(new Mode.SingleThreaded(), waits, 8, 2),
                new Scenario(new Mode.ThreadPool(3), waits, 8, 2),
                new Scenario(new Mode.VirtualThreads(), waits, 8, 2));
    }

    @BeforeAll
    static void warmUp() throws Exception {
        // The first requests of a JVM run in the interpreter; let the JIT compile the HTTP code first.
        try (var server = BlockingServer.start(new Mode.VirtualThreads(), Handlers.hello(), 0)) {
            ClosedLoopLoad.run(server.port(), 4, 100, Duration.ofSeconds(20));
        }
    }

    @Tag("task:4")
    @DisplayName("Predict, then verify: the real servers' req/s and longest wait are within 40% of your predictions")
    @ParameterizedTest(quoteTextArguments = false, name = "[{0}] the real server''s req/s and longest wait are within 40% of your prediction")
    @MethodSource("scenarios")
    void theMeasurementAgreesWithThePrediction(Scenario scenario) throws Exception {
        Prediction predicted = Throughput.predict(scenario);
        assertThat(predicted).as("predict(%s) returned null", scenario).isNotNull();
        ClosedLoopLoad.Result measured;
        try (var server = BlockingServer.start(scenario.mode(), scenario.work().handler(), 0)) {
            measured = ClosedLoopLoad.run(server.port(), scenario.clients(), scenario.requestsEach(), Duration.ofSeconds(20));
        }
        assertThat(measured.ok()).as("[%s] answered requests (errors: %s)", scenario, measured.errors()).isEqualTo(scenario.requests());
        double rps = predicted.requestsPerSecond();
        assertThat(measured.requestsPerSecond())
                .as("[%s] requests per second: you predicted %.1f, the server did %.1f (%s); they must agree within 40%%",
                        scenario, rps, measured.requestsPerSecond(), measured)
                .isBetween((1 - BAND) * rps, (1 + BAND) * rps);
        double worst = predicted.worstWaitMillis();
        assertThat(measured.maxMillis())
                .as("[%s] longest wait: you predicted %.0f ms, the longest request waited %.0f ms; they must agree within 40%% (+%.0f ms)",
                        scenario, worst, measured.maxMillis(), SLACK_MILLIS)
                .isBetween((1 - BAND) * worst, (1 + BAND) * worst + SLACK_MILLIS);
    }
}
