package cachetocluster.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a set of workloads, one {@link LoadLoop} per workload, each on its own platform thread with its own
 * selector: no locks between them while they run, and their records are merged at the end. The calling thread
 * collects each loop's per-second {@link LoadLoop.Interval}s into a {@link Timeline} and hands it to
 * {@code onSecond} once a second (the progress line).
 */
final class Engine {

    private Engine() {}

    /** Where the requests go: the address, resolved once, and TLS for https. */
    record Target(URI url, InetSocketAddress address, TlsClient tls) {
        static Target of(URI url, boolean insecure) {
            boolean https = url.getScheme().equalsIgnoreCase("https");
            int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
            InetAddress ip;
            try {
                ip = InetAddress.getByName(url.getHost());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve the host '" + url.getHost() + "'");
            }
            try {
                return new Target(url, new InetSocketAddress(ip, port), https ? new TlsClient(url.getHost(), port, insecure) : null);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
    }

    /** The loops after the run, and the timeline. */
    record Run(List<LoadLoop> loops, Timeline timeline, RunControl control, long endNanos) {
        LatencyRecorder latency() {
            LatencyRecorder all = new LatencyRecorder();
            for (LoadLoop l : loops) all.add(l.latency);
            return all;
        }

        ErrorTable errors() {
            ErrorTable all = new ErrorTable();
            for (LoadLoop l : loops) all.add(l.errors);
            return all;
        }

        long sum(java.util.function.ToLongFunction<LoadLoop> f) {
            long n = 0;
            for (LoadLoop l : loops) n += f.applyAsLong(l);
            return n;
        }

        long lastSendNanos() {
            long t = control.startNanos();
            for (LoadLoop l : loops) if (l.sent > 0) t = Math.max(t, l.lastSendNanos);
            return t;
        }

        long sendingStoppedNanos() {
            long t = control.startNanos();
            for (LoadLoop l : loops) t = Math.max(t, Math.min(l.sendingStoppedNanos, l.finishedNanos));
            return t;
        }
    }

    static Run run(Target target, List<Workload> workloads, long timeoutNanos, RunControl control, Reactor.Kind kind,
                   Consumer<Timeline> onSecond) {
        ConcurrentLinkedQueue<LoadLoop.Interval> intervals = new ConcurrentLinkedQueue<>();
        List<LoadLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < workloads.size(); i++) {
                Reactor reactor = kind.create();
                control.add(reactor);
                loops.add(new LoadLoop(i, reactor, target.address(), target.tls(), timeoutNanos, workloads.get(i), control, intervals));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        Throwable[] failures = new Throwable[loops.size()];
        for (LoadLoop loop : loops) {
            threads.add(Thread.ofPlatform().name("jload-loop-" + loop.index()).start(() -> {
                try {
                    loop.run();
                } catch (Throwable e) {
                    failures[loop.index()] = e;
                    control.abort(); // the others stop too: a run with a dead loop measures nothing sensible
                }
            }));
        }
        Timeline timeline = new Timeline();
        long nextReport = control.startNanos() + 1_000_000_000L;
        for (Thread t : threads) {
            while (t.isAlive()) {
                long wait = Math.max(1, nextReport - System.nanoTime());
                try {
                    t.join(java.time.Duration.ofNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200))));
                } catch (InterruptedException e) {
                    control.abort();
                    Thread.currentThread().interrupt();
                }
                if (System.nanoTime() - nextReport >= 0) {
                    drain(intervals, timeline);
                    onSecond.accept(timeline);
                    nextReport += 1_000_000_000L;
                }
            }
        }
        drain(intervals, timeline);
        for (Throwable f : failures) {
            if (f != null) throw new IllegalStateException("a load loop failed: " + f, f);
        }
        long end = 0;
        for (LoadLoop l : loops) end = Math.max(end, l.finishedNanos);
        return new Run(loops, timeline, control, end);
    }

    private static void drain(ConcurrentLinkedQueue<LoadLoop.Interval> intervals, Timeline timeline) {
        LoadLoop.Interval i;
        while ((i = intervals.poll()) != null) timeline.add(i);
    }
}
