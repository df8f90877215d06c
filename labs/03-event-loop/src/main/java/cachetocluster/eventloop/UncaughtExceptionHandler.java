package cachetocluster.eventloop;

import java.io.PrintStream;

/**
 * What happens to an exception that escapes a callback: Node's {@code process.on('uncaughtException', (err) => ...)}.
 *
 * <p>The default, {@link #printAndStop}, prints one line and stops the loop, because that is what Node does: it
 * prints the error and exits with code 1. Carrying on after a failure nobody anticipated hides bugs (half-updated
 * state, a response never sent); a server that wants to survive installs its own handler, deliberately, as a
 * Node program would.
 */
@FunctionalInterface
public interface UncaughtExceptionHandler {

    /** {@code callback} is what threw (a Timer, an IoHandler, a Runnable, or a description); its toString names it. */
    void uncaught(Throwable error, Object callback, EventLoop loop);

    /** One line on {@code err}: the exception, where it was thrown, which callback; then {@link EventLoop#stop()}. */
    static UncaughtExceptionHandler printAndStop(PrintStream err) {
        return (error, callback, loop) -> {
            StackTraceElement[] trace = error.getStackTrace();
            err.println("event loop: uncaught " + error + (trace.length > 0 ? " at " + trace[0] : "")
                    + " in " + callback + "; stopping the loop (as Node exits)");
            loop.stop();
        };
    }
}
