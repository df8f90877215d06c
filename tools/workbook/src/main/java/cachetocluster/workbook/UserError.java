package cachetocluster.workbook;

/**
 * Something the user can fix: a wrong lab number, a missing JDK, a file that does not compile.
 * The CLI prints its message as one line and exits with {@link #exitCode()}; never a stack trace.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
