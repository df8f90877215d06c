package cachetocluster.child;

/**
 * How a child ended, as Node reports it in {@code 'exit' (code, signal)}: exactly one of the two is non-null.
 * {@code exit(3)} is {@code (3, null)}; killed by SIGTERM is {@code (null, "SIGTERM")}.
 *
 * @param code   the exit status, or null if a signal ended the process
 * @param signal the signal's name ("SIGTERM"), or null if the process exited
 */
public record Exit(Integer code, String signal) {

    public static Exit code(int code) {
        return new Exit(code, null);
    }

    public static Exit signal(Signal signal) {
        return new Exit(null, signal.name());
    }

    @Override
    public String toString() {
        return "exit(" + code + ", " + (signal == null ? "null" : "'" + signal + "'") + ")";
    }
}
