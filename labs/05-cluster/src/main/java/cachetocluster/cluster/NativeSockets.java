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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;
import cachetocluster.child.Handle;

/**
 * The socket system calls the cluster needs and the JDK does not give, through the Foreign Function and Memory API:
 * {@code accept4(2)} that returns the new connection's file descriptor <em>number</em>, {@code close(2)} of such a
 * number, and {@code dup2(2)}.
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
    private static final MethodHandle DUP2 = LINKER.downcallHandle(
            LINKER.defaultLookup().find("dup2").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    /** No connection is waiting (the listening socket is non-blocking). */
    static final int NONE_WAITING = -1;

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
     * {@code dup2(from, to)}: descriptor {@code to} now refers to what {@code from} refers to; what {@code to} referred
     * to before is closed (atomically).
     */
    static void dup2(int from, int to) throws IOException {
        int result;
        try {
            result = (int) DUP2.invokeExact(from, to);
        } catch (Throwable t) {
            throw new IllegalStateException("dup2 through FFM failed", t);
        }
        if (result != to) {
            throw new IOException("dup2(" + from + ", " + to + ") failed");
        }
    }

    /**
     * A JDK {@code ServerSocketChannel} on a listening socket received from another process. The JDK cannot wrap a
     * foreign descriptor, but it does not notice when the socket under one of its own channels is swapped: open and
     * bind a throwaway listening channel, find its descriptor (lab 04's SocketFds asks the kernel, once), and
     * {@code dup2} the received socket onto it. From then on the channel accepts on the shared socket, with the JDK's
     * epoll selector and the JDK's own sockets for every connection: about twice the requests per CPU-second of
     * junixsocket's channels (its selector polls every key on each call, through JNI). The channel's cached local
     * address still names the throwaway port; ask the cluster for the real one. Closing it closes this process's copy
     * only (the JDK closes without {@code shutdown(2)}).
     */
    static ServerSocketChannel adopt(int receivedListeningFd) throws IOException {
        ServerSocketChannel own = SelectorProvider.provider().openServerSocketChannel();
        try {
            own.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            dup2(receivedListeningFd, Handle.of(own).fd());
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
        return own;
    }
}
