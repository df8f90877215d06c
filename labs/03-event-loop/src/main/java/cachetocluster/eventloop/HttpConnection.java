package cachetocluster.eventloop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection of an {@link HttpServer}: read, parse, call the handler, write, and decide what to watch
 * next. Node splits this between {@code net.Socket} and {@code _http_server.js}; here it is one small state
 * machine, driven by the selector.
 *
 * <p>The rules it keeps:
 * <ul>
 *   <li><b>One request at a time.</b> The handler of the next pipelined request is called only when the current
 *       response has ended, so responses leave in request order whatever the handlers do. While a response is
 *       pending, the connection stops reading (the unparsed bytes wait in {@link #unparsed}): a client cannot make
 *       us buffer without end. (Node dispatches pipelined requests at once and queues their responses; the order on
 *       the wire is the same.)</li>
 *   <li><b>Write, then watch.</b> Responses go into the {@link WriteQueue}; after the handler(s) of one read, one
 *       write. If the socket does not take it all, watch {@code OP_WRITE} instead of {@code OP_READ} until it
 *       does: the client reads slowly, so it gets nothing more until it catches up. Past
 *       {@link #HIGH_WATER_BYTES} of queued output, pipelined requests wait unparsed too.</li>
 *   <li><b>Closing.</b> After {@code Connection: close}, an HTTP/1.0 request without keep-alive, or a 4xx for
 *       bad input: send what is queued, shut our side down ({@code shutdownOutput}, a FIN), and read and discard
 *       until the client closes too, for at most {@link HttpServer#LINGER_MS}. Closing at once with unread bytes in
 *       the socket would send a reset, and the client could lose the very response that explains the error
 *       (Apache's and nginx's "lingering close").</li>
 * </ul>
 */
final class HttpConnection implements IoHandler {

    /**
     * Stop dispatching pipelined requests while this much output waits for the socket (Node pauses its parser
     * the same way when a response's buffer is over its high-water mark): a client that sends a thousand requests
     * and reads nothing must not make us produce a thousand responses.
     */
    static final long HIGH_WATER_BYTES = 64 * 1024;

    private final HttpServer server;
    private final SocketChannel channel;
    private final HttpRequestParser parser;
    private final WriteQueue out;
    private IoHandle handle;
    /** Bytes read but not parsed yet, because a response is pending; null when there are none. */
    private ByteBuffer unparsed;
    private Response pending;
    private Request lastRequest;
    private boolean dispatching;
    private boolean closeAfterWrite;
    private boolean inputEnded;
    private boolean lingering;
    private boolean closed;
    /** Loop time of the last byte read or written, or when lingering began. */
    long lastActivity;

    HttpConnection(HttpServer server, SocketChannel channel, HttpRequestParser parser) {
        this.server = server;
        this.channel = channel;
        this.parser = parser;
        this.out = new WriteQueue(server.blocks());
    }

    void start(IoHandle handle) {
        this.handle = handle;
        this.lastActivity = server.loop().now();
    }

    EventLoop loop() {
        return server.loop();
    }

    boolean serverClosing() {
        return server.isClosing();
    }

    @Override
    public void onReady(IoHandle h, int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            pump(); // the socket took more: send the rest, then carry on with the requests that waited for it
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !closed) {
            read();
        }
    }

    private void read() {
        ByteBuffer buffer = server.readBuffer();
        buffer.clear();
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException e) {
            destroy(); // ECONNRESET and friends: Node emits 'error' and destroys the socket; there is no one to answer
            return;
        }
        if (n == 0) {
            return;
        }
        if (n < 0) {
            inputEnded = true;
            if (lingering || pending == null && unparsed == null && out.isEmpty()) {
                close();
            } else {
                pump(); // answer what was asked before the client half-closed, then close
            }
            return;
        }
        if (lingering) {
            return; // discarded, and the clock is not reset: we only wait (a bounded time) for the client to close
        }
        lastActivity = server.loop().now();
        buffer.flip();
        process(buffer);
        keepUnparsed(buffer);
        pump();
    }

    /** Parses and dispatches requests from {@code input} while no response is pending. */
    private void process(ByteBuffer input) {
        dispatching = true;
        try {
            while (pending == null && !closeAfterWrite && !closed && input.hasRemaining()
                    && out.queuedBytes() < HIGH_WATER_BYTES) {
                Request request;
                try {
                    request = parser.parse(input);
                } catch (HttpParseException e) {
                    reject(e);
                    input.position(input.limit());
                    return;
                }
                if (request == null) {
                    return;
                }
                dispatch(request);
            }
        } finally {
            dispatching = false;
        }
    }

    private void dispatch(Request request) {
        lastRequest = request;
        Response response = new Response(this, request, request.keepAlive());
        pending = response;
        try {
            server.handler().handle(request, response);
        } catch (Throwable e) {
            if (!response.isEnded()) {
                // Node would crash the process here; answer 500 first, so that the client is not left hanging.
                response.status(500).setHeader("Connection", "close");
                response.end("Internal Server Error\n");
            }
            server.loop().reportUncaught(e, this);
        }
    }

    /** Called by {@link Response#end}: the response is complete. */
    void finish(Response response, byte[] body) {
        if (closed) {
            return; // the client went away while the handler was busy: nothing to send it to
        }
        response.writeTo(out, body, server);
        if (!response.keepAlive()) {
            closeAfterWrite = true;
        }
        if (response == pending) {
            pending = null;
        }
        if (!dispatching) {
            // Ended later, from a timer or a pool completion: send it now, and pick up the pipelined requests that
            // waited on the next turn's pending phase rather than here, inside someone else's callback.
            flush();
            if (unparsed != null && !closed) {
                server.loop().defer(this::pump);
            }
        }
    }

    /**
     * Flushes, and while the output drains at once, dispatches the requests that waited unparsed (behind a pending
     * response or the high-water mark). Stops when a response is pending, output is left over, or input runs out.
     */
    private void pump() {
        while (true) {
            flush();
            if (closed || pending != null || unparsed == null || closeAfterWrite || !out.isEmpty()) {
                return;
            }
            ByteBuffer input = unparsed;
            unparsed = null;
            process(input);
            if (input.hasRemaining() && !closeAfterWrite && !closed) {
                unparsed = input; // already our own copy: keep it as it is
            }
        }
    }

    private void keepUnparsed(ByteBuffer input) {
        if (!input.hasRemaining() || closeAfterWrite || closed) {
            return;
        }
        // The read buffer is shared by all connections of the server: copy what is left before anyone reads again.
        ByteBuffer copy = ByteBuffer.allocate(input.remaining());
        copy.put(input).flip();
        unparsed = copy;
    }

    /** A 4xx (or 5xx) for input the parser refused; the connection closes after it. */
    private void reject(HttpParseException e) {
        closeAfterWrite = true;
        Response response = new Response(this, new Request("GET", "/", Request.HTTP_1_1, new Headers(), new byte[0]), false);
        response.status(e.status()).setHeader("Content-Type", "text/plain; charset=utf-8");
        response.writeTo(out, (e.status() + " " + Response.reason(e.status()) + ": " + e.getMessage() + "\n")
                .getBytes(StandardCharsets.UTF_8), server);
    }

    /** Writes what is queued and decides what to watch next. */
    void flush() {
        if (closed) {
            return;
        }
        if (!out.isEmpty()) {
            try {
                out.writeTo(channel);
            } catch (IOException e) {
                destroy();
                return;
            }
            lastActivity = server.loop().now();
        }
        if (out.isEmpty() && pending == null) {
            if (inputEnded && (closeAfterWrite || unparsed == null)) {
                close();
                return;
            }
            if (closeAfterWrite && !lingering) {
                startLingering();
                if (closed) {
                    return;
                }
            }
        }
        int ops = 0;
        if (!out.isEmpty()) {
            ops = SelectionKey.OP_WRITE;
        } else if (lingering || !inputEnded && pending == null && unparsed == null && !closeAfterWrite) {
            ops = SelectionKey.OP_READ;
        }
        handle.interestOps(ops);
    }

    private void startLingering() {
        lingering = true;
        lastActivity = server.loop().now();
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            destroy();
        }
    }

    /** For the server's sweep: idle keep-alive, or lingering for too long. */
    boolean expired(long now, long keepAliveTimeoutMs) {
        if (lingering) {
            return now - lastActivity >= HttpServer.LINGER_MS;
        }
        return pending == null && out.isEmpty() && now - lastActivity >= keepAliveTimeoutMs;
    }

    /** Between requests, with nothing to send: what server.close() may close at once. */
    boolean isIdle() {
        return pending == null && out.isEmpty() && unparsed == null && !parser.isMidRequest();
    }

    void destroy() {
        out.clear();
        close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        unparsed = null;
        handle.close();
        server.connectionClosed(this);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "HTTP " + (lastRequest == null ? "connection" : lastRequest.method() + " " + lastRequest.target())
                + " (handler " + server.handler() + ")";
    }
}
