package cachetocluster.child;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@link ChildProcesses#fork}: Node's {@code fork(modulePath, args, options)} options, for a JVM.
 * Defaults as in Node: stdio inherited, environment and working directory the parent's.
 *
 * <pre>{@code
 * fork("app.Worker", List.of("--port", "0"), new ForkOptions().silent(true).execArgv("-Xmx64m"))
 * }</pre>
 */
public final class ForkOptions extends ProcessOptions<ForkOptions> {

    final List<String> execArgv = new ArrayList<>();
    String classPath;
    Path execPath;
    int maxFrameBytes = FrameCodec.DEFAULT_MAX_FRAME_BYTES;
    boolean exitOnParentDisconnect;
    boolean extractNativeLibraryOnce = true;

    public ForkOptions() {
        super(Stdio.INHERIT);
    }

    /**
     * JVM options for the child (Node's {@code execArgv}): {@code -Xmx64m}, {@code -XX:TieredStopAtLevel=1},
     * {@code -XX:SharedArchiveFile=...}. Unlike Node, the parent's own are not copied by default: a debugger agent or
     * a JaCoCo agent in the parent would clash in the child. {@code --enable-native-access=ALL-UNNAMED} is always
     * added (the channel needs it), and so is junixsocket's library override ({@link #extractNativeLibraryOnce})
     * unless these options set one of its {@code -Dorg.newsclub.net.unix.library.*} properties themselves.
     */
    public ForkOptions execArgv(String... jvmOptions) {
        this.execArgv.addAll(List.of(jvmOptions));
        return this;
    }

    public ForkOptions execArgv(List<String> jvmOptions) {
        this.execArgv.addAll(jvmOptions);
        return this;
    }

    /** The child's class path; by default the parent's ({@code java.class.path}). */
    public ForkOptions classPath(String path) {
        this.classPath = path;
        return this;
    }

    /** The {@code java} to run (Node's {@code execPath}); by default this JVM's own ({@code java.home}/bin/java). */
    public ForkOptions execPath(Path java) {
        this.execPath = java;
        return this;
    }

    /** Node's {@code silent}: true pipes stdin, stdout and stderr to the parent, false inherits them. */
    public ForkOptions silent(boolean silent) {
        return stdio(silent ? Stdio.PIPE : Stdio.INHERIT);
    }

    /** The largest frame either side accepts (both sides use it); over it, 'error' and the frame is skipped. */
    public ForkOptions maxFrameBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, was " + bytes);
        }
        this.maxFrameBytes = bytes;
        return this;
    }

    /**
     * The child exits (status 0) when its channel to the parent closes without it having called
     * {@code Parent.disconnect()}: the parent died, even by SIGKILL, or disconnected it. Off by default, as in Node
     * for fork; Node's cluster workers do it always, and so will lab 05's.
     */
    public ForkOptions exitOnParentDisconnect(boolean exit) {
        this.exitOnParentDisconnect = exit;
        return this;
    }

    /**
     * On by default: the child loads junixsocket's native library from the copy this JVM extracted once, instead of
     * copying it out of its jar at every start (40 to 100 ms per fork on the course's machine; see
     * {@link JunixsocketLibrary}). False gives every child its own copy, as junixsocket does by itself.
     */
    public ForkOptions extractNativeLibraryOnce(boolean once) {
        this.extractNativeLibraryOnce = once;
        return this;
    }
}
