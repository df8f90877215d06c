package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each way a request can fail is counted under its own name, never as loadtest's "-1". */
@Timeout(60)
class ErrorKindsTest {

    private static LoadResult run(String url, int n) {
        return LoadTest.run(LoadOptions.builder(url).maxRequests(n).concurrency(2).threads(2).keepAlive(true).timeoutMillis(2000).build());
    }

    private static void assertOnly(LoadResult r, String name, long count) {
        assertThat(r.errors().rows()).as("error rows").extracting(ErrorTable.Row::name).containsExactly(name);
        assertThat(r.errors().rows().getFirst().count()).as(name + " count").isEqualTo(count);
        assertThat(r.sent()).as("sent = replies + network errors").isEqualTo(r.replies() + r.networkErrors());
    }

    @Test
    @DisplayName("A port nobody listens on: ECONNREFUSED, once per request")
    void refused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LoadResult r = run("http://127.0.0.1:" + port + "/", 20);
        assertOnly(r, "ECONNREFUSED", 20);
        assertThat(r.replies()).isZero();
        assertThat(r.errorRatePercent()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("A server that resets the connection (SO_LINGER 0): ECONNRESET")
    void reset() throws Exception {
        try (TestServer server = TestServer.start(TestServer.reset())) {
            LoadResult r = run(server.url(), 10);
            assertOnly(r, "ECONNRESET", 10);
            assertThat(server.requests.get()).isEqualTo(10);
        }
    }

    @Test
    @DisplayName("A server that closes without replying: ECONNCLOSED (Node's \"socket hang up\")")
    void hangUp() throws Exception {
        try (TestServer server = TestServer.start(TestServer.hangUp())) {
            assertOnly(run(server.url(), 10), "ECONNCLOSED", 10);
        }
    }

    @Test
    @DisplayName("A server that never answers, with -d 200: ETIMEDOUT after about 200 ms each")
    void timeout() throws Exception {
        try (TestServer server = TestServer.start(TestServer.silent())) {
            LoadResult r = LoadTest.run(LoadOptions.builder(server.url()).maxRequests(4).concurrency(2).threads(1)
                    .keepAlive(true).timeoutMillis(200).build());
            assertOnly(r, "ETIMEDOUT", 4);
            assertThat(r.elapsedSeconds()).as("two rounds of 200 ms timeouts").isBetween(0.38, 3.0);
            assertThat(r.errors().rows().getFirst().example()).contains("200 ms");
        }
    }

    @Test
    @DisplayName("HTTP errors are counted by status, and they are replies")
    void httpStatus() throws Exception {
        try (TestServer server = TestServer.start(TestServer.status(503))) {
            LoadResult r = run(server.url(), 30);
            assertOnly(r, "HTTP 503", 30);
            assertThat(r.replies()).isEqualTo(30);
            assertThat(r.errors().statuses()).containsEntry(503, 30L);
            assertThat(r.errors().rows().getFirst().description()).isEqualTo("Service Unavailable");
        }
    }

    @Test
    @DisplayName("A reply that is not HTTP: EPROTO")
    void notHttp() throws Exception {
        TestServer.Handler garbage = (r, s, out, server) -> {
            out.write("HELLO THERE\r\n\r\n".getBytes());
            out.flush();
            return true;
        };
        try (TestServer server = TestServer.start(garbage)) {
            LoadResult r = run(server.url(), 6);
            assertOnly(r, "EPROTO", 6);
            assertThat(r.errors().rows().getFirst().example()).contains("status line");
        }
    }

    @Test
    @DisplayName("A reply that comes before the request body is all sent (413) is counted, and the connection not reused")
    void earlyReply() throws Exception {
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        // A small, fixed receive buffer (no autotuning) and a body far larger than the client's send buffer (4 MiB
        // at most here): the client cannot have written it all when the reply comes.
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(16 * 1024);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket s = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                var in = s.getInputStream();
                                int state = 0;
                                while (state < 4) { // read the head only: ... \r\n\r\n
                                    int c = in.read();
                                    if (c < 0) return;
                                    state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
                                }
                                s.getOutputStream().write("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n".getBytes());
                                s.getOutputStream().flush();
                                Thread.sleep(300); // the client reads the reply with most of its body unsent
                                while (in.read(new byte[65536]) >= 0) { } // then drain the upload until the client closes
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (java.io.IOException ignored) {
                                // the client closed
                            }
                        });
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            LoadResult r = LoadTest.run(LoadOptions.builder("http://127.0.0.1:" + server.getLocalPort() + "/upload")
                    .body(new byte[16 << 20]).maxRequests(4).concurrency(1).threads(1).keepAlive(true).timeoutMillis(10_000).build());
            assertThat(r.errors().statuses()).as("errors: %s", r.errors().rows()).containsEntry(413, 4L);
            assertThat(accepted.get()).as("a half-written connection is not reused").isEqualTo(4);
        }
    }

    @Test
    @DisplayName("Mixed outcomes add up: 200s, a 500 every third request, and the error table ranks them")
    void mixed() throws Exception {
        TestServer.Handler mixed = (r, s, out, server) -> TestServer.reply(r, out, r.number() % 3 == 0 ? 500 : 200, "x");
        try (TestServer server = TestServer.start(mixed)) {
            LoadResult r = run(server.url(), 300);
            assertThat(r.replies()).isEqualTo(300);
            assertThat(r.errors().statuses()).containsEntry(200, 200L).containsEntry(500, 100L);
            assertThat(r.errorRatePercent()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
        }
    }
}
