package cachetocluster.cluster;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * {@code read}, {@code write}, {@code writev}, {@code shutdown} and {@code setsockopt} on a raw descriptor, through
 * FFM: what {@link ForeignSocketChannel} does its I/O with. These are the calls the JDK's own SocketChannel makes
 * (sun.nio.ch.SocketDispatcher); we make them ourselves because the JDK will not wrap a descriptor it did not open.
 *
 * <p>Each call returns the result, or {@code -errno} on failure (errno captured by the linker, before the JVM can make
 * another system call). One instance per channel holds its capture area, so a call allocates nothing.
 */
final class SocketSyscalls {

    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    static final int EAGAIN = MAC ? 35 : 11;
    static final int EINTR = 4;
    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURED = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURED.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITEV = handle("writev", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SHUTDOWN = handle("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** struct iovec { void *iov_base; size_t iov_len; } on a 64-bit system. */
    static final long IOVEC_BYTES = 16;

    private final MemorySegment state;
    private final MemorySegment one;

    SocketSyscalls(Arena arena) {
        this.state = arena.allocate(CAPTURED);
        this.one = arena.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, ERRNO_OPTION);
    }

    long read(int fd, MemorySegment into) {
        try {
            long n = (long) READ.invokeExact(state, fd, into, into.byteSize());
            return n >= 0 ? n : -errno();
        } catch (Throwable t) {
            throw failed("read", t);
        }
    }

    long write(int fd, MemorySegment from) {
        try {
            long n = (long) WRITE.invokeExact(state, fd, from, from.byteSize());
            return n >= 0 ? n : -errno();
        } catch (Throwable t) {
            throw failed("write", t);
        }
    }

    /** {@code writev(fd, iovecs, count)}: iovecs holds {@code count} (address, length) pairs. */
    long writev(int fd, MemorySegment iovecs, int count) {
        try {
            long n = (long) WRITEV.invokeExact(state, fd, iovecs, count);
            return n >= 0 ? n : -errno();
        } catch (Throwable t) {
            throw failed("writev", t);
        }
    }

    int shutdown(int fd, int how) {
        try {
            int r = (int) SHUTDOWN.invokeExact(state, fd, how);
            return r == 0 ? 0 : -errno();
        } catch (Throwable t) {
            throw failed("shutdown", t);
        }
    }

    int noDelay(int fd) {
        try {
            int r = (int) SETSOCKOPT.invokeExact(state, fd, IPPROTO_TCP, TCP_NODELAY, one, (int) JAVA_INT.byteSize());
            return r == 0 ? 0 : -errno();
        } catch (Throwable t) {
            throw failed("setsockopt", t);
        }
    }

    private int errno() {
        return (int) ERRNO.get(state, 0L);
    }

    private static IllegalStateException failed(String call, Throwable t) {
        return t instanceof RuntimeException r ? new IllegalStateException(call + " through FFM failed", r)
                : new IllegalStateException(call + " through FFM failed", t);
    }
}
