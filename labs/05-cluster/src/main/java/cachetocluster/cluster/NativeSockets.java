package cachetocluster.cluster;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The three socket system calls the round-robin primary needs and the JDK does not give: {@code accept4(2)} that
 * returns the new connection's file descriptor <em>number</em>, {@code close(2)} of such a number, and
 * {@code socket(2)}, through the Foreign Function and Memory API.
 *
 * <p>Why: the primary must pass each accepted connection to a worker as a file descriptor (SCM_RIGHTS). The JDK's
 * {@code ServerSocketChannel.accept()} hides the descriptor inside a {@code SocketChannel}; finding it again means
 * asking the kernel about every open descriptor (lab 04's {@code SocketFds}), far too slow once per connection.
 * Accepting ourselves on the listening socket's descriptor gives the number directly: the same thing libuv does
 * under Node's primary.
 */
final class NativeSockets {

    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    private static final int EAGAIN = MAC ? 35 : 11;
    private static final int EINTR = 4;
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    /** Linux's SOCK_CLOEXEC: a descriptor we hold must not leak into a JVM we fork (the JDK closes them anyway). */
    private static final int SOCK_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURED = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURED.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle ACCEPT = LINKER.downcallHandle(
            LINKER.defaultLookup().find(MAC ? "accept" : "accept4").orElseThrow(),
            MAC ? FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS)
                    : FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET = LINKER.downcallHandle(
            LINKER.defaultLookup().find("socket").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));

    /** No connection is waiting (the listening socket is non-blocking). */
    static final int NONE_WAITING = -1;

    private static volatile SelectorProvider foreignProvider;

    private NativeSockets() {}

    /**
     * {@code accept4(listeningFd, NULL, NULL, SOCK_CLOEXEC)}: the new connection's descriptor, or
     * {@link #NONE_WAITING} when no connection waits.
     *
     * @throws IOException for any other failure (EMFILE: out of descriptors; ECONNABORTED: the client gave up)
     */
    static int accept(int listeningFd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED);
            while (true) {
                int fd = MAC ? (int) ACCEPT.invokeExact(state, listeningFd, MemorySegment.NULL, MemorySegment.NULL)
                        : (int) ACCEPT.invokeExact(state, listeningFd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
                if (fd >= 0) {
                    return fd;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EAGAIN) {
                    return NONE_WAITING;
                }
                if (errno != EINTR) {
                    throw new IOException("accept(" + listeningFd + ") failed: errno " + errno);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("accept through FFM failed", t);
        }
    }

    /** {@code close(fd)}: for descriptors no channel owns. */
    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close through FFM failed", t);
        }
    }

    /**
     * junixsocket's selector provider, the one every channel made from a received descriptor belongs to. A worker's
     * event loop must be opened on it before the first connection arrives. junixsocket has no public accessor that
     * works (its {@code AFGenericSocketAddress.addressFamily().getSelectorProvider()} names a class that does not
     * exist), so we ask a channel: make a throwaway TCP socket, cast it, read its provider, close it.
     */
    static SelectorProvider foreignProvider() throws IOException {
        SelectorProvider provider = foreignProvider;
        if (provider == null) {
            int fd;
            try {
                fd = (int) SOCKET.invokeExact(AF_INET, SOCK_STREAM | (MAC ? 0 : SOCK_CLOEXEC), 0);
            } catch (Throwable t) {
                throw new IllegalStateException("socket through FFM failed", t);
            }
            if (fd < 0) {
                throw new IOException("socket(AF_INET, SOCK_STREAM) failed");
            }
            try (SocketChannel probe = FileDescriptorCast.unsafeUsing(fd).as(SocketChannel.class)) {
                provider = probe.provider();
            }
            foreignProvider = provider;
        }
        return provider;
    }
}
