package cachetocluster.cluster;

import cachetocluster.child.EventEmitter;
import java.util.Map;

/**
 * Node's {@code cluster} module, for this JVM: one {@link Primary} if this process is the primary, one
 * {@link CurrentWorker} if it is a worker. The same program usually runs as both, as in Node:
 *
 * <pre>{@code
 * if (Cluster.isPrimary()) {
 *     Cluster.setupPrimary(Settings.none().exec(MyServer.class).args(args));
 *     for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
 *         Cluster.fork();
 *     }
 *     Cluster.primary().onExit((worker, code, signal) -> System.out.println("worker " + worker.id() + " died"));
 * } else {
 *     CurrentWorker self = Cluster.worker();
 *     HttpServer server = HttpServer.create(self.loop(), (req, res) -> res.end("hello from " + self.id() + "\n"));
 *     self.listen(server, 8000, "127.0.0.1");
 *     self.loop().run();
 * }
 * }</pre>
 *
 * <p>What decides: {@code C2C_UNIQUE_ID} in the environment (Node's {@code NODE_UNIQUE_ID}), which only a primary's
 * fork sets.
 */
public final class Cluster {

    private static Primary primary;
    private static CurrentWorker worker;

    private Cluster() {}

    /** {@code cluster.isPrimary}: this process was not started as a worker. */
    public static boolean isPrimary() {
        return System.getenv(Primary.UNIQUE_ID_ENV) == null;
    }

    /** {@code cluster.isWorker}. */
    public static boolean isWorker() {
        return !isPrimary();
    }

    /**
     * The primary side of this process, made on first use.
     *
     * @throws IllegalStateException in a worker (only a primary forks)
     * @throws IllegalArgumentException if {@code C2C_CLUSTER_SCHED_POLICY} names no policy
     */
    public static synchronized Primary primary() {
        if (isWorker()) {
            throw new IllegalStateException("this process is worker " + System.getenv(Primary.UNIQUE_ID_ENV)
                    + ", not the primary");
        }
        if (primary == null) {
            primary = new Primary();
        }
        return primary;
    }

    /**
     * {@code cluster.worker}: this worker (started on first use; WorkerMain uses it before your main runs).
     *
     * @throws IllegalStateException in the primary (Node's {@code cluster.worker} is undefined there)
     */
    public static synchronized CurrentWorker worker() {
        if (isPrimary()) {
            throw new IllegalStateException("this process is the primary: cluster.worker exists only in workers");
        }
        if (worker == null) {
            worker = CurrentWorker.start(System.getenv());
        }
        return worker;
    }

    /** {@code cluster.fork()}. */
    public static Worker fork() {
        return primary().fork();
    }

    /** {@code cluster.fork(env)}. */
    public static Worker fork(Map<String, String> env) {
        return primary().fork(env);
    }

    /** {@code cluster.setupPrimary(settings)}. */
    public static Primary setupPrimary(Settings settings) {
        return primary().setupPrimary(settings);
    }

    /** {@code cluster.settings}. */
    public static Settings settings() {
        return primary().settings();
    }

    /** {@code cluster.schedulingPolicy}. */
    public static SchedulingPolicy schedulingPolicy() {
        return primary().schedulingPolicy();
    }

    /** {@code cluster.schedulingPolicy = policy}, before the first fork or setupPrimary. */
    public static Primary schedulingPolicy(SchedulingPolicy policy) {
        return primary().schedulingPolicy(policy);
    }

    /** {@code cluster.workers}. */
    public static Map<Integer, Worker> workers() {
        return primary().workers();
    }

    /** {@code cluster.disconnect(callback)}. */
    public static void disconnect(Runnable callback) {
        primary().disconnect(callback);
    }

    /** {@code cluster.on(event, listener)} in the primary. */
    public static EventEmitter on(String event, EventEmitter.Listener listener) {
        return primary().on(event, listener);
    }
}
