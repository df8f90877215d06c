package cachetocluster.eventloop;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The measurement server: Node's hello world, on our loop.
 *
 * <pre>
 * require('http').createServer((req, res) => res.end('Hello, world\n')).listen(3000)
 * </pre>
 *
 * <p>{@code GET /} answers 200 {@code Hello, world\n} (text/plain); anything else 404. It runs until SIGINT (Ctrl-C)
 * or SIGTERM, then closes the server (idle keep-alive connections at once, busy ones after their response), prints
 * one line and exits. The JVM turns both signals into its shutdown sequence, so the hook below is where the close
 * starts; the exit status is then the signal's (130 or 143), as for a Node process without a signal handler.
 *
 * <p>The hot path is kept lean because it is compared with Node under wrk: the body is one constant array, the
 * header strings are constants, and the per-connection buffers are reused (see {@link WriteQueue}).
 */
public final class HelloServer {

    static final String USAGE = "usage: HelloServer [--port P] [--host H]   (defaults: --port 3000 --host 127.0.0.1)";
    private static final byte[] HELLO = "Hello, world\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.US_ASCII);

    private HelloServer() {}

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code); // only before the server ran: after a signal the JVM is already on its way out
        }
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int port = 3000;
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--port" -> {
                    Integer parsed = value == null ? null : parsePort(value);
                    if (parsed == null) {
                        err.println("hello-server: --port needs a number from 0 to 65535" + (value == null ? "" : ", not '" + value + "'") + " (" + USAGE + ")");
                        return 2;
                    }
                    port = parsed;
                    i++;
                }
                case "--host" -> {
                    if (value == null || value.isBlank()) {
                        err.println("hello-server: --host needs an address (" + USAGE + ")");
                        return 2;
                    }
                    host = value;
                    i++;
                }
                default -> {
                    err.println("hello-server: unknown option '" + arg + "' (" + USAGE + ")");
                    return 2;
                }
            }
        }

        EventLoop loop = EventLoop.create();
        long[] requests = {0};
        HttpServer server = HttpServer.create(loop, HttpServer.Handler.named("hello", (req, res) -> {
            requests[0]++;
            res.setHeader("Content-Type", "text/plain");
            if ("/".equals(req.target()) && ("GET".equals(req.method()) || "HEAD".equals(req.method()))) {
                res.end(HELLO);
            } else {
                res.status(404).end(NOT_FOUND);
            }
        }));
        try {
            server.listen(port, host);
        } catch (UncheckedIOException e) {
            err.println("hello-server: " + e.getMessage());
            loop.close();
            return 1;
        }

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().name("hello-server-shutdown").unstarted(() -> {
            try {
                loop.execute(server::close);
                finished.await(5, TimeUnit.SECONDS);
            } catch (RejectedExecutionException | InterruptedException alreadyGone) {
                // The loop has ended on its own: nothing to close.
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening on http://" + host + ":" + server.port());
        out.flush();
        try {
            loop.run();
            out.println("hello-server: closed after " + requests[0] + " requests");
            out.flush();
        } finally {
            finished.countDown();
            loop.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is what ended the loop: the JVM is exiting.
        }
        return 0;
    }

    private static Integer parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
