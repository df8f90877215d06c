package cachetocluster.child;

import java.util.Optional;

/**
 * Turns what the JDK says about a finished child into Node's {@code (code, signal)}, honestly.
 *
 * <p>Two things blur the answer. First, the JDK: {@code Process.exitValue()} is {@code WEXITSTATUS} for a process
 * that exited, but {@code 128 + WTERMSIG} for one a signal killed (ProcessHandleImpl_unix.c). So 143 is either
 * {@code exit(143)} or SIGTERM, and the raw wait status is gone: the JDK's reaper thread reaps every child it starts,
 * so we cannot {@code waitpid} it ourselves. Second, the child, when it is a JVM: it <em>catches</em> SIGTERM, SIGINT
 * and SIGHUP, runs its shutdown hooks, and exits with {@code exit(128 + n)} (java.lang.Terminator). Even the kernel's
 * wait status says "exited with 143" there; only SIGKILL (and signals the JVM leaves at their default, such as an
 * unhandled SIGUSR1) really kill a JVM.
 *
 * <p>So a forked child tells us (see {@link ChildMain}): its handlers for TERM, INT and HUP send
 * {@code {"cmd":"C2C_SIGNAL","signal":15}} before passing the signal on to the JVM's own handler, and a shutdown hook
 * sends {@code {"cmd":"C2C_EXIT"}} (the JVM is exiting in an orderly way, through {@code exit()}). The rules, in order:
 * <ol>
 *   <li>the child reported signal n and the status is 128 + n: {@code (null, SIGn)}, as Node reports a Node child
 *       that a signal ended;</li>
 *   <li>the child ran its shutdown hooks: it exited, {@code (status, null)}, even when status is 143;</li>
 *   <li>no report and status 128 + n for a signal n we know: {@code (null, SIGn)}: the process died without running
 *       its hooks (SIGKILL), or it is not a JVM that reports (spawn, exec);</li>
 *   <li>otherwise {@code (status, null)}.</li>
 * </ol>
 * What rule 3 gets wrong: a process that calls {@code Runtime.halt(137)} (no hooks), a forked child that disconnected
 * before exiting with 130 (its report cannot travel), or a shell script that ends with {@code exit 143}, reads as
 * killed by a signal; shells themselves use 128 + n to mean exactly that.
 */
final class ExitStatus {

    private ExitStatus() {}

    /**
     * @param status           {@code Process.exitValue()}
     * @param reportedSignal   the signal number the child reported catching, or 0
     * @param ranShutdownHooks whether the child reported its orderly exit
     */
    static Exit decode(int status, int reportedSignal, boolean ranShutdownHooks) {
        if (reportedSignal > 0 && status == 128 + reportedSignal) {
            Optional<Signal> signal = Signal.fromNumber(reportedSignal);
            if (signal.isPresent()) {
                return Exit.signal(signal.get());
            }
        }
        if (ranShutdownHooks) {
            return Exit.code(status);
        }
        if (status > 128) {
            Optional<Signal> signal = Signal.fromNumber(status - 128);
            if (signal.isPresent()) {
                return Exit.signal(signal.get());
            }
        }
        return Exit.code(status);
    }
}
