package cachetocluster.child;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The options every way of starting a child shares, as in Node's options object: {@code env}, {@code cwd},
 * {@code stdio}, and (Java's addition) the executor the child's events run on.
 *
 * @param <T> the concrete options type, so that setters chain
 */
public abstract class ProcessOptions<T extends ProcessOptions<T>> {

    Map<String, String> env;
    /** What extraEnv added: these are kept even if they start with C2C_ (see ChildProcesses.builder). */
    final Map<String, String> extraEnv = new LinkedHashMap<>();
    Path cwd;
    Stdio stdin;
    Stdio stdout;
    Stdio stderr;
    Executor executor;

    ProcessOptions(Stdio defaultStdio) {
        this.stdin = defaultStdio;
        this.stdout = defaultStdio;
        this.stderr = defaultStdio;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The child's whole environment (Node's {@code env}); by default the parent's. Replaces earlier extraEnv too. */
    public T env(Map<String, String> environment) {
        this.env = new LinkedHashMap<>(environment);
        this.extraEnv.clear();
        return self();
    }

    /**
     * The parent's environment (or the one given to {@link #env}) plus these variables. Unlike inherited ones, a
     * {@code C2C_} variable given here reaches the child: that is how lab 05's cluster tells a worker its id
     * ({@code C2C_UNIQUE_ID}, Node's {@code NODE_UNIQUE_ID}). The channel's own variables never do.
     */
    public T extraEnv(Map<String, String> variables) {
        extraEnv.putAll(variables);
        return self();
    }

    /** The child's working directory (Node's {@code cwd}); by default the parent's. */
    public T cwd(Path directory) {
        this.cwd = directory;
        return self();
    }

    /** What becomes of stdin, stdout and stderr (Node's {@code stdio: [in, out, err]}). */
    public T stdio(Stdio in, Stdio out, Stdio err) {
        this.stdin = in;
        this.stdout = out;
        this.stderr = err;
        return self();
    }

    /** All three the same (Node's {@code stdio: 'pipe'}). */
    public T stdio(Stdio all) {
        return stdio(all, all, all);
    }

    /**
     * Where the child's events run, one at a time and in order whatever the executor. By default on a pooled platform
     * thread (never on the channel's reader thread: see SerialExecutor for the deadlock that avoids). Give an
     * {@code EventLoop} (lab 03) to have them run on the loop, as in Node, or {@code Runnable::run} to run them on the
     * reader thread itself (the lowest latency, for listeners that do not send much).
     */
    public T executor(Executor events) {
        this.executor = events;
        return self();
    }
}
