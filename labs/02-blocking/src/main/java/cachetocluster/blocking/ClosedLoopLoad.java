package cachetocluster.blocking;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} clients, each on its own keep-alive connection, each sending
 * {@code requestsEach} GET requests one after another, the next as soon as the answer to the one
 * before has come (like {@code loadtest -n -c} or {@code artillery quick}). Every latency, from the
 * first byte sent to the last byte of the answer, goes into an HdrHistogram.
 *
 * <p>All clients connect first and then start together, which is time 0 of {@link Throughput}'s
 * model. The clients are platform threads on purpose: if they were virtual threads, a server whose
 * virtual threads compute would keep the carriers from the clients too, and the load would measure
 * itself. The HTTP client side is as small as the server's: status line, headers, Content-Length body.
 *
 * <p>A closed loop slows down when the server does (it never has more than one request per client in
 * flight), so it cannot show what happens to requests that keep arriving at a fixed rate
 * ("coordinated omission"). Lab 06's {@code jload} replaces this class with a proper load tester that
 * has both models; here the closed loop is exactly the point: K clients, who waits?
 */
public final class ClosedLoopLoad {

    /** What a run measured. Latencies are in nanoseconds in {@link #latency()}. */
    public record Result(int clients, int requestsEach, long ok, long failed, long wallNanos, Histogram latency,
                         List<String> errors) {

        public Result {
            errors = List.copyOf(errors);
        }

        public double wallMillis() {
            return wallNanos / 1e6;
        }

        /** Answered requests per second of wall time. */
        public double requestsPerSecond() {
            return wallNanos == 0 ? 0 : ok / (wallNanos / 1e9);
        }

        public double p50Millis() {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(50) / 1e6;
        }

        public double p99Millis() {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99) / 1e6;
        }

        /** The longest any one request waited for its answer. */
        public double maxMillis() {
            return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d x %d requests: %d ok, %d failed in %.0f ms, %.1f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    clients, requestsEach, ok, failed, wallMillis(), requestsPerSecond(), p50Millis(), p99Millis(), maxMillis());
        }
    }

    private ClosedLoopLoad() {}

    /** Runs the load against 127.0.0.1:{@code port}, path "/", and gives up after {@code timeout} in all. */
    public static Result run(int port, int clients, int requestsEach, Duration timeout) throws InterruptedException {
        return run(port, "/", clients, requestsEach, timeout);
    }

    public static Result run(int port, String path, int clients, int requestsEach, Duration timeout) throws InterruptedException {
        if (clients < 1 || requestsEach < 1) {
            throw new IllegalArgumentException("at least one client and one request each, not " + clients + " x " + requestsEach);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        var connected = new CountDownLatch(clients);
        var go = new CountDownLatch(1);
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var lastAnswer = new AtomicLong();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        // Each client keeps its latencies in a plain array: one Histogram per client would allocate
        // half a megabyte each, and 500 clients would measure the garbage collector.
        long[][] latencies = new long[clients][];
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[requestsEach];
            latencies[c] = mine;
            threads.add(Thread.ofPlatform().daemon().name("load-client-" + c).start(() -> {
                int done = 0;
                try (var socket = new Socket()) {
                    sockets.add(socket);
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Math.max(1, timeout.toMillis()));
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
                    } finally {
                        connected.countDown();
                    }
                    if (!go.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return;
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    for (int i = 0; i < requestsEach; i++) {
                        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                                + (i == requestsEach - 1 ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                        long sent = System.nanoTime();
                        out.write(request);
                        int status = readResponse(in);
                        long answered = System.nanoTime();
                        lastAnswer.accumulateAndGet(answered, Math::max);
                        mine[done++] = Math.max(1, answered - sent);
                        if (status / 100 == 2) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            note(errors, "HTTP " + status);
                        }
                    }
                } catch (IOException e) {
                    note(errors, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    failed.addAndGet(requestsEach - done);
                }
            }));
        }
        connected.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                note(errors, "gave up after " + timeout.toMillis() + " ms");
                break;
            }
        }
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close(); // wakes any client still blocked in read()
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(1));
        }
        var all = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
        for (long[] client : latencies) { // join() made a finished client's writes visible to this thread
            for (long nanos : client) {
                if (nanos > 0) all.recordValue(nanos);
            }
        }
        long wall = Math.max(0, lastAnswer.get() - start);
        return new Result(clients, requestsEach, ok.get(), failed.get(), wall, all, errors);
    }

    private static void note(List<String> errors, String error) {
        synchronized (errors) {
            if (errors.size() < 5 && !errors.contains(error)) {
                errors.add(error);
            }
        }
    }

    /** Reads one response and returns its status; the body is read and dropped. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + statusLine);
        }
        long length = -1;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(header.substring(colon + 1).strip());
            }
        }
        if (length < 0) {
            throw new IOException("the answer has no Content-Length");
        }
        in.skipNBytes(length); // EOFException if the body was cut short
        return status;
    }

    private static String line(InputStream in) throws IOException {
        var text = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return text.isEmpty() ? null : text.toString();
            }
            if (b != '\r') text.append((char) b);
        }
        return text.toString();
    }
}
