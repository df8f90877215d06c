package cachetocluster.child;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import sun.misc.SignalHandler;

/**
 * What a forked JVM runs first: {@code java ... cachetocluster.child.ChildMain your.Main args...}. It does what Node's
 * bootstrap does for a forked child before the user's script (lib/internal/bootstrap/switches/is_main_thread.js and
 * child_process.js's {@code setupChannel}): connect the channel, then run your main. Before that it does what libuv
 * does for every Node child before its exec: signals the parent ignored (a background job's SIGINT) are set back to
 * their defaults ({@link InheritedSignals}).
 *
 * <p>It also installs the two reporters {@link ExitStatus} needs to tell "killed by SIGTERM" from "exit(143)": a
 * handler for TERM, INT and HUP that tells the parent which signal arrived and then hands it to the JVM's own handler
 * (which runs the shutdown hooks and exits with 128 + n), and a shutdown hook that tells the parent the exit is an
 * orderly one. If your code installs its own handler for one of those signals, it replaces ours, and the parent
 * reports whatever exit status your handler chooses: as Node does for a child that handles SIGTERM itself.
 */
public final class ChildMain {

    /** {@code System.nanoTime()} when main began, and when the channel was connected: see {@link #enteredNanos()}. */
    private static volatile long enteredNanos;
    private static volatile long connectedNanos;

    private ChildMain() {}

    /**
     * {@code System.nanoTime()} when this JVM entered {@code ChildMain.main} (0 if ChildMain did not start it): the end
     * of the JVM's own start-up. On Linux and macOS HotSpot's nanoTime is a system-wide monotonic clock
     * ({@code CLOCK_MONOTONIC}, {@code mach_absolute_time}), so the parent can subtract its own readings from it; the
     * start-up study ({@code cachetocluster.child.startup}) does.
     */
    public static long enteredNanos() {
        return enteredNanos;
    }

    /** {@code System.nanoTime()} when the channel to the parent was connected (0 if not forked, or not yet). */
    public static long connectedNanos() {
        return connectedNanos;
    }

    public static void main(String[] args) throws Throwable {
        enteredNanos = System.nanoTime();
        InheritedSignals.resetIgnored();
        Thread.currentThread().setUncaughtExceptionHandler(SerialExecutor::uncaught); // a stub's TODO from main: one line
        if (args.length == 0) {
            System.err.println("usage: ChildMain <main class> [args...] (started by ChildProcesses.fork)");
            System.exit(2);
        }
        if (Parent.isForked()) {
            ParentPort port = Parent.port();
            connectedNanos = System.nanoTime();
            for (Signal signal : new Signal[] {Signal.SIGTERM, Signal.SIGINT, Signal.SIGHUP}) {
                reportOn(signal, port);
            }
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("c2c-exit-report").unstarted(port::reportExit));
        }
        runMain(args[0], Arrays.copyOfRange(args, 1, args.length));
    }

    private static void reportOn(Signal signal, ParentPort port) {
        sun.misc.Signal jdkSignal = new sun.misc.Signal(signal.shortName());
        SignalHandler[] previous = new SignalHandler[1];
        try {
            previous[0] = sun.misc.Signal.handle(jdkSignal, s -> {
                port.reportSignal(s.getNumber());
                SignalHandler next = previous[0];
                if (next != null && next != SignalHandler.SIG_DFL && next != SignalHandler.SIG_IGN) {
                    next.handle(s); // the JVM's: shutdown hooks, then exit(128 + n)
                } else {
                    Runtime.getRuntime().exit(128 + s.getNumber()); // what the JVM's own handler would do
                }
            });
            if (previous[0] == SignalHandler.SIG_IGN) {
                sun.misc.Signal.handle(jdkSignal, SignalHandler.SIG_IGN); // still ignored (InheritedSignals could not reset it)
            }
        } catch (IllegalArgumentException e) {
            // -Xrs, or the VM reserves it on this platform: the parent falls back to rule 3 of ExitStatus
        }
    }

    /**
     * Runs {@code className}'s main as the java launcher would (JEP 512: static or instance, with or without args).
     * Public for lab 05's WorkerMain, which starts the worker's side of the cluster and then runs the user's main.
     */
    public static void runMain(String className, String[] args) throws Throwable {
        Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        Method withArgs = findMain(type, String[].class);
        Method main = withArgs != null ? withArgs : findMain(type);
        if (main == null) {
            throw new NoSuchMethodException("no main method in " + className);
        }
        main.setAccessible(true);
        Object target = null;
        if (!Modifier.isStatic(main.getModifiers())) {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            target = constructor.newInstance();
        }
        try {
            if (withArgs != null) {
                main.invoke(target, (Object) args);
            } else {
                main.invoke(target);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause(); // as if main had thrown it: printed, exit status 1
        }
    }

    private static Method findMain(Class<?> type, Class<?>... parameters) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod("main", parameters);
                if (!Modifier.isPrivate(m.getModifiers()) && m.getReturnType() == void.class) {
                    return m;
                }
            } catch (NoSuchMethodException ignored) {
                // try the superclass
            }
        }
        return null;
    }
}
