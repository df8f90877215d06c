package cachetocluster.load.demo;

import cachetocluster.cluster.Cluster;
import cachetocluster.cluster.CurrentWorker;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.HttpServer;

/**
 * One worker of why-cluster's cluster row (lab 05): the event-loop row's handler, computing {@code args[0]} ns per
 * request, on this worker's own loop. The primary forks one per core; they share one port.
 */
public final class SpinWorker {

    private SpinWorker() {}

    public static void main(String[] args) {
        long workNanos = Long.parseLong(args[0]);
        CurrentWorker self = Cluster.worker();
        EventLoop loop = self.loop();
        HttpServer server = HttpServer.create(loop, HttpServer.Handler.named("why-cluster", (req, res) -> {
            DemoServer.spin(workNanos);
            res.setHeader("Content-Type", "text/plain");
            res.end("ok\n");
        }));
        self.listen(server, 0, "127.0.0.1").whenComplete((bound, error) -> {
            if (error != null) {
                System.err.println("why-cluster worker: " + error.getMessage());
                Runtime.getRuntime().exit(2);
            }
        });
        loop.run();
        loop.close();
    }
}
