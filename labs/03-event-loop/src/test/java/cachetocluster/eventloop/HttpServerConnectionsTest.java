package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server's connections over real sockets on 127.0.0.1: idle keep-alive timeouts, half-closed clients, a
 * connection or a listening socket made elsewhere (lab 05's workers), a port in use, and closing the server.
 */
class HttpServerConnectionsTest extends HttpServerFixture {

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheTimeout() throws IOException {
        int port = start(echo, s -> s.keepAliveTimeout(200));
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.get("/once");
            assertThat(reply.header("keep-alive")).isEqualTo("timeout=1"); // whole seconds, at least 1, as Node writes it
            long start = System.nanoTime();
            assertThat(client.closedByServer()).as("closed by the server while idle").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
        }
    }

    @Test
    void aClientThatHalfClosesStillGetsItsAnswers() throws IOException {
        int port = start(echo);
        try (RawClient client = new RawClient(port)) {
            client.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n");
            client.shutdownOutput();
            assertThat(client.read().text()).isEqualTo("GET /a 0 ");
            assertThat(client.read().text()).isEqualTo("GET /b 0 ");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionAcceptedElsewhereIsServed() throws Exception {
        // What the cluster lab does: one process accepts, another serves (Node's server.emit('connection', socket)).
        int port = start(echo);
        try (ServerSocketChannel acceptor = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             RawClient client = new RawClient(((InetSocketAddress) acceptor.getLocalAddress()).getPort())) {
            SocketChannel accepted = acceptor.accept();
            loop.execute(() -> server.serve(accepted));
            assertThat(client.get("/handed-over").text()).isEqualTo("GET /handed-over 0 ");
        }
        assertThat(port).isPositive();
    }

    @Test
    void aListeningSocketMadeElsewhereIsServed() throws IOException {
        ServerSocketChannel listening = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        loop.setUncaughtExceptionHandler((error, callback, l) -> uncaught.add(error));
        server = HttpServer.create(loop, echo).listen(listening);
        loopThread = Thread.ofPlatform().name("http-loop").start(loop::run);
        try (RawClient client = new RawClient(server.port())) {
            assertThat(client.get("/inherited").text()).isEqualTo("GET /inherited 0 ");
        }
    }

    @Test
    void portZeroPicksAFreePortAndAPortInUseSaysSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            HttpServer other = HttpServer.create(loop, echo);
            assertThatThrownBy(() -> other.listen(taken.getLocalPort(), "127.0.0.1"))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("listen EADDRINUSE: address already in use 127.0.0.1:" + taken.getLocalPort());
        }
        int port = start(echo);
        assertThat(port).isBetween(1, 65535);
    }

    @Test
    void closeStopsAcceptingClosesIdleConnectionsAndCallsBack() throws Exception {
        int port = start(echo);
        CountDownLatch closed = new CountDownLatch(1);
        List<String> callbackThreads = new CopyOnWriteArrayList<>();
        try (RawClient idle = new RawClient(port)) {
            assertThat(idle.get("/x").status()).isEqualTo(200);
            loop.execute(() -> server.close(() -> {
                callbackThreads.add(Thread.currentThread().getName());
                closed.countDown();
            }));
            assertThat(closed.await(5, TimeUnit.SECONDS)).as("the close callback ran").isTrue();
            assertThat(idle.closedByServer()).as("the idle keep-alive connection was closed").isTrue();
        }
        loopThread.join(Duration.ofSeconds(5));
        assertThat(loopThread.isAlive()).as("run() returned: nothing keeps the loop alive").isFalse();
        assertThat(callbackThreads).containsExactly("http-loop");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void closeLetsABusyConnectionFinishItsResponse() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        int port = start((req, res) -> {
            inHandler.countDown();
            loop.setTimeout(() -> res.end("finished"), 200);
        });
        try (RawClient busy = new RawClient(port)) {
            busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
            loop.execute(server::close);
            RawClient.Reply reply = busy.read();
            assertThat(reply.text()).isEqualTo("finished");
            assertThat(reply.header("connection")).as("a closing server says so").isEqualTo("close");
            assertThat(busy.closedByServer()).isTrue();
        }
    }
}
