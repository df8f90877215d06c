package cachetocluster.child;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The system calls the JDK does not offer, through the Foreign Function and Memory API (JEP 454): {@code kill(2)} for
 * any signal, and {@code close(2)} of a descriptor received from another process without {@code shutdown(2)}. {@code Process.destroy()} can only send SIGTERM and {@code destroyForcibly()} SIGKILL; Node's
 * {@code subprocess.kill('SIGINT')} or {@code 'SIGUSR2'} need the real call.
 *
 * <p>errno is captured with {@code Linker.Option.captureCallState}: reading it after the call from Java would be too
 * late, the JVM may have made other system calls in between.
 */
public final class Posix {

    /** errno values (the same on Linux and macOS). */
    public static final int EPERM = 1;
    public static final int ESRCH = 3;
    public static final int EINVAL = 22;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURED = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURED.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle KILL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.captureCallState("errno"));

    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP2 = LINKER.downcallHandle(
            LINKER.defaultLookup().find("dup2").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET = LINKER.downcallHandle(
            LINKER.defaultLookup().find("socket").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;

    private Posix() {}

    /** {@code close(fd)} of a raw descriptor no Java object owns. Returns 0, or -1 if it was not open. */
    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close(2) through FFM failed", t);
        }
    }

    /**
     * Drops this process's copy of the socket at {@code fd} as {@code close(2)} would, but leaves {@code fd} open on a
     * fresh, unconnected socket: {@code dup2(socket(), fd)}. For a channel whose library calls {@code shutdown(2)}
     * before {@code close(2)} (junixsocket does): shutdown acts on the socket, in every process that holds it, and would
     * stop a listening socket shared with other processes or cut a connection another process still serves. After
     * this, that library's shutdown and close hit the stand-in only.
     */
    public static void detach(int fd) {
        try {
            int standIn = (int) SOCKET.invokeExact(AF_INET, SOCK_STREAM, 0);
            if (standIn < 0) {
                throw new IllegalStateException("socket(2) failed: out of descriptors?");
            }
            int ignored = (int) DUP2.invokeExact(standIn, fd); // atomically closes what fd was, then points it at the stand-in
            ignored = (int) CLOSE.invokeExact(standIn);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("dup2(2) through FFM failed", t);
        }
    }

    /**
     * {@code kill(pid, signal)}: returns 0 when the signal was sent, else the errno: {@link #ESRCH} (no such process:
     * it has exited), {@link #EPERM} (not ours to signal), {@link #EINVAL} (no such signal).
     */
    public static int kill(long pid, Signal signal) {
        return kill(pid, signal.number());
    }

    /** {@code kill(pid, signalNumber)}; 0 is the "does it exist" probe. Returns 0 or the errno. */
    public static int kill(long pid, int signalNumber) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            // kill(0, s) signals our own process group and kill(-1, s) every process we may signal: never by accident.
            throw new IllegalArgumentException("refusing to kill pid " + pid);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED);
            int result = (int) KILL.invokeExact(state, (int) pid, signalNumber);
            return result == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(2) through FFM failed", t);
        }
    }
}
