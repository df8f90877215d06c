package cachetocluster.child;

/**
 * Why {@code exec}/{@code execFile} failed, with the fields of Node's error: {@code code} (the exit status, when it
 * exited non-zero), {@code signal} and {@code killed} (when a signal ended it, for instance the timeout's),
 * {@code errorCode} (a Node error code such as {@code ERR_CHILD_PROCESS_STDIO_MAXBUFFER}), {@code cmd}, and what the
 * child wrote before it ended.
 */
public final class ExecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Integer code;
    private final String signal;
    private final boolean killed;
    private final String errorCode;
    private final String cmd;
    private final String stdout;
    private final String stderr;

    ExecException(String message, Integer code, String signal, boolean killed, String errorCode, String cmd,
            String stdout, String stderr, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.signal = signal;
        this.killed = killed;
        this.errorCode = errorCode;
        this.cmd = cmd;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The exit status, or null (killed by a signal, or never started). */
    public Integer code() {
        return code;
    }

    /** The signal that ended the child ("SIGTERM"), or null. */
    public String signal() {
        return signal;
    }

    /** True if the child was killed by exec itself (timeout) or by {@code kill()}. */
    public boolean killed() {
        return killed;
    }

    /** Node's error code for failures that are not an exit status: "ERR_CHILD_PROCESS_STDIO_MAXBUFFER", "ENOENT". */
    public String errorCode() {
        return errorCode;
    }

    public String cmd() {
        return cmd;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }
}
