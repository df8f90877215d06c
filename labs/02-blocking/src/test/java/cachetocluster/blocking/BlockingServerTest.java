package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three servers on real sockets on 127.0.0.1. Nothing sleeps to synchronise: latches and deadlines do. */
class BlockingServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A handler that holds every request until the test lets it go. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final Handler gate = request -> {
        if (!release.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the gate");
        return Response.ok("released\n");
    };
    private BlockingServer server;

    static Stream<Mode> modes() {
        return Stream.of(new Mode.SingleThreaded(), new Mode.ThreadPool(2), new Mode.VirtualThreads());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) server.close();
    }

    private BlockingServer start(Mode mode, Handler handler) throws IOException {
        server = BlockingServer.start(mode, handler, 0);
        return server;
    }

    @ParameterizedTest(quoteTextArguments = false, name = "{0}: hello, and three requests on one keep-alive connection")
    @MethodSource("modes")
    void servesKeepAliveConnections(Mode mode) throws Exception {
        start(mode, Handlers.hello());
        try (var client = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Reply reply = client.send(RawHttp.get("/")).reply();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo("hello\n");
                assertThat(reply.headers()).containsEntry("connection", "keep-alive").containsEntry("content-length", "6");
            }
        }
        assertThat(server.connectionsAccepted()).as("connections for 3 keep-alive requests").isEqualTo(1);
        assertThat(server.requestsServed()).isEqualTo(3);
        assertThat(server.connectionsAnswered()).isEqualTo(1);
    }

    @ParameterizedTest(quoteTextArguments = false, name = "{0}: Connection: close and HTTP/1.0 close the connection after the answer")
    @MethodSource("modes")
    void closesWhenAsked(Mode mode) throws Exception {
        start(mode, Handlers.hello());
        try (var client = new RawHttp(server.port())) {
            var reply = client.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").reply();
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(client.closedByServer()).isTrue();
        }
        try (var client = new RawHttp(server.port())) {
            assertThat(client.send("GET / HTTP/1.0\r\n\r\n").reply().status()).isEqualTo(200);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(quoteTextArguments = false, name = "{0}: a malformed request gets 400 and a close, and the server goes on serving")
    @MethodSource("modes")
    void badRequestsAreRefusedAndTheServerGoesOn(Mode mode) throws Exception {
        start(mode, Handlers.hello());
        try (var client = new RawHttp(server.port())) {
            var reply = client.send("THIS IS NOT HTTP\r\n\r\n").reply();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).startsWith("bad request: the request line").doesNotContain("at cachetocluster");
            assertThat(client.closedByServer()).isTrue();
        }
        try (var client = new RawHttp(server.port())) {
            assertThat(client.send(RawHttp.get("/")).reply().status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(quoteTextArguments = false, name = "{0}: a handler that throws, errs or returns null costs a 500, not the connection")
    @MethodSource("modes")
    void aFailingHandlerIsA500(Mode mode) throws Exception {
        start(mode, request -> switch (request.path()) {
            case "/boom" -> throw new IllegalStateException("secret detail");
            case "/error" -> throw new AssertionError("secret detail");
            case "/null" -> null;
            default -> Response.ok("fine\n");
        });
        try (var client = new RawHttp(server.port())) {
            var failed = client.send(RawHttp.get("/boom")).reply();
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("the handler failed: IllegalStateException\n");
            assertThat(client.send(RawHttp.get("/error")).reply().body()).isEqualTo("the handler failed: AssertionError\n");
            assertThat(client.send(RawHttp.get("/null")).reply().body()).isEqualTo("the handler returned no response\n");
            assertThat(client.send(RawHttp.get("/")).reply().body()).isEqualTo("fine\n");
        }
    }

    @Test
    void theSingleThreadDoesNotEvenAcceptWhileItIsInAHandler() throws Exception {
        start(new Mode.SingleThreaded(), gate);
        try (var first = new RawHttp(server.port()); var second = new RawHttp(server.port())) {
            first.send(RawHttp.get("/"));
            await().atMost(PATIENCE).until(() -> server.concurrentRequests() == 1);
            second.send(RawHttp.get("/"));
            // The second connection is open (the kernel completed its handshake) and its request is
            // sent, but the only thread is inside the first handler and nobody calls accept(): the
            // connection waits in the kernel's backlog, unseen by the server.
            assertThat(server.connectionsAccepted()).as("connections accepted while the one thread is in a handler").isEqualTo(1);
            release.countDown();
            assertThat(first.reply().status()).isEqualTo(200);
            first.finish(); // the one thread serves this connection until its client says it is done
            assertThat(second.reply().status()).isEqualTo(200);
        }
        assertThat(server.connectionsAccepted()).isEqualTo(2);
        assertThat(server.maxConcurrentRequests()).as("handlers at once on one thread").isEqualTo(1);
    }

    @Test
    void theSingleThreadSerialisesTwoClients() throws Exception {
        start(new Mode.SingleThreaded(), Handlers.slow(Duration.ofMillis(300)));
        try (var first = new RawHttp(server.port()); var second = new RawHttp(server.port())) {
            String request = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
            long sent = System.nanoTime();
            first.send(request);
            second.send(request); // both requests are on their way at the same moment
            assertThat(first.reply().status()).isEqualTo(200);
            double firstMillis = (System.nanoTime() - sent) / 1e6;
            assertThat(second.reply().status()).isEqualTo(200);
            double secondMillis = (System.nanoTime() - sent) / 1e6;
            // A sleep lasts at least its time, so this holds on any machine, however busy: the second
            // handler could only start when the first had finished.
            assertThat(secondMillis).as("the second client waited %.0f ms (the first %.0f ms); two 300 ms handlers one after the other",
                    secondMillis, firstMillis).isGreaterThanOrEqualTo(2 * 300);
        }
        assertThat(server.maxConcurrentRequests()).isEqualTo(1);
    }

    @Test
    void aPoolOfThreeServesThreeAtOnceAndQueuesTheRest() throws Exception {
        start(new Mode.ThreadPool(3), gate);
        var load = inBackground(() -> run(5));
        await().atMost(PATIENCE).until(() -> server.concurrentRequests() == 3);
        await().atMost(PATIENCE).until(() -> server.connectionsAccepted() == 5); // the acceptor took all five
        assertThat(server.concurrentRequests()).as("handlers at once, pool of 3, 5 clients").isEqualTo(3);
        release.countDown();
        assertThat(load.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).ok()).isEqualTo(5);
        assertThat(server.maxConcurrentRequests()).as("the most handlers at once with a pool of 3").isEqualTo(3);
        assertThat(server.requestsServed()).isEqualTo(5);
    }

    @Test
    void virtualThreadsServeEveryClientAtOnce() throws Exception {
        start(new Mode.VirtualThreads(), gate);
        var load = inBackground(() -> run(50));
        await().atMost(PATIENCE).until(() -> server.concurrentRequests() == 50);
        release.countDown();
        assertThat(load.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).ok()).isEqualTo(50);
        assertThat(server.maxConcurrentRequests()).as("handlers at once, 50 clients on virtual threads").isEqualTo(50);
    }

    @Test
    void anIdleKeepAliveConnectionHoldsTheSingleThreadUntilItsTimeout() throws Exception {
        server = BlockingServer.start(new Mode.SingleThreaded(), Handlers.hello(), 0, Duration.ofMillis(400));
        try (var idle = new RawHttp(server.port()); var other = new RawHttp(server.port())) {
            long start = System.nanoTime();
            assertThat(idle.send(RawHttp.get("/")).reply().status()).isEqualTo(200);
            assertThat(other.send(RawHttp.get("/")).reply().status()).isEqualTo(200);
            long millis = (System.nanoTime() - start) / 1_000_000;
            // The idle timeout starts after the first answer, which is after `start`: a lower bound
            // that holds however busy the machine is.
            assertThat(millis).as("the second client is answered only after the idle connection times out (400 ms), here after %d ms",
                    millis).isGreaterThanOrEqualTo(400);
            assertThat(idle.closedByServer()).as("the idle connection was closed").isTrue();
        }
    }

    @Test
    void onVirtualThreadsAnIdleConnectionHoldsNobody() throws Exception {
        start(new Mode.VirtualThreads(), Handlers.hello());
        try (var idle = new RawHttp(server.port()); var other = new RawHttp(server.port())) {
            assertThat(idle.send(RawHttp.get("/")).reply().status()).isEqualTo(200);
            assertThat(other.send(RawHttp.get("/")).reply().status()).isEqualTo(200);
            assertThat(idle.send(RawHttp.get("/")).reply().status()).as("the idle connection still works").isEqualTo(200);
        }
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        start(new Mode.VirtualThreads(), Handlers.hello());
        int port = server.port();
        assertThatThrownBy(() -> BlockingServer.start(new Mode.SingleThreaded(), Handlers.hello(), port))
                .isInstanceOf(BindException.class)
                .hasMessage("cannot listen on 127.0.0.1:" + port + " is already in use: another server (or an earlier run of this one)"
                        + " listens there; stop it, or pick another port (0 picks a free one)");
    }

    @ParameterizedTest(quoteTextArguments = false, name = "{0}: close() interrupts a sleeping handler, closes connections, stops listening")
    @MethodSource("modes")
    void closeStopsEverything(Mode mode) throws Exception {
        start(mode, Handlers.slow(Duration.ofSeconds(30)));
        int port = server.port();
        var client = new RawHttp(port);
        client.send(RawHttp.get("/"));
        await().atMost(PATIENCE).until(() -> server.concurrentRequests() == 1);
        long start = System.nanoTime();
        server.close();
        assertThat((System.nanoTime() - start) / 1e9).as("seconds close() took").isLessThan(3);
        assertThat(server.concurrentRequests()).isZero();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        client.close();
    }

    @Test
    void theFileHandlerReadsTheFileEveryTime(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("page.txt"), "version 1\n");
        start(new Mode.VirtualThreads(), Handlers.readFile(file));
        try (var client = new RawHttp(server.port())) {
            assertThat(client.send(RawHttp.get("/")).reply().body()).isEqualTo("version 1\n");
            Files.writeString(file, "version 2\n");
            assertThat(client.send(RawHttp.get("/")).reply().body()).isEqualTo("version 2\n");
            Files.delete(file);
            assertThat(client.send(RawHttp.get("/")).reply().status()).isEqualTo(404);
        }
    }

    @Test
    void headGetsTheHeadOnly() throws Exception {
        start(new Mode.ThreadPool(1), Handlers.hello());
        try (var client = new RawHttp(server.port())) {
            var head = client.send("HEAD / HTTP/1.1\r\n\r\n").reply(true);
            assertThat(head.headers()).containsEntry("content-length", "6");
            assertThat(client.send(RawHttp.get("/")).reply().body()).as("the next answer starts where the head ended").isEqualTo("hello\n");
        }
    }

    private ClosedLoopLoad.Result run(int clients) {
        try {
            return ClosedLoopLoad.run(server.port(), clients, 1, PATIENCE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> CompletableFuture<T> inBackground(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> Thread.ofPlatform().daemon().start(task));
    }
}
