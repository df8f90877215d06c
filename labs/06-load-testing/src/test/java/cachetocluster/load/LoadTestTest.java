package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The API against real servers on 127.0.0.1: counts, keep-alive, time limits, the open model's rate. */
@Timeout(60)
class LoadTestTest {

    private static LoadOptions.Builder options(TestServer server) {
        return LoadOptions.builder(server.url()).threads(2);
    }

    @DisplayName("-n N sends exactly N requests and reports N results, on both event loops")
    @ParameterizedTest
    @EnumSource(Reactor.Kind.class)
    void exactCount(Reactor.Kind loop) throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            LoadResult r = LoadTest.run(options(server).maxRequests(1003).concurrency(10).keepAlive(true).loop(loop).build());
            assertThat(r.sent()).as("requests jload sent").isEqualTo(1003);
            assertThat(r.replies()).as("replies").isEqualTo(1003);
            assertThat(r.errorCount()).as("errors: %s", r.errors().rows()).isZero();
            assertThat(server.requests.get()).as("requests the server read").isEqualTo(1003);
            assertThat(r.latency().count()).as("latencies recorded").isEqualTo(1003);
            assertThat(r.stopReason()).isEqualTo(LoadResult.StopReason.MAX_REQUESTS);
            assertThat(r.timeline().stream().mapToLong(Timeline.Point::replies).sum()).as("replies in the timeline").isEqualTo(1003);
        }
    }

    @Test
    @DisplayName("-n smaller than -c: only N requests, the other connections send nothing")
    void fewerRequestsThanConnections() throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            LoadResult r = LoadTest.run(options(server).maxRequests(3).concurrency(10).keepAlive(true).build());
            assertThat(r.sent()).isEqualTo(3);
            assertThat(server.requests.get()).isEqualTo(3);
            assertThat(server.connections.get()).as("connections accepted: only those that sent").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("Keep-alive (-k) reuses -c connections; without it, every request has its own")
    void keepAliveVersusNot() throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            LoadResult r = LoadTest.run(options(server).maxRequests(500).concurrency(5).keepAlive(true).build());
            assertThat(r.replies()).isEqualTo(500);
            assertThat(server.connections.get()).as("connections accepted with -k -c 5").isEqualTo(5);
            assertThat(r.connectionsOpened()).isEqualTo(5);
        }
        try (TestServer server = TestServer.start(TestServer.ok())) {
            LoadResult r = LoadTest.run(options(server).maxRequests(200).concurrency(5).build());
            assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(200);
            assertThat(server.connections.get()).as("connections accepted without -k").isEqualTo(200);
            assertThat(r.connectionsOpened()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("A server that closes after every reply (Connection: close) makes jload reconnect, without errors")
    void serverSideClose() throws Exception {
        TestServer.Handler closing = (r, s, out, server) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n".getBytes());
            out.flush();
            return false;
        };
        try (TestServer server = TestServer.start(closing)) {
            LoadResult r = LoadTest.run(options(server).maxRequests(100).concurrency(4).keepAlive(true).build());
            assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(100);
            assertThat(server.connections.get()).isEqualTo(100);
        }
    }

    @Test
    @DisplayName("Chunked replies and replies that end at the close are read whole")
    void chunkedAndUntilClose() throws Exception {
        try (TestServer server = TestServer.start(TestServer.chunked(20))) {
            LoadResult r = LoadTest.run(options(server).maxRequests(200).concurrency(4).keepAlive(true).build());
            assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(200);
            assertThat(r.bodyBytes()).as("body bytes: 200 replies of 1+2+...+20").isEqualTo(200L * 210);
            assertThat(server.connections.get()).as("chunked replies keep the connection").isEqualTo(4);
        }
        try (TestServer server = TestServer.start(TestServer.untilClose())) {
            LoadResult r = LoadTest.run(options(server).maxRequests(50).concurrency(4).keepAlive(true).build());
            assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(50);
            assertThat(r.bodyBytes()).isEqualTo(50L * "the body ends at the close\n".length());
        }
    }

    @Test
    @DisplayName("-t stops sending on time, waits for the replies in flight, and says so")
    void timeLimit() throws Exception {
        try (TestServer server = TestServer.start(TestServer.delay(300))) {
            LoadResult r = LoadTest.run(options(server).maxSeconds(1).concurrency(4).keepAlive(true).build());
            assertThat(r.stopReason()).isEqualTo(LoadResult.StopReason.MAX_TIME);
            assertThat(r.sendingSeconds()).as("sending window").isBetween(0.99, 1.5);
            assertThat(r.drainSeconds()).as("the wait for replies in flight").isGreaterThan(0.0);
            assertThat(r.unfinished()).as("every reply in flight was waited for").isZero();
            assertThat(r.sent()).isEqualTo(r.replies() + r.networkErrors());
            assertThat(server.requests.get()).as("requests the server read").isEqualTo((int) r.sent());
            assertThat(TextReport.ending(r)).contains("the -t limit stopped sending").contains("waited");
        }
    }

    @Test
    @DisplayName("-t with a server that never answers: the wait is bounded, the requests are counted as unfinished")
    void timeLimitWithSilentServer() throws Exception {
        try (TestServer server = TestServer.start(TestServer.silent())) {
            LoadResult r = LoadTest.run(options(server).maxSeconds(0.5).concurrency(3).keepAlive(true).drainMillis(300).build());
            assertThat(r.sent()).isEqualTo(3);
            assertThat(r.unfinished()).isEqualTo(3);
            assertThat(r.errors().rows()).extracting(ErrorTable.Row::name).containsExactly("EUNFINISHED");
            assertThat(r.elapsedSeconds()).as("elapsed: 0.5 s of sending + 0.3 s of waiting").isBetween(0.75, 3.0);
            assertThat(TextReport.ending(r)).contains("3 never came");
        }
    }

    @Test
    @DisplayName("--rps 200 for 2 s sends 400 requests (+-2%), spread over the loops")
    void rateIsKept() throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            LoadResult r = LoadTest.run(options(server).rps(200).maxSeconds(2).keepAlive(true).build());
            assertThat(r.model()).isEqualTo("open");
            assertThat(r.sent()).as("requests sent at 200/s for 2 s").isBetween(392L, 408L);
            assertThat(server.requests.get()).isEqualTo((int) r.sent());
            assertThat(r.sendRate()).as("send rate").isBetween(196.0, 204.0);
        }
    }

    @Test
    @DisplayName("A fractional --rps with -n: 3 requests at 2.5/s take about 0.8 s")
    void fractionalRate() throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            LoadResult r = LoadTest.run(options(server).rps(2.5).maxRequests(3).keepAlive(true).build());
            assertThat(r.sent()).isEqualTo(3);
            assertThat(r.elapsedSeconds()).as("the third request is due at 0.8 s").isBetween(0.79, 2.0);
        }
    }

    @Test
    @DisplayName("A 1 s stall shows in the open model's p99 (from the intended send), not in the service time")
    void stallShowsInResponseTime() throws Exception {
        try (TestServer server = TestServer.start(TestServer.stallAt(100, 1000))) {
            LoadResult r = LoadTest.run(options(server).rps(200).maxSeconds(3).concurrency(2).keepAlive(true).build());
            assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(r.sent());
            assertThat(r.responseTime().p99()).as("response-time p99 (ms) with a 1 s stall in a 3 s run").isGreaterThanOrEqualTo(900.0);
            assertThat(r.serviceTime().p99()).as("service-time p99 (ms): only the 2 requests on the wire saw the stall").isLessThan(500.0);
            assertThat(r.serviceTime().max()).as("service-time max").isGreaterThanOrEqualTo(900.0);
            assertThat(r.latency().late()).as("requests sent late").isGreaterThan(100);
            assertThat(r.waitedForConnection()).as("requests due while both connections were stalled (~200 in 1 s)")
                    .isGreaterThan(100).isLessThanOrEqualTo(r.sent());
        }
    }

    @Test
    @DisplayName("The closed model under the same stall: the p99 hides it (coordinated omission), only the max shows it")
    void closedModelHidesTheStall() throws Exception {
        try (TestServer server = TestServer.start(TestServer.stallAt(100, 1000))) {
            LoadResult r = LoadTest.run(options(server).maxSeconds(2).concurrency(2).keepAlive(true).build());
            assertThat(r.model()).isEqualTo("closed");
            assertThat(r.replies()).as("replies").isGreaterThan(300);
            assertThat(r.responseTime().max()).as("max (ms)").isGreaterThanOrEqualTo(900.0);
            assertThat(r.responseTime().p99()).as("closed-model p99 (ms)").isLessThan(500.0);
        }
    }
}
