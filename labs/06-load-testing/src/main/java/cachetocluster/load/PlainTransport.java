package cachetocluster.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Plain TCP. Reads go into the loop's one shared buffer: the response parser consumes every byte at once (it
 * copies only header lines), so no connection needs a buffer of its own. One read per readiness event: reading
 * again until the socket says "nothing left" would cost a system call per request for nothing; the selector
 * reports what is left anyway. Writes come from the request's direct buffer, which the JDK passes straight to
 * the system call.
 */
final class PlainTransport implements Transport {

    private final SocketChannel channel;
    private final ByteBuffer shared;
    private boolean writePending;

    PlainTransport(SocketChannel channel, ByteBuffer shared) {
        this.channel = channel;
        this.shared = shared;
    }

    @Override
    public boolean handshake() {
        return true;
    }

    @Override
    public boolean wantsWrite() {
        return writePending;
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        channel.write(src);
        writePending = src.hasRemaining();
        return !writePending;
    }

    @Override
    public ByteBuffer read() throws IOException {
        shared.clear();
        int n = channel.read(shared);
        if (n < 0) return null;
        return shared.flip();
    }
}
