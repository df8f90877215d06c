package cachetocluster.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A non-blocking HTTP/1.1 server on an {@link EventLoop}: Node's {@code http.createServer(handler).listen(port)}.
 *
 * <pre>
 * EventLoop loop = EventLoop.create();
 * HttpServer server = HttpServer.create(loop, (req, res) -> res.end("Hello, world\n")).listen(3000, "127.0.0.1");
 * loop.run();   // until server.close() and the last connection is gone
 * </pre>
 *
 * <p>Everything happens on the loop thread: the listening socket is a channel in the selector ({@code OP_ACCEPT}),
 * each accepted connection another one ({@code OP_READ}, {@code OP_WRITE}); see {@link HttpConnection}. One thread
 * serves thousands of connections because none of them ever makes it wait: a handler that blocks (a slow query on
 * the loop thread, a big JSON.parse) stops them all, which {@link DelayMonitor} makes visible.
 *
 * <p>Node's defaults kept: keep-alive for HTTP/1.1, {@code Keep-Alive: timeout=5} and idle connections closed after
 * 5 s ({@code server.keepAliveTimeout}), TCP_NODELAY on accepted sockets (Node 18+), a listen backlog of 511,
 * SO_REUSEADDR, 16 KiB of headers at most. Added: a 1 MiB body limit (413). Configure before {@code listen}.
 */
public final class HttpServer {

    /** Node's {@code (req, res) => ...}. An exception that escapes gets a 500 and goes to the loop's handler. */
    @FunctionalInterface
    public interface Handler {
        void handle(Request request, Response response) throws Exception;

        /** A handler with a name, for blocked-loop reports and uncaught-exception messages. */
        static Handler named(String name, Handler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
            return new Handler() {
                @Override
                public void handle(Request request, Response response) throws Exception {
                    handler.handle(request, response);
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }
    }

    /** How long a closing connection waits for the client's FIN before it closes anyway. */
    static final long LINGER_MS = 2_000;
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final byte[] CLOSE_LINE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);

    private final EventLoop loop;
    private final Handler handler;
    private final Set<HttpConnection> connections = new LinkedHashSet<>();
    /** One read buffer for all connections: only one callback runs at a time (Node reads into a shared slab too). */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final WriteQueue.Blocks blocks = new WriteQueue.Blocks(64);
    private int maxHeaderBytes = HttpRequestParser.DEFAULT_MAX_HEADER_BYTES;
    private int maxBodyBytes = HttpRequestParser.DEFAULT_MAX_BODY_BYTES;
    private long keepAliveTimeoutMs = 5_000;
    private byte[] keepAliveLines;
    private ServerSocketChannel serverChannel;
    private IoHandle listener;
    private Timer sweeper;
    private boolean closing;
    private boolean closeReported;
    private final ArrayList<Runnable> closeCallbacks = new ArrayList<>();
    private long dateSecond = -1;
    private byte[] dateLine;

    private HttpServer(EventLoop loop, Handler handler) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.handler = Objects.requireNonNull(handler, "handler");
        keepAliveTimeout(keepAliveTimeoutMs);
    }

    /** Node's {@code http.createServer(handler)}. */
    public static HttpServer create(EventLoop loop, Handler handler) {
        return new HttpServer(loop, handler);
    }

    /** The largest request line plus headers accepted (431 above); Node's {@code maxHeaderSize}. */
    public HttpServer maxHeaderBytes(int bytes) {
        this.maxHeaderBytes = bytes;
        return this;
    }

