package cachetocluster.cluster.demo;

import cachetocluster.cluster.Cluster;
import cachetocluster.cluster.Primary;
import cachetocluster.cluster.RespawnPolicy;
import cachetocluster.cluster.Respawner;
import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.Settings;
import cachetocluster.cluster.Worker;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hello cluster's primary: fork N workers running {@link HelloCluster} with the same arguments, say when each
 * is online and when all listen, replace the ones that die ({@link Respawner}), and on SIGINT or SIGTERM ask every
 * worker to disconnect (requests in flight finish) before exiting.
 *
 * <p>It exits by itself only when the port cannot be bound (status 2, one line) or when workers crash in a loop and
 * none is left (status 1).
 */
final class HelloPrimary {

    /** How long a stop waits for the workers to finish their requests before the primary exits anyway. */
    private static final long STOP_GRACE_SECONDS = 5;

    private final String[] args;
    private final SchedulingPolicy policy;
    private final int workers;
    private final boolean respawn;
    private final PrintStream out;
    private final PrintStream err;

    HelloPrimary(String[] args, SchedulingPolicy policy, int workers, boolean respawn, PrintStream out, PrintStream err) {
        this.args = args;
        this.policy = policy;
        this.workers = workers;
        this.respawn = respawn;
        this.out = out;
        this.err = err;
    }

    int run() {
        Primary cluster;
        try {
            cluster = Cluster.primary().schedulingPolicy(policy);
        } catch (IllegalArgumentException e) {
            err.println("serve: " + SchedulingPolicy.ENV + ": " + e.getMessage());
            return 2;
        }
        cluster.setupPrimary(Settings.none().exec(HelloCluster.class).args(args));
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        Respawner respawner = respawn
                ? new Respawner(cluster, RespawnPolicy.defaults(), line -> err.println("serve: " + line), Map.of()).start()
                : null;

        // The listeners run on the primary's event loop, one at a time: plain collections are enough.
        Set<Integer> listening = new HashSet<>();
        cluster.onOnline(w -> out.println("worker " + w.id() + " online (pid " + w.process().pid() + ")"));
        cluster.onListening((w, address) -> {
            if (listening.add(w.id()) && listening.size() == workers) {
                out.println("listening on " + address.url() + " (" + workers + " workers, " + policy.wireName() + ")");
            }
        });
        cluster.onMessage((w, message) -> {
            if (message instanceof Map<?, ?> m && m.get("listenError") != null && !outcome.isDone()) {
                if (respawner != null) {
                    respawner.stop(); // it exits with status 2 next: that is no crash to repair
                }
                err.println("serve: " + m.get("listenError"));
                outcome.complete(2);
            }
        });
        cluster.onExit((w, code, signal) -> {
            if (cluster.workers().isEmpty() && (respawner == null || respawner.gaveUp()) && !outcome.isDone()) {
                err.println("serve: no workers left");
                outcome.complete(1);
            }
        });
        for (int i = 0; i < workers; i++) {
            cluster.fork();
        }

        Thread stop = Thread.ofPlatform().name("serve-stop").unstarted(() -> {
            if (respawner != null) {
                respawner.stop();
            }
            CountDownLatch gone = new CountDownLatch(1);
            cluster.disconnect(gone::countDown);
            try {
                if (!gone.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    err.println("serve: workers still busy after " + STOP_GRACE_SECONDS + " s; leaving them to finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("serve: stopped");
            out.flush();
        });
        Runtime.getRuntime().addShutdownHook(stop); // SIGINT and SIGTERM start the JVM's shutdown, which runs this

        int code = outcome.join(); // only a failure gets here; a signal ends the JVM in the hook
        Runtime.getRuntime().removeShutdownHook(stop);
        if (respawner != null) {
            respawner.stop();
        }
        cluster.workers().values().forEach(Worker::kill);
        return code;
    }
}
