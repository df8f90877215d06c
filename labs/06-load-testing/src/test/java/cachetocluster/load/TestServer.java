package cachetocluster.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server on raw sockets, one virtual thread per connection, that can misbehave on purpose:
 * reset, never answer, stall everything for a second, answer chunked. It counts the connections it accepted and
 * the requests it read, so a test can check what jload says against what the server saw.
 */
final class TestServer implements AutoCloseable {

    record Request(int number, String method, String target, Map<String, String> headers, byte[] body) {
        boolean wantsClose() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }

    /** What to do with one request. Return false to close the connection afterwards. */
    @FunctionalInterface
    interface Handler {
        boolean handle(Request request, Socket socket, OutputStream out, TestServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong pausedUntil = new AtomicLong();
    private volatile boolean closed;

    private TestServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        Thread.ofPlatform().daemon().name("test-server-accept").start(this::accept);
    }

    static TestServer start(Handler handler) throws IOException {
        return new TestServer(handler);
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Request r = read(in);
                if (r == null) return;
                if (!handler.handle(r, s, out, this) || r.wantsClose()) return;
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test closed the server
        } finally {
            sockets.remove(s);
        }
    }

    private Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) return null;
        Map<String, String> headers = new TreeMap<>();
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String[] parts = requestLine.split(" ");
        return new Request(requests.incrementAndGet(), parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') b.write(c);
        }
        if (c == -1 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Holds every reply until {@code millis} from now: a stop-the-world pause, for all connections at once. */
    void pauseAll(long millis) {
        pausedUntil.set(System.nanoTime() + millis * 1_000_000);
    }

    /** Waits out a pause, if one is on. */
    void awaitPause() throws InterruptedException {
        long until = pausedUntil.get();
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            Thread.sleep(java.time.Duration.ofNanos(left));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) s.close();
    }

    // ---- handlers ------------------------------------------------------------------------------------------

    static boolean reply(Request r, OutputStream out, int status, String body) throws IOException {
        String head = "HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length() + "\r\n"
                + (r.wantsClose() ? "Connection: close\r\n" : "") + "\r\n";
        out.write((head + body).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    static Handler ok() {
        return (r, s, out, server) -> reply(r, out, 200, "ok\n");
    }

    static Handler status(int code) {
        return (r, s, out, server) -> reply(r, out, code, "status " + code + "\n");
    }

    static Handler delay(long millis) {
        return (r, s, out, server) -> {
            Thread.sleep(millis);
            return reply(r, out, 200, "ok\n");
        };
    }

    /** Every reply waits while a pause is on; request number {@code at} starts a pause of {@code millis}. */
    static Handler stallAt(int at, long millis) {
        return (r, s, out, server) -> {
            if (r.number() == at) server.pauseAll(millis);
            server.awaitPause();
            return reply(r, out, 200, "ok\n");
        };
    }

    /** A chunked body of {@code chunks} chunks of sizes 1, 2, 3 ... bytes, each written and flushed apart. */
    static Handler chunked(int chunks) {
        return (r, s, out, server) -> {
            out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n" + (r.wantsClose() ? "Connection: close\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 1; i <= chunks; i++) {
                out.write((Integer.toHexString(i) + "\r\n" + "x".repeat(i) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        };
    }

    /** Answers with a body that ends when the connection closes (no Content-Length, not chunked). */
    static Handler untilClose() {
        return (r, s, out, server) -> {
            out.write("HTTP/1.1 200 OK\r\n\r\nthe body ends at the close\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return false;
        };
    }

    /** Reads the request, then resets the connection (SO_LINGER 0 makes close send RST). */
    static Handler reset() {
        return (r, s, out, server) -> {
            s.setSoLinger(true, 0);
            return false;
        };
    }

    /** Reads the request, then closes the connection cleanly without a reply. */
    static Handler hangUp() {
        return (r, s, out, server) -> false;
    }

    /** Reads the request and never answers. */
    static Handler silent() {
        return (r, s, out, server) -> {
            while (!server.closed) Thread.sleep(20);
            return false;
        };
    }
}
