package cachetocluster.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One HTTP/1.1 client connection, driven by readiness events: connect, (TLS handshake,) write the request, read
 * the reply, then either wait for the next request on the same socket (keep-alive) or close. One request at a
 * time, as a browser's connection or loadtest's client does; no pipelining.
 *
 * <pre>
 *   CLOSED --send--> CONNECTING --> HANDSHAKING --> WRITING --> READING --reply--> IDLE --send--> WRITING ...
 *                                                                        \--close--> CLOSED
 * </pre>
 *
 * The hot path of a keep-alive run is two system calls per request: {@code write} when the previous reply is
 * parsed, {@code read} when the selector says the next one arrived. The socket stays registered for reads the
 * whole time (an idle connection the server closes is noticed), and for writes only while a write is short.
 *
 * <p>A reply or an error ends the request: the connection tells its {@link LoadLoop}, which records it and gives
 * the connection (or another) its next request. Errors found while starting a request are reported on the
 * loop's next turn instead, so a refused port cannot recurse send, fail, send, fail, ... down the stack.
 */
final class Connection implements Reactor.Ready {

    enum State { CLOSED, CONNECTING, HANDSHAKING, WRITING, READING, IDLE }

    private final LoadLoop loop;
    private final ResponseParser parser = new ResponseParser();
    private SocketChannel channel;
    private Reactor.Registration registration;
    private Transport transport;
    private State state = State.CLOSED;
    private int interest;

    private RequestTemplate request;
    private RequestTemplate viewOf;
    private ByteBuffer out;
    private long intendedNanos;
    private long sentNanos;
    private long deadlineNanos = Long.MAX_VALUE;
    private boolean reused;

    /** Whatever the workload keeps per connection (a virtual user, say). */
    Object owner;

    Connection(LoadLoop loop) {
        this.loop = loop;
    }

    State state() {
        return state;
    }

    /** Whether the connection can take a request now (idle on an open socket, or closed and ready to reconnect). */
    boolean isFree() {
        return state == State.IDLE || state == State.CLOSED;
    }

    boolean busy() {
        return !isFree();
    }

    long intendedNanos() {
        return intendedNanos;
    }

    long sentNanos() {
        return sentNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    RequestTemplate request() {
        return request;
    }

    ResponseParser parser() {
        return parser;
    }

    /**
     * Starts {@code template}, due at {@code intended}, now. Connects first if the socket is closed (a run without
     * keep-alive connects for every request, and that time is part of the request's latency, as the user's).
     */
    void send(RequestTemplate template, long intended, long now) {
        request = template;
        intendedNanos = intended;
        sentNanos = now;
        deadlineNanos = loop.timeoutNanos() > 0 ? now + loop.timeoutNanos() : Long.MAX_VALUE;
        if (viewOf != template) {
            out = template.view();
            viewOf = template;
        } else {
            out.rewind();
        }
        parser.reset(template.isHead());
        if (state == State.CLOSED) {
            reused = false;
            connect();
        } else {
            reused = true;
            state = State.WRITING;
            try {
                write();
            } catch (IOException e) {
                failLater(ErrorKind.of(e), e.getMessage());
            }
        }
    }

    private void connect() {
        state = State.CONNECTING;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            loop.connectionOpened();
            boolean connected = channel.connect(loop.address());
            interest = connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT;
            registration = loop.reactor().register(channel, interest, this);
            if (connected) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            failLater(ErrorKind.of(e), e.getMessage());
        }
    }

    @Override
    public void ready(int readyOps) {
        try {
            switch (state) {
                case CONNECTING -> {
                    if ((readyOps & SelectionKey.OP_CONNECT) != 0 && channel.finishConnect()) {
                        interest(SelectionKey.OP_READ);
                        connected();
                    }
                }
                case HANDSHAKING -> handshake();
                case WRITING -> {
                    if ((readyOps & SelectionKey.OP_WRITE) != 0) write();
                    if (state == State.WRITING && (readyOps & SelectionKey.OP_READ) != 0) read(); // an early reply (413 ...)
                }
                case READING -> read();
                case IDLE -> {
                    if ((readyOps & SelectionKey.OP_READ) != 0) idleRead();
                }
                case CLOSED -> { }
            }
        } catch (ResponseParser.MalformedResponseException e) {
            fail(ErrorKind.PROTOCOL, e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(ErrorKind.of(e), e.getMessage());
        }
    }

    private void connected() throws IOException {
        if (loop.tls() != null) {
            transport = new TlsTransport(channel, loop.tls().newEngine());
            state = State.HANDSHAKING;
            handshake();
        } else {
            transport = new PlainTransport(channel, loop.readBuffer());
            state = State.WRITING;
            write();
        }
    }

    private void handshake() throws IOException {
        if (transport.handshake()) {
            interest(SelectionKey.OP_READ);
            state = State.WRITING;
            write();
        } else {
            interest(transport.wantsWrite() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void write() throws IOException {
        if (transport.write(out)) {
            state = State.READING;
            interest(SelectionKey.OP_READ);
        } else {
            interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void read() throws IOException, ResponseParser.MalformedResponseException {
        ByteBuffer in = transport.read();
        if (in == null) {
            if (parser.endOfInput()) {
                complete(false);
            } else if (!parser.started() && reused) {
                fail(ErrorKind.CLOSED, "the server closed a kept-alive connection as the request went out");
            } else {
                fail(ErrorKind.CLOSED, parser.started() ? "the reply was cut short" : "no reply at all");
            }
            return;
        }
        loop.bytesReceived(in.remaining());
        if (parser.parse(in)) {
            if (in.hasRemaining()) {
                throw new ResponseParser.MalformedResponseException("the server sent bytes after the reply (" + in.remaining() + ")");
            }
            // A reply that beat the end of our own request (a 413 to a big upload) leaves the connection
            // half-written: it cannot carry another request.
            complete(parser.keepAlive() && request.keepAlive() && !out.hasRemaining());
        }
    }

    // The server may close an idle keep-alive connection whenever it likes (nginx after 75 s, or after 1000
    // requests): not an error. The next request on this connection reconnects.
    private void idleRead() throws IOException {
        ByteBuffer in = transport.read();
        if (in == null || in.hasRemaining()) {
            close();
        }
    }

    private void complete(boolean keepOpen) {
        if (keepOpen) {
            state = State.IDLE;
            interest(SelectionKey.OP_READ); // a reply that came while the request was still being written
        } else {
            close();
        }
        loop.replied(this, System.nanoTime());
    }

    /** Ends the current request with an error, now. */
    void fail(ErrorKind kind, String detail) {
        close();
        loop.failed(this, kind, detail, System.nanoTime());
    }

    private void failLater(ErrorKind kind, String detail) {
        close();
        state = State.CONNECTING; // still busy until the loop reports the failure on its next turn
        loop.failLater(this, kind, detail);
    }

    /** The loop reports a failure {@link #failLater deferred} from {@link #send}: the connection is free again. */
    void deferredFailureReported() {
        state = State.CLOSED;
    }

    /** Closes the socket; the connection can be used again (it reconnects). */
    void close() {
        if (registration != null) {
            registration.close();
            registration = null;
        } else if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing else to release.
            }
        }
        channel = null;
        transport = null;
        state = State.CLOSED;
        deadlineNanos = Long.MAX_VALUE;
    }

    private void interest(int ops) {
        if (ops != interest) {
            interest = ops;
            registration.interestOps(ops);
        }
    }
}
