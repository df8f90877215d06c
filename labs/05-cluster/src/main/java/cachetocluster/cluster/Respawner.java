package cachetocluster.cluster;

import cachetocluster.cluster.RespawnPolicy.Decision;
import cachetocluster.cluster.RespawnPolicy.GiveUp;
import cachetocluster.cluster.RespawnPolicy.Respawn;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts a new worker when one dies unasked: the docs' {@code cluster.on('exit', () => cluster.fork())}, with a
 * {@link RespawnPolicy} around it (a backoff, and a limit on crash loops).
 *
 * <p>A worker that exits because {@code disconnect()} asked it to ({@code exitedAfterDisconnect() == true}) is not
 * replaced; any other exit counts as a crash, whatever its status: a worker that returns from main while the
 * cluster still needs it is as gone as one that threw. Everything runs on the primary's loop (the 'exit' listener,
 * the timers), so no locks are needed.
 */
public final class Respawner {

    private final Primary cluster;
    private final RespawnPolicy policy;
    private final Consumer<String> report;
    private final Map<String, String> env;
    private volatile boolean stopped;

    /**
     * @param report where to say what it does (one line per crash: which worker, how it ended, what next)
     * @param env    the environment for the new workers (as for {@link Primary#fork(Map)})
     */
    public Respawner(Primary cluster, RespawnPolicy policy, Consumer<String> report, Map<String, String> env) {
        this.cluster = cluster;
        this.policy = policy;
        this.report = report;
        this.env = Map.copyOf(env);
    }

    /** Starts watching the cluster's 'exit' events. */
    public Respawner start() {
        cluster.onExit(this::exited);
        return this;
    }

    /** No more respawns (the cluster is shutting down). Timers already set start nothing. */
    public void stop() {
        stopped = true;
    }

    /** Whether the policy gave up (a crash loop). */
    public boolean gaveUp() {
        return policy.gaveUp();
    }

    private void exited(Worker worker, Integer code, String signal) {
        if (stopped || Boolean.TRUE.equals(worker.exitedAfterDisconnect())) {
            return;
        }
        String how = signal != null ? signal : "status " + code;
        Decision decision = policy.crashed(cluster.loop().now());
        switch (decision) {
            case Respawn(long delay, int recent) -> {
                report.accept("worker " + worker.id() + " (pid " + worker.process().pid() + ") died (" + how
                        + "): starting another in " + delay + " ms (" + recent + " crash" + (recent == 1 ? "" : "es")
                        + " lately)");
                cluster.loop().setTimeout(() -> {
                    if (!stopped) {
                        cluster.fork(env);
                    }
                }, Math.max(1, delay));
            }
            case GiveUp(int recent, long window) -> report.accept("worker " + worker.id() + " (pid "
                    + worker.process().pid() + ") died (" + how + "): " + recent + " crashes within " + window
                    + " ms, not starting any more (a crash loop)");
        }
    }
}
