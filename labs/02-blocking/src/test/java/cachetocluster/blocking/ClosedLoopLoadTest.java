package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClosedLoopLoadTest {

    @Test
    void everyClientSendsItsRequestsOnOneConnection() throws Exception {
        try (var server = BlockingServer.start(new Mode.VirtualThreads(), Handlers.hello(), 0)) {
            var result = ClosedLoopLoad.run(server.port(), 5, 20, Duration.ofSeconds(10));
            assertThat(result.ok()).isEqualTo(100);
            assertThat(result.failed()).isZero();
            assertThat(result.errors()).isEmpty();
            assertThat(result.latency().getTotalCount()).isEqualTo(100);
            assertThat(result.wallNanos()).isPositive();
            assertThat(result.requestsPerSecond()).isPositive();
            assertThat(result.p50Millis()).isLessThanOrEqualTo(result.p99Millis()).isLessThanOrEqualTo(result.maxMillis());
            assertThat(server.connectionsAccepted()).as("one keep-alive connection per client").isEqualTo(5);
            assertThat(server.requestsServed()).isEqualTo(100);
        }
    }

    @Test
    void aServerThatIsNotThereIsCountedAsFailuresNotAHang() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free once closed: nobody listens there
        }
        var result = ClosedLoopLoad.run(port, 3, 2, Duration.ofSeconds(5));
        assertThat(result.ok()).isZero();
        assertThat(result.failed()).isEqualTo(6);
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).contains("Connect"));
        assertThat(result.requestsPerSecond()).isZero();
    }

    @Test
    void errorStatusesAreFailures() throws Exception {
        try (var server = BlockingServer.start(new Mode.ThreadPool(2), request -> Response.text(503, "busy\n"), 0)) {
            var result = ClosedLoopLoad.run(server.port(), 2, 3, Duration.ofSeconds(10));
            assertThat(result.ok()).isZero();
            assertThat(result.failed()).isEqualTo(6);
            assertThat(result.errors()).containsExactly("HTTP 503");
        }
    }

    @Test
    void itGivesUpAtItsTimeout() throws Exception {
        try (var server = BlockingServer.start(new Mode.VirtualThreads(), Handlers.slow(Duration.ofSeconds(20)), 0)) {
            long start = System.nanoTime();
            var result = ClosedLoopLoad.run(server.port(), 2, 1, Duration.ofMillis(300));
            assertThat((System.nanoTime() - start) / 1e9).as("seconds the load took with a 300 ms timeout").isLessThan(5);
            assertThat(result.failed()).isEqualTo(2);
        }
    }

    @Test
    void refusesAnEmptyLoad() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClosedLoopLoad.run(1, 0, 1, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> ClosedLoopLoad.run(1, 1, 0, Duration.ofSeconds(1)));
    }
}