    /** The largest body accepted (413 above). */
    public HttpServer maxBodyBytes(int bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    /**
     * Node's {@code server.keepAliveTimeout}: an idle connection is closed after this long (checked every second, or
     * twice per timeout if that is shorter).
     */
    public HttpServer keepAliveTimeout(long ms) {
        if (ms < 1) {
            throw new IllegalArgumentException("keepAliveTimeout must be positive: " + ms);
        }
        this.keepAliveTimeoutMs = ms;
        this.keepAliveLines = ("Connection: keep-alive\r\nKeep-Alive: timeout=" + Math.max(1, ms / 1000) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    /** Listens on 127.0.0.1 (Node listens on every interface by default; a lab has no business doing that). */
    public HttpServer listen(int port) {
        return listen(port, "127.0.0.1");
    }

    /**
     * Binds and listens; port 0 picks a free port ({@link #port()} tells which).
     *
     * @throws UncheckedIOException with Node's wording, e.g. {@code listen EADDRINUSE: address already in use
     *         127.0.0.1:3000}, when the address cannot be bound
     */
    public HttpServer listen(int port, String host) {
        loop.checkThread("listen()");
        ServerSocketChannel channel = null;
        try {
            channel = loop.provider().openServerSocketChannel();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port), 511);
        } catch (IOException e) {
            closeQuietly(channel);
            String where = host + ":" + port;
            String message = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")
                    ? "listen EADDRINUSE: address already in use " + where
                    : "listen " + (e instanceof BindException ? "EADDRNOTAVAIL" : "failed") + ": " + e.getMessage() + " " + where;
            throw new UncheckedIOException(message, e);
        }
        return listen(channel);
    }

    /**
     * Serves connections accepted from a socket that is already bound and listening, for example one received
     * from another process (Node's {@code server.listen(handle)}). Its provider must be the loop's.
     */
    public HttpServer listen(ServerSocketChannel channel) {
        loop.checkThread("listen()");
        if (listener != null) {
            throw new IllegalStateException("the server is already listening on " + address());
        }
        serverChannel = channel;
        listener = loop.register(channel, SelectionKey.OP_ACCEPT, this::acceptable);
        startSweeper();
        return this;
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    public InetSocketAddress address() {
        if (serverChannel == null) {
            throw new IllegalStateException("the server is not listening");
        }
        try {
            return (InetSocketAddress) serverChannel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts up to 64 connections per readiness, so a burst does not wait one turn per connection. */
    private void acceptable(IoHandle handle, int readyOps) {
        for (int i = 0; i < 64 && !closing; i++) {
            SocketChannel socket;
            try {
                socket = serverChannel.accept();
            } catch (IOException e) {
                // EMFILE (too many open files) and the like: the connection stays queued and the selector reports
                // it again. libuv keeps a spare fd to accept-and-close in that case; we only stop for this turn.
                return;
            }
            if (socket == null) {
                return;
            }
            serve(socket);
        }
    }

    /**
     * Serves one accepted connection: Node's {@code server.emit('connection', socket)}. The listening socket may
     * live in another process, which hands connections over (the cluster lab's round-robin).
     */
    public void serve(SocketChannel socket) {
        loop.checkThread("serve()");
        if (closing) {
            closeQuietly(socket);
            return;
        }
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        HttpConnection connection = new HttpConnection(this, socket, new HttpRequestParser(maxHeaderBytes, maxBodyBytes));
        connection.start(loop.register(socket, SelectionKey.OP_READ, connection));
        connections.add(connection);
        startSweeper();
    }

    /** Open connections: Node's {@code server.getConnections()}. */
    public int connections() {
        return connections.size();
    }

    public boolean isClosing() {
        return closing;
    }

    /** The listening socket no longer keeps the loop alive (Node's {@code server.unref()}). */
    public HttpServer unref() {
        if (listener != null) {
            listener.unref();
        }
        return this;
    }

    public HttpServer ref() {
        if (listener != null) {
            listener.ref();
        }
        return this;
    }

    public void close() {
        close(null);
    }

    /**
     * Node's {@code server.close(callback)}: stop accepting, close idle connections now (Node 19+), let busy ones
     * finish their response (it says {@code Connection: close}), and call {@code onClose} in the close phase once
     * the last connection is gone.
     */
    public void close(Runnable onClose) {
        loop.checkThread("close()");
        if (onClose != null && closeReported) {
            loop.closing(onClose); // closed already: Node would call back with ERR_SERVER_NOT_RUNNING; we just call back
        } else if (onClose != null) {
            closeCallbacks.add(onClose);
        }
        if (!closing) {
            closing = true;
            if (listener != null) {
                listener.close();
            }
            for (HttpConnection connection : new ArrayList<>(connections)) {
                if (connection.isIdle()) {
                    connection.close();
                }
            }
        }
        closedIfDone();
    }

    void connectionClosed(HttpConnection connection) {
        connections.remove(connection);
        closedIfDone();
    }

    private void closedIfDone() {
        if (closing && connections.isEmpty() && !closeReported) {
            closeReported = true;
            loop.clearInterval(sweeper);
            for (Runnable callback : closeCallbacks) {
                loop.closing(callback);
            }
        }
    }

    /** Now and then: close idle keep-alive connections and lingering ones that waited long enough. Unref'd. */
    private void startSweeper() {
        if (sweeper == null || !sweeper.isActive()) {
            sweeper = loop.setInterval(this::sweep, Math.clamp(keepAliveTimeoutMs / 2, 10, 1_000)).unref();
        }
    }

    private void sweep() {
        long now = loop.now();
        for (HttpConnection connection : new ArrayList<>(connections)) {
            if (connection.expired(now, keepAliveTimeoutMs)) {
                connection.close();
            }
        }
    }

    EventLoop loop() {
        return loop;
    }

    Handler handler() {
        return handler;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    WriteQueue.Blocks blocks() {
        return blocks;
    }

    byte[] keepAliveLines() {
        return keepAliveLines;
    }

    byte[] closeLine() {
        return CLOSE_LINE;
    }

    /** {@code Date: Tue, 01 Jul 2025 10:00:00 GMT\r\n}, made once a second (Node caches it the same way). */
    byte[] dateLine() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            dateLine = ("Date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(second)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return dateLine;
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + (serverChannel == null ? "not listening" : address()) + ", " + connections.size()
                + " connections, handler " + handler + "]";
    }
}
