package cachetocluster.eventloop.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * The clients of the server experiments ({@link ServerDemo} here, lab 04's offload demo): {@code slowClients}
 * connections call the slow path back to back (the load), and a probe sends {@code GET /} every
 * {@code probeEveryMs}, on time whatever the server does: a new user every 10 ms, on an idle connection or a new one
 * (an open model, as wrk2 and lab 06's {@code --rps} generate load). A probe that waited for its previous answer before
 * sending the next would send nothing while the server stalls, and would never see the stall it is there to measure
 * (coordinated omission, lab 06). So the probe's latency is measured from when its request was <em>due</em>.
 */
public final class ProbedLoad {

    /** Latencies in microseconds: of the slow path from when it was sent, of {@code GET /} from when it was due. */
    public record Load(Histogram slow, Histogram fast) {}

    private static final int CLIENT_TIMEOUT_MS = 60_000;

    private ProbedLoad() {}

    /**
     * Drives the server on {@code port} for {@code durationMs} and returns once every request sent was answered.
     * Connections go to {@code opened} (the caller closes them); idle probe connections are reused through {@code idle}.
     */
    public static Load drive(int port, String slowPath, int slowClients, long probeEveryMs, long durationMs,
                             Queue<DemoClient> idle, List<DemoClient> opened) throws IOException, InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Histogram slow = new SynchronizedHistogram(3);
        Histogram fast = new SynchronizedHistogram(3);
        List<DemoClient> slowConnections = new ArrayList<>();
        for (int i = 0; i < slowClients; i++) {
            slowConnections.add(connect(port, opened));
        }
        long start = System.nanoTime();
        long end = start + durationMs * 1_000_000;
        List<Thread> threads = new ArrayList<>();
        for (DemoClient client : slowConnections) {
            threads.add(Thread.ofPlatform().name("slow-client").start(() -> {
                try {
                    while (System.nanoTime() < end && failure.get() == null) {
                        long sent = System.nanoTime();
                        expectOk(client.get(slowPath), slowPath);
                        slow.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long period = probeEveryMs * 1_000_000;
        threads.add(Thread.ofPlatform().name("probe").start(() -> {
            try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long due = start; due < end && failure.get() == null; due += period) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long dueAt = due;
                    users.execute(() -> {
                        try {
                            DemoClient client = idle.poll();
                            if (client == null) {
                                client = connect(port, opened);
                            }
                            expectOk(client.get("/"), "/");
                            fast.recordValue(Math.max(1, (System.nanoTime() - dueAt) / 1_000));
                            idle.add(client);
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            } // close() waits for every user's answer
        }));
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IOException("a client failed: " + failure.get(), failure.get());
        }
        return new Load(slow, fast);
    }

    /** Closes every connection in {@code clients}, ignoring the ones already broken. */
    public static void closeAll(List<DemoClient> clients) {
        synchronized (clients) {
            for (DemoClient client : clients) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // a broken socket, or closed twice: nothing left to release
                }
            }
        }
    }

    private static DemoClient connect(int port, List<DemoClient> opened) throws IOException {
        DemoClient client = new DemoClient(port, CLIENT_TIMEOUT_MS);
        synchronized (opened) {
            opened.add(client);
        }
        return client;
    }

    private static void expectOk(int status, String path) throws IOException {
        if (status != 200) {
            throw new IOException("GET " + path + " answered " + status);
        }
    }
}
