package cachetocluster.child;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the file descriptor number behind a JDK socket channel, so that it can be passed to another process.
 *
 * <p>The JDK keeps a channel's fd private ({@code sun.nio.ch.SelChImpl.getFDVal()}, not exported), and no public API
 * wraps or unwraps an fd. But the kernel knows: we list this process's open descriptors ({@code /dev/fd}) and ask each
 * socket its addresses with {@code getsockname(2)}/{@code getpeername(2)} through FFM. A connected TCP socket is
 * identified by its (local, remote) pair, which no other socket on the host shares; a listening socket by its local
 * address and having no peer. No {@code --add-opens}, no reflection: just asking the OS.
 *
 * <p>Note that the JDK opens its TCP sockets as AF_INET6 (dual stack) even for 127.0.0.1, unless
 * {@code -Djava.net.preferIPv4Stack=true}: the kernel answers with an IPv4-mapped address ({@code ::ffff:127.0.0.1}),
 * which {@link InetAddress#getByAddress(byte[])} turns back into 127.0.0.1.
 */
final class SocketFds {

    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    private static final int AF_INET = 2;
    private static final int AF_INET6 = MAC ? 30 : 10;
    private static final int SOCKADDR_STORAGE = 128;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor NAME_CALL =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.ADDRESS);
    private static final MethodHandle GETSOCKNAME =
            LINKER.downcallHandle(LINKER.defaultLookup().find("getsockname").orElseThrow(), NAME_CALL);
    private static final MethodHandle GETPEERNAME =
            LINKER.downcallHandle(LINKER.defaultLookup().find("getpeername").orElseThrow(), NAME_CALL);

    private SocketFds() {}

    /** The fd of a bound, listening server socket channel of this process. */
    static int of(ServerSocketChannel server) throws IOException {
        InetSocketAddress local = (InetSocketAddress) Objects.requireNonNull(server.getLocalAddress(), "server is not bound");
        return single(server, find(local, null));
    }

    /** The fd of a connected socket channel of this process. */
    static int of(SocketChannel socket) throws IOException {
        InetSocketAddress local = (InetSocketAddress) Objects.requireNonNull(socket.getLocalAddress(), "socket is not bound");
        InetSocketAddress remote = (InetSocketAddress) Objects.requireNonNull(socket.getRemoteAddress(), "socket is not connected");
        return single(socket, find(local, remote));
    }

    /** {@code getsockname(fd)} as an internet address, or null if fd is not an internet socket. */
    static InetSocketAddress localAddress(int fd) {
        return name(GETSOCKNAME, fd);
    }

    /** {@code getpeername(fd)} as an internet address, or null if fd is not a connected internet socket. */
    static InetSocketAddress remoteAddress(int fd) {
        return name(GETPEERNAME, fd);
    }

    private static int single(Object channel, List<Integer> fds) throws IOException {
        if (fds.size() != 1) {
            throw new IOException((fds.isEmpty() ? "no" : fds.size()) + " open file descriptors match " + channel);
        }
        return fds.getFirst();
    }

    private static List<Integer> find(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        List<Integer> matches = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/dev/fd"))) {
            for (Path entry : fds) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                if (same(local, localAddress(fd)) && (remote == null ? remoteAddress(fd) == null : same(remote, remoteAddress(fd)))) {
                    matches.add(fd);
                }
            }
        }
        return matches;
    }

    private static boolean same(InetSocketAddress expected, InetSocketAddress actual) {
        if (actual == null || expected.getPort() != actual.getPort()) {
            return false;
        }
        InetAddress a = expected.getAddress();
        InetAddress b = actual.getAddress();
        return a.equals(b) || (a.isAnyLocalAddress() && b.isAnyLocalAddress());
    }

    private static InetSocketAddress name(MethodHandle call, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(SOCKADDR_STORAGE);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, SOCKADDR_STORAGE);
            if ((int) call.invokeExact(fd, addr, len) != 0) {
                return null; // not a socket, not connected, closed meanwhile: not the one we look for
            }
            int family = MAC ? Byte.toUnsignedInt(addr.get(JAVA_BYTE, 1)) : Short.toUnsignedInt(addr.get(JAVA_SHORT, 0));
            int port = Short.toUnsignedInt(addr.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
            byte[] ip;
            if (family == AF_INET) {
                ip = addr.asSlice(4, 4).toArray(JAVA_BYTE);
            } else if (family == AF_INET6) {
                ip = addr.asSlice(8, 16).toArray(JAVA_BYTE);
            } else {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getsockname/getpeername through FFM failed", t);
        }
    }
}
