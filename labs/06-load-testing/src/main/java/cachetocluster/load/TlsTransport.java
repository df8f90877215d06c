package cachetocluster.load;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS on a non-blocking socket with {@link SSLEngine}: the engine turns plain bytes into records ({@code wrap})
 * and records back into plain bytes ({@code unwrap}); moving records to and from the socket is ours. Three
 * buffers per connection: records waiting to be sent ({@code netOut}), records received but not yet unwrapped
 * ({@code netIn}), and plain bytes unwrapped ({@code appIn}).
 *
 * <p>The handshake is the same loop driven by the engine's {@link HandshakeStatus}: wrap when it needs to send,
 * read and unwrap when it needs to receive, run its delegated tasks (certificate checks) when it asks, here on
 * the loop thread. A new engine per connection from one {@code SSLContext} lets the JDK resume sessions.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netOut;
    private final ByteBuffer netIn;
    private final ByteBuffer appIn;
    private boolean wantsWrite;
    private boolean eof;

    TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netOut = ByteBuffer.allocateDirect(packet).flip(); // read mode: nothing to send yet
        this.netIn = ByteBuffer.allocateDirect(packet);
        // Everything netIn can hold, unwrapped, fits: records only shrink when decrypted. On the heap: the
        // response parser reads a byte[] fastest.
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + packet);
        engine.beginHandshake();
    }

    @Override
    public boolean handshake() throws IOException {
        while (true) {
            if (!flush()) return false;
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) task.run();
                }
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapSome()) return false;
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return true;
                }
            }
        }
    }

    @Override
    public boolean wantsWrite() {
        return wantsWrite;
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        if (!flush()) return false;
        while (src.hasRemaining()) {
            wrap(src);
            if (!flush()) return false;
        }
        return true;
    }

    @Override
    public ByteBuffer read() throws IOException {
        appIn.clear();
        if (!eof && channel.read(netIn) < 0) {
            eof = true;
        }
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    eof = true;
                    break;
                }
                if (result.getStatus() != SSLEngineResult.Status.OK) break; // underflow: wait for more bytes
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) task.run();
                }
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    wrap(EMPTY); // a post-handshake message (key update) that needs an answer
                    flush();
                }
            }
        } finally {
            netIn.compact();
        }
        appIn.flip();
        if (eof && !appIn.hasRemaining()) return null;
        return appIn;
    }

    private void wrap(ByteBuffer src) throws SSLException {
        netOut.compact();
        SSLEngineResult result = engine.wrap(src, netOut);
        netOut.flip();
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the TLS session was closed");
        }
    }

    private boolean flush() throws IOException {
        if (netOut.hasRemaining()) channel.write(netOut);
        wantsWrite = netOut.hasRemaining();
        return !wantsWrite;
    }

    // Reads records until the engine could unwrap one; false when the socket had nothing more for now.
    private boolean unwrapSome() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case OK -> {
                    return true;
                }
                case CLOSED -> throw new EOFException("the server closed the TLS session during the handshake");
                case BUFFER_OVERFLOW -> throw new SSLException("TLS application buffer overflow during the handshake");
                case BUFFER_UNDERFLOW -> {
                    int n = channel.read(netIn);
                    if (n < 0) throw new EOFException("the server closed the connection during the TLS handshake");
                    if (n == 0) return false;
                }
            }
        }
    }
}
