package cachetocluster.blocking;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking HTTP/1.1 server on 127.0.0.1 with one of three {@link Mode}s. Every connection is served
 * the same way: read a request (blocks until the client sends it), call the handler (blocks as long
 * as the handler does), write the response, and again while the client keeps the connection alive.
 * The mode only decides which thread runs that loop, and so who waits.
 *
 * <p>It counts what it does: connections accepted, requests served, and how many handlers ran at
 * the same moment ({@link #maxConcurrentRequests()}), the figure that shows each mode's limit.
 *
 * <p>An idle keep-alive connection is closed after the idle timeout (5 s by default, Node's
 * {@code server.keepAliveTimeout}). Until then it holds its thread; in single-threaded mode, it
 * holds the whole server.
 */
public final class BlockingServer implements AutoCloseable {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    private static final int BACKLOG = 1024;
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private final Mode mode;
    private final Handler handler;
    private final int idleTimeoutMillis;
    private final ServerSocket listener;
    private final ExecutorService pool; // only for Mode.ThreadPool
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet(); // accepted and not yet closed
    private final Set<Thread> serving = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inHandler = new AtomicInteger();
    private final AtomicInteger maxInHandler = new AtomicInteger();
    private volatile boolean closing;

    private BlockingServer(Mode mode, Handler handler, Duration idleTimeout, ServerSocket listener) {
        this.mode = mode;
        this.handler = handler;
        this.idleTimeoutMillis = Math.toIntExact(Math.max(1, idleTimeout.toMillis()));
        this.listener = listener;
        this.pool = mode instanceof Mode.ThreadPool(int threads)
                ? Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("pool-", 1).factory())
                : null;
        String name = mode instanceof Mode.SingleThreaded ? "the-one-thread" : "acceptor";
        this.acceptor = Thread.ofPlatform().name(name).unstarted(this::acceptLoop);
    }

    /** Starts a server with the default idle timeout; port 0 picks a free port (see {@link #port()}). */
    public static BlockingServer start(Mode mode, Handler handler, int port) throws IOException {
        return start(mode, handler, port, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * Listens on 127.0.0.1:{@code port} and starts accepting.
     *
     * @throws BindException with a message that says what to do when the port is taken
     */
    public static BlockingServer start(Mode mode, Handler handler, int port, Duration idleTimeout) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is 0-65535 (0: any free port), not " + port);
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(LOOPBACK, port), BACKLOG);
        } catch (BindException e) {
            listener.close();
            String why = e.getMessage() != null && e.getMessage().contains("in use")
                    ? " is already in use: another server (or an earlier run of this one) listens there; stop it, or pick another port (0 picks a free one)"
                    : ": " + e.getMessage();
            throw new BindException("cannot listen on 127.0.0.1:" + port + why);
        }
        var server = new BlockingServer(mode, handler, idleTimeout, listener);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    public long connectionsAccepted() {
        return connections.get();
    }

    /** Connections that got at least one answer: the others only waited. */
    public long connectionsAnswered() {
        return answered.get();
    }

    public long requestsServed() {
        return requests.get();
    }

    /** Handlers running right now. */
    public int concurrentRequests() {
        return inHandler.get();
    }

    /** The most handlers that ran at the same moment since the server started. */
    public int maxConcurrentRequests() {
        return maxInHandler.get();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept(); // blocks until a client connects
            } catch (IOException e) {
                return; // the listener was closed: close() was called
            }
            connections.incrementAndGet();
            sockets.add(socket);
            if (closing) {
                closeQuietly(socket);
                return;
            }
            switch (mode) {
                case Mode.SingleThreaded() -> serve(socket); // nobody accepts until this connection ends
                case Mode.ThreadPool t -> pool.execute(() -> serve(socket)); // waits in the queue if all threads are busy
                case Mode.VirtualThreads() -> Thread.ofVirtual().name("conn-" + connections.get()).start(() -> serve(socket));
            }
        }
    }

    /** One connection, start to end, on the calling thread. */
    private void serve(Socket socket) {
        serving.add(Thread.currentThread());
        try (socket) {
            if (closing) return;
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(idleTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean first = true;
            while (!closing) {
                Request request;
                try {
                    request = Http1.read(in);
                } catch (Http1.BadRequest bad) {
                    out.write(Http1.encode(bad.response(), false, false));
                    return; // after a bad request we cannot know where the next one starts
                }
                if (request == null) {
                    return; // the client closed the connection
                }
                Response response = call(request);
                boolean keepAlive = request.keepAlive() && !closing;
                out.write(Http1.encode(response, keepAlive, "HEAD".equals(request.method())));
                if (first) {
                    answered.incrementAndGet();
                    first = false;
                }
                if (!keepAlive) return;
            }
        } catch (SocketTimeoutException e) {
            // idle for the whole timeout: the connection goes, and its thread is free again
        } catch (IOException e) {
            // the client reset or closed the connection mid-way: nobody left to answer
        } catch (RuntimeException e) {
            // a bug of ours must cost this connection only, never the thread (in single mode, the server)
        } finally {
            sockets.remove(socket);
            serving.remove(Thread.currentThread());
        }
    }

    private Response call(Request request) {
        int now = inHandler.incrementAndGet();
        maxInHandler.accumulateAndGet(now, Math::max);
        try {
            Response response = handler.handle(request);
            return response != null ? response : Response.text(500, "the handler returned no response\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.text(503, "the server is closing\n");
        } catch (Exception | Error e) {
            // A handler's failure of any kind (a StackOverflowError too) costs one 500, not the
            // connection's thread, which in single-threaded mode is the whole server; and never a
            // stack trace on the wire.
            return Response.text(500, "the handler failed: " + e.getClass().getSimpleName() + "\n");
        } finally {
            inHandler.decrementAndGet();
            requests.incrementAndGet();
        }
    }

    /**
     * Stops accepting, closes every open connection (a handler in the middle of a sleep is
     * interrupted) and waits up to two seconds for the threads to finish.
     */
    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(BlockingServer::closeQuietly); // a thread blocked in read() gets an exception
        serving.forEach(Thread::interrupt);             // a thread in Thread.sleep() too
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            acceptor.join(Duration.ofSeconds(2));
            if (pool != null) {
                pool.shutdownNow();
                pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (Thread thread : serving) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return "BlockingServer[" + mode.label() + " on 127.0.0.1:" + port() + "]";
    }
}
