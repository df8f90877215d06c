package cachetocluster.load.demo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;

/**
 * The server the demos load: a small HTTP/1.1 server on 127.0.0.1 (a free port), one virtual thread per connection,
 * keep-alive, answering "ok\n" after a <em>service time</em> chosen per request by a function of the request's number
 * (1, 2, 3 ... in arrival order). A fixed 1 ms, every 100th at 50 ms, request 400 at 1 s: each demo picks the
 * misbehaviour its lesson needs. (Not the JDK's HttpServer: it leaves Nagle's algorithm on and writes headers and
 * body apart, which adds its own 40 ms stalls on keep-alive connections and would muddle every figure here.)
 *
 * <p>{@link Workers#ONE} serves one request at a time, first come first served, like a single-threaded server (a
 * Node process doing CPU work): requests that arrive while it is busy wait their turn, which is what makes a slow
 * server slow for everyone. {@link Workers#MANY} serves each connection on its own: a slow reply delays only itself.
 */
public final class DemoServer implements AutoCloseable {

    public enum Workers { ONE, MANY }

    private static final byte[] REPLY = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLY_CLOSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Workers workers;
    private final ReentrantLock worker = new ReentrantLock(true); // fair: Workers.ONE serves in arrival order
    private final AtomicLong requests = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile LongUnaryOperator serviceNanos;
    private volatile boolean closed;

    private DemoServer(Workers workers, LongUnaryOperator serviceNanos) throws IOException {
        this.workers = workers;
        this.serviceNanos = serviceNanos;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        Thread.ofPlatform().daemon().name("demo-server-accept").start(this::accept);
    }

    /** A server whose request number {@code n} (from 1) takes {@code serviceNanos.applyAsLong(n)} to answer. */
    public static DemoServer start(Workers workers, LongUnaryOperator serviceNanos) throws IOException {
        return new DemoServer(workers, serviceNanos);
    }

    /** A server that takes {@code millis} for every request. */
    public static DemoServer fixed(Workers workers, double millis) throws IOException {
        long nanos = (long) (millis * 1_000_000);
        return start(workers, n -> nanos);
    }

    /**
     * Busy CPU work for about {@code nanos}: the service time of a server that computes (templates, JSON, crypto)
     * rather than waits. Unlike a sleep it holds a core, so the number of cores a server can use shows.
     */
    public static long spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 100; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    /** Changes the service time from the next request on (the closed-vs-open demo slows its server down). */
    public void serviceTime(LongUnaryOperator serviceNanos) {
        this.serviceNanos = serviceNanos;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    /** Requests read so far. */
    public long requests() {
        return requests.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) System.err.println("demo server: " + e.getMessage());
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Head head = readHead(in);
                if (head == null) return; // the client closed the connection
                in.skipNBytes(head.contentLength());
                long n = requests.incrementAndGet();
                work(serviceNanos.applyAsLong(n));
                out.write(head.close() ? REPLY_CLOSE : REPLY);
                out.flush();
                if (head.close()) return;
            }
        } catch (IOException | InterruptedException e) {
            // A reset or a closed server ends the connection; the load generator counts what it saw.
        } finally {
            open.remove(socket);
        }
    }

    // The server's work, simulated: a sleep is a server busy with something else (a query, a lock, a GC pause).
    // With Workers.ONE, nothing else is served meanwhile.
    private void work(long nanos) throws InterruptedException {
        if (workers == Workers.ONE) worker.lockInterruptibly();
        try {
            if (nanos > 0) Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } finally {
            if (workers == Workers.ONE) worker.unlock();
        }
    }

    private record Head(long contentLength, boolean close) {}

    // Reads a request's start line and headers; null at a clean end of stream before the first byte.
    private static Head readHead(InputStream in) throws IOException {
        long length = 0;
        boolean close = false;
        boolean first = true;
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && line.isEmpty()) return null;
                throw new IOException("request cut short");
            }
            if (b != '\n') {
                if (b != '\r') line.append((char) b);
                continue;
            }
            if (line.isEmpty()) {
                if (first) continue; // a stray CRLF between requests
                return new Head(length, close);
            }
            if (!first) {
                String header = line.toString().toLowerCase(Locale.ROOT);
                if (header.startsWith("content-length:")) length = Long.parseLong(header.substring(15).strip());
                if (header.startsWith("connection:") && header.contains("close")) close = true;
            } else if (line.toString().endsWith("HTTP/1.0")) {
                close = true;
            }
            first = false;
            line.setLength(0);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
