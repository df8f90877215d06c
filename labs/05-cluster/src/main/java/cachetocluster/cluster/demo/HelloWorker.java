package cachetocluster.cluster.demo;

import cachetocluster.cluster.Cluster;
import cachetocluster.cluster.CurrentWorker;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One worker of the hello cluster: lab 03's HTTP server on this worker's event loop, listening through the primary.
 *
 * <ul>
 *   <li>{@code GET /}: {@code worker <id> pid <pid>\n}, at once.</li>
 *   <li>{@code GET /slow?ms=N}: the same after N ms (default 1000, at most 60000), on a timer: the request a test
 *       keeps in flight while the worker is asked to disconnect. The worker tells the primary it started one
 *       ({@code {slow: N}}).</li>
 * </ul>
 * If the primary cannot bind the port, the worker tells it ({@code {listenError: "listen EADDRINUSE: ..."}}) and exits
 * with status 2; the primary says it once and stops.
 */
final class HelloWorker {

    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final int maxConnections;

    HelloWorker(String host, int port, int maxConnections) {
        this.host = host;
        this.port = port;
        this.maxConnections = maxConnections;
    }

    int run() {
        CurrentWorker self = Cluster.worker();
        EventLoop loop = self.loop();
        byte[] body = ("worker " + self.id() + " pid " + self.process().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(loop, HttpServer.Handler.named("hello", (req, res) -> {
            switch (req.path()) {
                case "/" -> res.end(body);
                case "/slow" -> {
                    long ms = slowMillis(req.query());
                    self.send(Map.of("slow", ms)); // tells the primary (and a test) that a slow request is in flight
                    loop.setTimeout(() -> res.end(body), ms);
                }
                default -> res.status(404).end(NOT_FOUND);
            }
        }));
        self.listen(server, port, host).whenComplete((bound, error) -> {
            if (error != null) {
                self.send(Map.of("listenError", String.valueOf(error.getMessage())));
                Runtime.getRuntime().exit(2); // the message is written before exit returns (lab 04): the primary gets it
            } else if (maxConnections >= 0) {
                bound.maxConnections(maxConnections);
            }
        });
        loop.run(); // until disconnect() closed the server and its last connection finished
        loop.close();
        return 0;
    }

    /** {@code ms=250} from a query string; 1000 by default, clamped to 0..60000. */
    static long slowMillis(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("ms=")) {
                try {
                    return Math.clamp(Long.parseLong(pair.substring(3)), 0, 60_000);
                } catch (NumberFormatException e) {
                    return 1000;
                }
            }
        }
        return 1000;
    }
}
