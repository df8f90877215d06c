package cachetocluster.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every loop of a run shares: when the run started, until when requests may start (the -t limit), how long
 * to wait for replies after that, and whether someone pressed Ctrl-C. Written before the loops start, except the
 * abort flag.
 */
final class RunControl {

    private final long startNanos;
    private final long sendUntilNanos;
    private final long drainNanos;
    private final List<Reactor> reactors = new CopyOnWriteArrayList<>();
    private volatile boolean aborted;

    /** {@code maxNanos} 0: no time limit. {@code drainNanos} {@link Long#MAX_VALUE}: wait for every reply. */
    RunControl(long startNanos, long maxNanos, long drainNanos) {
        this.startNanos = startNanos;
        this.sendUntilNanos = maxNanos > 0 ? startNanos + maxNanos : startNanos + Long.MAX_VALUE / 2;
        this.drainNanos = drainNanos;
    }

    long startNanos() {
        return startNanos;
    }

    long sendUntilNanos() {
        return sendUntilNanos;
    }

    long drainNanos() {
        return drainNanos;
    }

    boolean aborted() {
        return aborted;
    }

    void add(Reactor reactor) {
        reactors.add(reactor);
    }

    /** Stops sending everywhere and ends the run without waiting for replies in flight (Ctrl-C). Any thread. */
    void abort() {
        aborted = true;
        for (Reactor r : reactors) r.wakeup();
    }
}
