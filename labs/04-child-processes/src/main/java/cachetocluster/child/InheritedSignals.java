package cachetocluster.child;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import sun.misc.SignalHandler;

/**
 * A forked child starts with its signals at their default dispositions, as a Node child does: libuv resets signals 1
 * to 31 in every child it spawns, between fork and exec ({@code uv__process_child_init}, src/unix/process.c).
 *
 * <p>Why it is needed. A shell without job control (a script, {@code sh -c}, cron, CI) starts a background job
 * ({@code cmd &}) with SIGINT and SIGQUIT ignored, and {@code nohup} ignores SIGHUP. An ignored signal stays ignored
 * across {@code exec}, so every process the job starts inherits it. A JVM that starts with SIGINT, SIGTERM or SIGHUP
 * ignored respects that: it installs no handler, runs no shutdown hooks, and {@code child.kill('SIGINT')} does nothing
 * at all. (SIGQUIT is not affected: HotSpot takes it for thread dumps either way.)
 *
 * <p>The JDK gives no hook between fork and exec: {@code ProcessBuilder} starts {@code jspawnhelper} with
 * {@code posix_spawn}, without {@code POSIX_SPAWN_SETSIGDEF}, and POSIX keeps ignored signals ignored across both. So
 * the reset is done in one of two places.
 * <ol>
 *   <li>In the parent, as libuv does, when it can be done cheaply ({@link #commandPrefix()}): if this JVM ignores a
 *       signal (Linux: the SigIgn mask of /proc/self/status) and GNU {@code env} has {@code --default-signal}
 *       (coreutils 8.31, 2019), fork starts {@code env --default-signal java ...}: env resets every signal and execs
 *       java, in the same process (the pid is the child's). It costs one exec, about a millisecond.</li>
 *   <li>Otherwise in the child, first thing in {@link ChildMain} ({@link #resetIgnored()}). The JVM itself says whether
 *       INT, TERM or HUP was ignored: {@code sun.misc.Signal.handle} returns {@code SIG_IGN} for one it left alone. That
 *       costs nothing, and in the usual case (nothing ignored) it is all this does. Only when one was ignored does it
 *       call {@code sigaction(2)} through FFM, for signals 1 to 31: each one ignored goes back to {@code SIG_DFL}, and
 *       INT, TERM and HUP get what a JVM started in the foreground has, a handler that runs the shutdown hooks and
 *       exits with 128 + n. That is dear: FFM's first downcall in a fresh JVM loads some 260 classes and generates its
 *       stub, 100 to 700 ms on the course's busy machine.</li>
 * </ol>
 * Children of {@code spawn}, {@code exec} and {@code execFile} (any program, no ChildMain) get the first way only: where
 * GNU env is missing they inherit the parent's ignored signals. With {@code -Xrs} the JVM leaves these signals to the
 * program, and so does this.
 */
final class InheritedSignals {

    /** The signals the JVM gives shutdown hooks to, unless they were ignored when it started. */
    private static final List<Signal> SHUTDOWN = List.of(Signal.SIGINT, Signal.SIGTERM, Signal.SIGHUP);
    /** What the JVM's own handler (java.lang.Terminator) does for one of them. */
    private static final SignalHandler EXIT = new ExitAsTheJvmWould();

    private InheritedSignals() {}

    /** GNU env, if this machine's has {@code --default-signal}: looked for once, the first time a parent needs it. */
    private static final class GnuEnv {
        static final Optional<String> PATH = Stream.of("/usr/bin/env", "/bin/env").filter(InheritedSignals::resetsSignals)
                .findFirst();
    }

    /**
     * What goes before {@code program} on a child's command line (fork's {@code java}, spawn's or exec's program):
     * {@code env --default-signal} when this JVM ignores a signal that the child would inherit and GNU env can reset,
     * else nothing (a forked child then resets them itself). Only for a program that exec can find: env would turn a
     * missing one into its own exit 127, where Node and {@code ProcessBuilder} report ENOENT at once.
     */
    static List<String> commandPrefix(String program, Path cwd) {
        if (!ignoresSignalsHere() || GnuEnv.PATH.isEmpty() || !found(program, cwd)) {
            return List.of();
        }
        return List.of(GnuEnv.PATH.get(), "--default-signal");
    }

