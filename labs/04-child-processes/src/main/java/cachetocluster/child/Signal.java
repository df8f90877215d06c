package cachetocluster.child;

import java.util.Locale;
import java.util.Optional;

/**
 * The POSIX signals a parent sends to children, named as Node names them ({@code 'SIGTERM'}).
 *
 * <p>The numbers are Linux's (x86-64 and arm64 agree); macOS differs for USR1, USR2, CONT and STOP, which
 * {@link #number()} accounts for. The JDK itself can only send TERM ({@code Process.destroy}) and KILL
 * ({@code destroyForcibly}); every other signal goes through {@link Posix#kill}.
 */
public enum Signal {
    SIGHUP(1, 1),
    SIGINT(2, 2),
    SIGQUIT(3, 3),
    SIGABRT(6, 6),
    SIGKILL(9, 9),
    SIGUSR1(10, 30),
    SIGSEGV(11, 11),
    SIGUSR2(12, 31),
    SIGPIPE(13, 13),
    SIGALRM(14, 14),
    SIGTERM(15, 15),
    SIGCONT(18, 19),
    SIGSTOP(19, 17);

    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");

    private final int linux;
    private final int mac;

    Signal(int linux, int mac) {
        this.linux = linux;
        this.mac = mac;
    }

    /** The signal's number on this operating system. */
    public int number() {
        return MAC ? mac : linux;
    }

    /** The name without "SIG", as {@code sun.misc.Signal} and {@code kill -l} spell it: "TERM". */
    public String shortName() {
        return name().substring(3);
    }

    /** The signal with this number on this operating system, if it is one we know. */
    public static Optional<Signal> fromNumber(int number) {
        for (Signal s : values()) {
            if (s.number() == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** "SIGTERM", "TERM" or "sigterm" to the signal. */
    public static Signal of(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return valueOf(upper.startsWith("SIG") ? upper : "SIG" + upper);
    }
}
