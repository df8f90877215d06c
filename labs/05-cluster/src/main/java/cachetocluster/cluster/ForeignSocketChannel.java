package cachetocluster.cluster;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A connection this process received from another one (the round-robin primary's hand-off), as a real
 * {@code SocketChannel} that lab 03's HttpServer serves like any other, on the JDK's epoll.
 *
 * <p>The JDK cannot wrap a descriptor it did not open (lab 04 gets junixsocket's channels for that, which come with
 * junixsocket's poll-based selector: about twice the CPU per request of the JDK's). But {@code SocketChannel} is an
 * abstract class anyone may extend, and the JDK offers one public door for foreign descriptors:
 * {@code jdk.nio.Channels.readWriteSelectableChannel}, a channel that only <em>selects</em> (OP_READ, OP_WRITE) on a
 * descriptor, with the JDK's epoll. This class joins the two: readiness through that channel
 * ({@link ForeignSelector} registers it for us), reads and writes with the same system calls the JDK makes
 * ({@link SocketSyscalls}).
 *
 * <p>Closing follows the JDK's rule, for the same reason: the descriptor is closed only once epoll has forgotten it
 * (the readiness channel's "release" callback). Closed at once, its number could be given to the next connection
 * that arrives while epoll still holds the old registration under it. There is no {@code shutdown(2)} on close: the
 * primary may still hold its copy for a moment, and shutdown would end the connection for it too.
 *
 * <p>Loop thread only, like everything a lab 03 loop serves; the address methods return null (HTTP never asks).
 */
final class ForeignSocketChannel extends SocketChannel {

    private static final int MAX_IOVECS = 16;

    private final int fd;
    private final FileDescriptor descriptor;
    private final Arena arena = Arena.ofAuto(); // the syscall scratch lives as long as the channel object
    private final SocketSyscalls calls = new SocketSyscalls(arena);
    private final MemorySegment iovecs = arena.allocate(SocketSyscalls.IOVEC_BYTES * MAX_IOVECS, 8);
    private ByteBuffer bounce; // for heap buffers: syscalls need native memory
    private SelectableChannel readiness;
    private boolean outputShut;

    ForeignSocketChannel(ForeignSelectorProvider provider, int fd, FileDescriptor descriptor) {
        super(provider);
        this.fd = fd;
        this.descriptor = descriptor;
    }

    /** The channel epoll watches for us (made on first use; {@link ForeignSelector} registers it). */
    SelectableChannel readiness() throws IOException {
        if (readiness == null) {
            readiness = jdk.nio.Channels.readWriteSelectableChannel(descriptor, new jdk.nio.Channels.SelectableChannelCloser() {
                @Override
                public void implCloseChannel(SelectableChannel sc) {
                    // not yet: epoll may still hold the descriptor (see implReleaseChannel)
                }

                @Override
                public void implReleaseChannel(SelectableChannel sc) {
                    NativeSockets.close(fd); // epoll has let go of it: now the number may be reused
                }
            });
        }
        return readiness;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        ByteBuffer target = dst.isDirect() ? dst : bounce(want);
        long n = calls.read(fd, MemorySegment.ofBuffer(target));
        if (n == 0) {
            return -1; // end of stream: the client closed its side
        }
        if (n < 0) {
            return failedOrNothing(n, "read");
        }
        if (target == dst) {
            dst.position(dst.position() + (int) n);
        } else {
            dst.put(target.limit((int) n));
        }
        return (int) n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total > 0 ? total : -1;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break; // the socket had no more for now
            }
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int want = src.remaining();
        if (want == 0) {
            return 0;
        }
        ByteBuffer from = src;
        if (!src.isDirect()) {
            from = bounce(want);
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + from.remaining());
            from.put(part).flip();
        }
        long n = calls.write(fd, MemorySegment.ofBuffer(from));
        if (n < 0) {
            return failedOrNothing(n, "write");
        }
        src.position(src.position() + (int) n);
        return (int) n;
    }

    /** Gathering write: one {@code writev} for direct buffers (what WriteQueue holds), one write each otherwise. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        ensureOpen();
        int count = Math.min(length, MAX_IOVECS);
        boolean allDirect = true;
        for (int i = 0; i < count; i++) {
            allDirect &= srcs[offset + i].isDirect();
        }
        if (!allDirect) {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                int n = write(srcs[i]);
                total += n;
                if (srcs[i].hasRemaining()) {
                    break;
                }
            }
            return total;
        }
        for (int i = 0; i < count; i++) {
            ByteBuffer b = srcs[offset + i];
            MemorySegment segment = MemorySegment.ofBuffer(b);
            iovecs.set(ValueLayout.ADDRESS, i * SocketSyscalls.IOVEC_BYTES, segment);
            iovecs.set(ValueLayout.JAVA_LONG, i * SocketSyscalls.IOVEC_BYTES + 8, segment.byteSize());
        }
        long n = calls.writev(fd, iovecs, count);
        if (n < 0) {
            return failedOrNothing(n, "writev");
        }
        long left = n;
        for (int i = 0; i < count && left > 0; i++) {
            ByteBuffer b = srcs[offset + i];
            int step = (int) Math.min(left, b.remaining());
            b.position(b.position() + step);
            left -= step;
        }
        return n;
    }

    private int failedOrNothing(long negativeErrno, String call) throws IOException {
        int errno = (int) -negativeErrno;
        if (errno == SocketSyscalls.EAGAIN || errno == SocketSyscalls.EINTR) {
            return 0; // nothing now; the selector says when to try again
        }
        throw new IOException(call + " failed on a received connection: errno " + errno);
    }

    private ByteBuffer bounce(int want) {
        int size = Math.min(want, 64 * 1024);
        if (bounce == null || bounce.capacity() < size) {
            bounce = ByteBuffer.allocateDirect(Math.max(size, 16 * 1024));
        }
        return bounce.clear().limit(size);
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public SocketChannel shutdownOutput() throws IOException {
        ensureOpen();
        if (!outputShut) {
            outputShut = true;
            calls.shutdown(fd, SocketSyscalls.SHUT_WR); // a FIN; failure means the peer is gone already
        }
        return this;
    }

    @Override
    public SocketChannel shutdownInput() throws IOException {
        ensureOpen();
        calls.shutdown(fd, SocketSyscalls.SHUT_RD);
        return this;
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        ensureOpen();
        if (name == StandardSocketOptions.TCP_NODELAY) {
            if (Boolean.TRUE.equals(value)) {
                calls.noDelay(fd);
            }
            return this;
        }
        throw new UnsupportedOperationException("only TCP_NODELAY on a received connection, not " + name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException("options of a received connection are not read back: " + name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of(StandardSocketOptions.TCP_NODELAY);
    }

    @Override
    public SocketChannel bind(SocketAddress local) {
        throw new AlreadyConnectedException();
    }

    @Override
    public boolean connect(SocketAddress remote) {
        throw new AlreadyConnectedException();
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public boolean isConnected() {
        return isOpen();
    }

    @Override
    public boolean isConnectionPending() {
        return false;
    }

    @Override
    public Socket socket() {
        throw new UnsupportedOperationException("a received connection has no java.net.Socket");
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return null;
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        readiness().configureBlocking(block); // sets O_NONBLOCK on the descriptor, as the JDK does for its own
    }

    /**
     * Our keys are cancelled by the caller (AbstractSelectableChannel); closing the readiness channel cancels its epoll
     * registration, and the descriptor is closed when epoll has dropped it ({@code implReleaseChannel}).
     */
    @Override
    protected void implCloseSelectableChannel() throws IOException {
        if (readiness == null) {
            NativeSockets.close(fd); // never selected: nothing holds the number
        } else {
            readiness.close();
        }
    }

    @Override
    public String toString() {
        return "ForeignSocketChannel[fd " + fd + (isOpen() ? "" : ", closed") + "]";
    }
}
