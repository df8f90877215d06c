package cachetocluster.child;

import java.time.Duration;

/**
 * The options of {@link ChildProcesses#exec} and {@link ChildProcesses#execFile}, with Node's defaults: no timeout,
 * {@code maxBuffer} 1 MiB per stream (in bytes, not characters), {@code killSignal} SIGTERM, shell {@code /bin/sh}.
 */
public final class ExecOptions extends ProcessOptions<ExecOptions> {

    Duration timeout = Duration.ZERO;
    int maxBuffer = 1024 * 1024;
    Signal killSignal = Signal.SIGTERM;
    String shell = "/bin/sh";

    public ExecOptions() {
        super(Stdio.PIPE);
    }

    /** Kill the child with {@link #killSignal} after this long; zero (the default) means never. */
    public ExecOptions timeout(Duration after) {
        this.timeout = after;
        return this;
    }

    /** The most bytes kept from stdout, and from stderr; more kills the child (Node's {@code maxBuffer}). */
    public ExecOptions maxBuffer(int bytes) {
        this.maxBuffer = bytes;
        return this;
    }

    public ExecOptions killSignal(Signal signal) {
        this.killSignal = signal;
        return this;
    }

    /** The shell {@code exec} runs the command with ({@code shell -c command}). */
    public ExecOptions shell(String path) {
        this.shell = path;
        return this;
    }
}