    /** Whether exec would find {@code program}: a path to an executable file (relative to the child's cwd), or on PATH. */
    private static boolean found(String program, Path cwd) {
        if (program.contains("/")) {
            Path file = Path.of(program);
            return isProgram(cwd == null || file.isAbsolute() ? file : cwd.resolve(file));
        }
        String path = System.getenv("PATH"); // ProcessBuilder searches the parent's PATH, not the child's env
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":", -1)) {
            if (isProgram(Path.of(dir.isEmpty() ? "." : dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isProgram(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    /** True if this machine's env can reset signals ({@code --default-signal}). */
    static boolean gnuEnvResets() {
        return GnuEnv.PATH.isPresent();
    }

    /** Linux: any of signals 1 to 31 in the SigIgn mask of /proc/self/status. Elsewhere false. */
    static boolean ignoresSignalsHere() {
        try (InputStream in = new FileInputStream("/proc/self/status")) {
            String status = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int at = status.indexOf("\nSigIgn:");
            if (at < 0) {
                return false;
            }
            int end = status.indexOf('\n', at + 1);
            long mask = Long.parseUnsignedLong(status.substring(at + "\nSigIgn:".length(), end < 0 ? status.length() : end).strip(), 16);
            return (mask & 0x7fff_ffffL) != 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean resetsSignals(String env) {
        try {
            Process probe = new ProcessBuilder(env, "--default-signal", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A class, not a lambda, and no streams on the child's path: {@link #resetIgnored} runs in every child before the
     * channel connects, and both would load and generate classes for nothing (25 of them for one stream, by the
     * class-load log).
     */
    private static final class ExitAsTheJvmWould implements SignalHandler {
        @Override
        public void handle(sun.misc.Signal signal) {
            Runtime.getRuntime().exit(128 + signal.getNumber());
        }
    }

    /** Resets the signals this process ignores to their defaults (see the class comment); returns their numbers. */
    static List<Integer> resetIgnored() {
        List<Signal> ignored = new ArrayList<>();
        for (Signal signal : SHUTDOWN) {
            if (ignoredByTheJvm(signal)) {
                ignored.add(signal);
            }
        }
        if (ignored.isEmpty()) {
            return List.of();
        }
        List<Integer> reset = Sigaction.resetAllIgnored();
        for (Signal signal : ignored) {
            if (reset.contains(signal.number())) {
                sun.misc.Signal.handle(new sun.misc.Signal(signal.shortName()), EXIT); // no longer ignored: installed
            }
        }
        return reset;
    }

    /**
     * Asks the JVM by installing {@link #EXIT}: it answers {@code SIG_IGN} and leaves the signal ignored, or hands back
     * its own handler, which goes straight back in (in between, ours does just what it does).
     */
    private static boolean ignoredByTheJvm(Signal signal) {
        sun.misc.Signal jdkSignal = new sun.misc.Signal(signal.shortName());
        try {
            SignalHandler previous = sun.misc.Signal.handle(jdkSignal, EXIT);
            if (previous == SignalHandler.SIG_IGN) {
                return true;
            }
            sun.misc.Signal.handle(jdkSignal, previous);
            return false;
        } catch (IllegalArgumentException e) {
            return false; // -Xrs: the program's business
        }
    }

    /** The FFM part, in a class of its own: loaded (with FFM's classes) only by a child that needs it. */
    private static final class Sigaction {
        /**
         * Larger than {@code struct sigaction} on Linux (152 bytes) and macOS (16). Its first member is the handler on
         * both ({@code sa_handler}, in a union with {@code sa_sigaction}); all zeros is {@code SIG_DFL}, no mask, no flags.
         */
        private static final long BYTES = 256;
        private static final long SIG_IGN = 1;
        /** libuv's range: the classic signals; the real-time ones above are left alone. */
        private static final int LAST = 31;

        static List<Integer> resetAllIgnored() {
            Linker linker = Linker.nativeLinker();
            // int sigaction(int signum, const struct sigaction *act, struct sigaction *oldact)
            MethodHandle sigaction = linker.downcallHandle(linker.defaultLookup().find("sigaction").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
            List<Integer> reset = new ArrayList<>();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment current = arena.allocate(BYTES);
                MemorySegment defaults = arena.allocate(BYTES); // zeroed: SIG_DFL
                for (int n = 1; n <= LAST; n++) {
                    if ((int) sigaction.invokeExact(n, MemorySegment.NULL, current) != 0) {
                        continue; // not a signal here (EINVAL)
                    }
                    if (current.get(ADDRESS, 0).address() == SIG_IGN
                            && (int) sigaction.invokeExact(n, defaults, MemorySegment.NULL) == 0) {
                        reset.add(n);
                    }
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("sigaction(2) through FFM failed", t);
            }
            return reset;
        }
    }
}
