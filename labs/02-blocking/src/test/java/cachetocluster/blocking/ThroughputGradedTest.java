package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The graded tests of lab 02 tasks 1-3: {@link Throughput#predict}, by the model in its class
 * comment. Each row is a scenario and the three figures the model gives for it.
 *
 * <p>How a row reads: "threads:4 | waits:200 | 10 | 1 | 600 | 600" is a pool of 4 threads, a
 * handler that waits 200 ms, 10 clients sending 1 request each: done after 600 ms (so 10 requests
 * in 0.6 s, 16.7 per second), and the longest any request waited was 600 ms. "computes:50@2" is a
 * handler that computes 50 ms on a machine with 2 cores.
 */
@DisplayName("Lab 02: Throughput")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughputGradedTest {

    @Order(1)
    @Tag("task:1")
    @DisplayName("One thread serves one connection at a time: every request waits for all the connections before it")
    @ParameterizedTest(quoteTextArguments = false, name = "{0}, {1}, {2} x {3} requests: done after {4} ms, longest wait {5} ms")
    @CsvSource(delimiter = '|', value = {
        "single      | waits:200     |   10 | 1 | 2000 | 2000",
        "single      | waits:100     |    8 | 2 | 1600 | 1500",
        "single      | waits:50      |    1 | 4 |  200 |   50",
        "single      | waits:200     |    1 | 1 |  200 |  200",
        "single      | waits:25      |    4 | 3 |  300 |  250",
    })
    void oneThread(String mode, String work, int clients, int requests, double wall, double worst) {
        assertPredicts(scenario(mode, work, clients, requests), wall, worst);
    }

    @Order(2)
    @Tag("task:1")
    @DisplayName("On one thread, computing is no worse than waiting: one thread uses one core at most")
    @ParameterizedTest(quoteTextArguments = false, name = "{0}, {1}, {2} x {3} requests: done after {4} ms, longest wait {5} ms")
    @CsvSource(delimiter = '|', value = {
        "single      | computes:50@2 |   10 | 1 |  500 |  500",
        "single      | computes:30@8 |    3 | 2 |  180 |  150",
        "single      | computes:10@1 |    5 | 5 |  250 |  210",
    })
    void oneThreadComputing(String mode, String work, int clients, int requests, double wall, double worst) {
        assertPredicts(scenario(mode, work, clients, requests), wall, worst);
    }

    @Order(3)
    @Tag("task:2")
    @DisplayName("A pool of T threads serves the connections in waves of T; the last wave waits for all the others")
    @ParameterizedTest(quoteTextArguments = false, name = "{0}, {1}, {2} x {3} requests: done after {4} ms, longest wait {5} ms")
    @CsvSource(delimiter = '|', value = {
        "threads:4   | waits:200     |   10 | 1 |  600 |  600",
        "threads:5   | waits:200     |   10 | 1 |  400 |  400",
        "threads:3   | waits:100     |    8 | 2 |  600 |  500",
        "threads:1   | waits:100     |    3 | 2 |  600 |  500",
        "threads:200 | waits:200     | 1000 | 3 | 3000 | 2600",
    })
    void aPoolServesInWaves(String mode, String work, int clients, int requests, double wall, double worst) {
        assertPredicts(scenario(mode, work, clients, requests), wall, worst);
    }

    @Order(4)
    @Tag("task:2")
    @DisplayName("A pool with more threads than clients, and virtual threads, serve every client at once when the handler waits")
    @ParameterizedTest(quoteTextArguments = false, name = "{0}, {1}, {2} x {3} requests: done after {4} ms, longest wait {5} ms")
    @CsvSource(delimiter = '|', value = {
        "threads:16  | waits:100     |    8 | 2 |  200 |  100",
        "virtual     | waits:200     |   10 | 1 |  200 |  200",
        "virtual     | waits:100     |    8 | 2 |  200 |  100",
        "virtual     | waits:200     | 1000 | 1 |  200 |  200",
        "virtual     | waits:5       |    3 | 4 |   20 |    5",
    })
    void everyoneAtOnce(String mode, String work, int clients, int requests, double wall, double worst) {
        assertPredicts(scenario(mode, work, clients, requests), wall, worst);
    }

    @Order(5)
    @Tag("task:3")
    @DisplayName("In a pool, threads that compute share the cores: a wave of A threads on P cores takes A/P times as long")
    @ParameterizedTest(quoteTextArguments = false, name = "{0}, {1}, {2} x {3} requests: done after {4} ms, longest wait {5} ms")
    @CsvSource(delimiter = '|', value = {
        "threads:4   | computes:50@2 |   10 | 1 |  250 |  250",
        "threads:4   | computes:50@2 |   10 | 4 | 1000 |  850",
        "threads:3   | computes:60@2 |    3 | 1 |   90 |   90",
        "threads:2   | computes:50@4 |    6 | 2 |  300 |  250",
        "threads:8   | computes:10@2 |    5 | 2 |   50 |   25",
    })
    void poolThreadsShareTheCores(String mode, String work, int clients, int requests, double wall, double worst) {
        assertPredicts(scenario(mode, work, clients, requests), wall, worst);
    }

    @Order(6)
    @Tag("task:3")
    @DisplayName("Virtual threads that compute run whole requests on P carriers, in the order they were sent")
    @ParameterizedTest(quoteTextArguments = false, name = "{0}, {1}, {2} x {3} requests: done after {4} ms, longest wait {5} ms")
    @CsvSource(delimiter = '|', value = {
        "virtual     | computes:50@2 |   10 | 1 |  250 |  250",
        "virtual     | computes:50@2 |   10 | 4 | 1000 |  250",
        "virtual     | computes:50@2 |    3 | 1 |  100 |  100",
        "virtual     | computes:20@8 |    4 | 3 |   60 |   20",
        "virtual     | computes:40@4 |   10 | 3 |  320 |  120",
    })
    void virtualThreadsAreNotTimeSliced(String mode, String work, int clients, int requests, double wall, double worst) {
        assertPredicts(scenario(mode, work, clients, requests), wall, worst);
    }

    @Order(7)
    @Tag("task:3")
    @DisplayName("When the handler computes, virtual threads serve no more requests per second than a pool of one thread per core")
    @Test
    void virtualThreadsDoNotAddCores() {
        for (int clients : new int[] {2, 4, 10, 64}) {
            var work = new Work.Computes(25, 2);
            double virtual = predict(new Scenario(new Mode.VirtualThreads(), work, clients, 3)).requestsPerSecond();
            double pool = predict(new Scenario(new Mode.ThreadPool(2), work, clients, 3)).requestsPerSecond();
            assertThat(virtual).as("req/s of virtual threads, %d clients computing 25 ms on 2 cores (expected the pool of 2's %.3f, you predicted %.3f)",
                    clients, pool, virtual).isCloseTo(pool, within(pool * 1e-9));
            assertThat(virtual).as("req/s on 2 cores computing 25 ms (expected 2 x 1000 / 25 = 80, you predicted %.3f)", virtual)
                    .isCloseTo(80, within(80e-9));
        }
    }

    /** "single", "threads:4", "virtual" and "waits:200", "computes:50@2", as in the rows above. */
    static Scenario scenario(String mode, String work, int clients, int requests) {
        Mode m = mode.startsWith("threads:") ? new Mode.ThreadPool(Integer.parseInt(mode.substring(8)))
                : Mode.parse(mode, 1);
        Work w;
        if (work.startsWith("waits:")) {
            w = new Work.Waits(Double.parseDouble(work.substring(6)));
        } else {
            String[] parts = work.substring("computes:".length()).split("@");
            w = new Work.Computes(Double.parseDouble(parts[0]), Integer.parseInt(parts[1]));
        }
        return new Scenario(m, w, clients, requests);
    }

    static Prediction predict(Scenario scenario) {
        Prediction p = Throughput.predict(scenario);
        assertThat(p).as("predict(%s) returned null", scenario).isNotNull();
        return p;
    }

    /** The wall time and the longest wait as given; requests per second follows from the wall time. */
    private static void assertPredicts(Scenario scenario, double wall, double worst) {
        Prediction p = predict(scenario);
        double rps = scenario.requests() * 1000.0 / wall;
        assertThat(p.wallMillis()).as("[%s] wall time: expected %s ms, you predicted %s ms", scenario, wall, p.wallMillis())
                .isCloseTo(wall, within(wall * 1e-9));
        assertThat(p.worstWaitMillis()).as("[%s] longest wait: expected %s ms, you predicted %s ms", scenario, worst, p.worstWaitMillis())
                .isCloseTo(worst, within(worst * 1e-9));
        assertThat(p.requestsPerSecond()).as("[%s] requests per second: expected %s, you predicted %s", scenario, rps, p.requestsPerSecond())
                .isCloseTo(rps, within(rps * 1e-9));
    }
}
