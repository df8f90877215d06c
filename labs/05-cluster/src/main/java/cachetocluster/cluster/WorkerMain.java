package cachetocluster.cluster;

import cachetocluster.child.ChildMain;
import java.util.Arrays;

/**
 * What a worker JVM runs: {@code ChildMain WorkerMain <exec> args...} (lab 04's fork runs ChildMain first, which
 * connects the channel). Like Node's bootstrap, which calls {@code cluster._setupWorker()} before the user's script
 * when {@code NODE_UNIQUE_ID} is set, it starts the worker's side of the cluster (the primary hears "online") and
 * then runs the {@code exec} class's main: a worker is "online" even if its code never looks at the cluster.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0 || !Cluster.isWorker()) {
            System.err.println("usage: WorkerMain <main class> [args...] (started by the cluster primary's fork)");
            System.exit(2);
        }
        Cluster.worker();
        ChildMain.runMain(args[0], Arrays.copyOfRange(args, 1, args.length));
    }
}
