package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/**
 * What the HTTP server tests share: a loop on its own thread, a server started on a free port of 127.0.0.1 with the
 * handler a test gives, an echo handler, and at the end the server closed, the loop thread gone and no exception left
 * unhandled. The tests are the clients, with blocking sockets that time out after 5 s ({@link RawClient}).
 */
abstract class HttpServerFixture {

    final EventLoop loop = EventLoop.create();
    final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    final AtomicInteger handled = new AtomicInteger();
    HttpServer server;
    Thread loopThread;

    /** Echoes what it got: method, target, body length and body. */
    final HttpServer.Handler echo = (req, res) -> {
        handled.incrementAndGet();
        res.setHeader("Content-Type", "text/plain");
        res.end(req.method() + " " + req.target() + " " + req.body().length + " " + req.bodyText());
    };

    int start(HttpServer.Handler handler) {
        return start(handler, s -> { });
    }

    int start(HttpServer.Handler handler, Consumer<HttpServer> configure) {
        loop.setUncaughtExceptionHandler((error, callback, l) -> uncaught.add(error));
        server = HttpServer.create(loop, handler);
        configure.accept(server);
        server.listen(0, "127.0.0.1");
        loopThread = Thread.ofPlatform().name("http-loop").start(loop::run);
        return server.port();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loopThread != null) {
            try {
                loop.execute(server::close);
            } catch (RuntimeException closedAlready) {
                // The loop is gone.
            }
            loopThread.join(Duration.ofSeconds(5));
            assertThat(loopThread.isAlive()).as("the loop thread ends once the server is closed").isFalse();
        }
        loop.close();
        assertThat(uncaught).as("exceptions that reached the loop's handler").isEmpty();
    }
}
