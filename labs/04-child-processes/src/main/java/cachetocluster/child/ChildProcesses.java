package cachetocluster.child;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Node's {@code child_process} module for the JVM: {@link #fork} (a JVM with an IPC channel), {@link #spawn} (any
 * program, streaming stdio), {@link #exec} (a command line through {@code /bin/sh}, output collected) and
 * {@link #execFile} (a program without a shell).
 *
 * <p>Node reports a child that could not be started with an 'error' event; {@code ProcessBuilder.start} throws, and so
 * do {@link #fork} and {@link #spawn} ({@link #exec} and {@link #execFile} hand the error to their callback, as Node).
 */
public final class ChildProcesses {

    private ChildProcesses() {}

    /** {@code fork(mainClass)}: a new JVM running {@code mainClass}, with an IPC channel to this one. */
    public static ChildProcess fork(String mainClass) throws IOException {
        return fork(mainClass, List.of(), new ForkOptions());
    }

    /** {@code fork(mainClass, args)}. */
    public static ChildProcess fork(String mainClass, List<String> args) throws IOException {
        return fork(mainClass, args, new ForkOptions());
    }

    /** {@code fork(mainClass, args, options)} with a class. */
    public static ChildProcess fork(Class<?> mainClass, List<String> args, ForkOptions options) throws IOException {
        return fork(mainClass.getName(), args, options);
    }

    /**
     * {@code fork(modulePath, args, options)}: starts {@code java [execArgv] -cp <class path> ChildMain mainClass args},
     * with {@code C2C_CHANNEL} in its environment naming a fresh private socket; the child connects to it before its
     * main runs ({@link ChildMain}). Through {@code env --default-signal} when this JVM ignores signals the child must
     * not inherit ({@link InheritedSignals}).
     */
    public static ChildProcess fork(String mainClass, List<String> args, ForkOptions options) throws IOException {
        ChannelListener listener = ChannelListener.open();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable(options).toString());
        command.add("--enable-native-access=ALL-UNNAMED"); // junixsocket's JNI library and our FFM calls
        JunixsocketLibrary.childOption(options).ifPresent(command::add); // its .so, extracted once per parent
        command.addAll(options.execArgv);
        command.add("-cp");
        command.add(options.classPath != null ? options.classPath : System.getProperty("java.class.path"));
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = builder(command, options);
        Map<String, String> env = builder.environment();
        env.put(ParentPort.CHANNEL_ENV, listener.socketPath().toString());
        env.put(ParentPort.MAX_FRAME_ENV, String.valueOf(options.maxFrameBytes));
        if (options.exitOnParentDisconnect) {
            env.put(ParentPort.EXIT_ON_DISCONNECT_ENV, "1");
        }
        return ChildProcess.start(builder, options, listener, options.maxFrameBytes);
    }

    /** {@code spawn(command, args, options)}: any program, no channel; stdio piped unless the options say otherwise. */
    public static ChildProcess spawn(String command, List<String> args, SpawnOptions options) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(args);
        return ChildProcess.start(builder(line, options), options, null, 0);
    }

    /** {@code spawn(command, args)}. */
    public static ChildProcess spawn(String command, List<String> args) throws IOException {
        return spawn(command, args, new SpawnOptions());
    }

    /** {@code exec(command, options, callback)}: {@code /bin/sh -c command}, output collected; see {@link Exec}. */
    public static ChildProcess exec(String command, ExecOptions options, Exec.Callback callback) {
        return Exec.run(List.of(options.shell, "-c", command), command, options, callback);
    }

    /** {@code util.promisify(exec)(command, options)}: the output, or an {@link ExecException}. */
    public static CompletableFuture<Exec.Result> exec(String command, ExecOptions options) {
        CompletableFuture<Exec.Result> result = new CompletableFuture<>();
        exec(command, options, Exec.completing(result));
        return result;
    }

    /** {@code execFile(file, args, options, callback)}: runs {@code file} directly, no shell in between. */
    public static ChildProcess execFile(String file, List<String> args, ExecOptions options, Exec.Callback callback) {
        List<String> command = new ArrayList<>();
        command.add(file);
        command.addAll(args);
        return Exec.run(command, String.join(" ", command), options, callback);
    }

    /** {@code util.promisify(execFile)(file, args, options)}. */
    public static CompletableFuture<Exec.Result> execFile(String file, List<String> args, ExecOptions options) {
        CompletableFuture<Exec.Result> result = new CompletableFuture<>();
        execFile(file, args, options, Exec.completing(result));
        return result;
    }

    /**
     * The command, with env and cwd applied and our channel variables never leaking to a grandchild; through
     * {@code env --default-signal} when this JVM ignores signals the child must not inherit ({@link InheritedSignals}).
     */
    static ProcessBuilder builder(List<String> command, ProcessOptions<?> options) {
        List<String> line = new ArrayList<>(InheritedSignals.commandPrefix(command.getFirst(), options.cwd));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line);
        Map<String, String> env = builder.environment();
        if (options.env != null) {
            env.clear();
            env.putAll(options.env);
        }
        // Node deletes NODE_CHANNEL_FD from a child's process.env; a JVM cannot change its own environment, so we
        // strip ours from every child we start instead. Variables the caller adds on purpose (extraEnv) are kept,
        // except the channel's own, which fork sets afresh.
        env.keySet().removeIf(name -> name.startsWith(IpcEndpoint.INTERNAL_PREFIX));
        env.putAll(options.extraEnv);
        env.keySet().removeAll(ParentPort.CHANNEL_VARIABLES);
        if (options.cwd != null) {
            builder.directory(options.cwd.toFile());
        }
        return builder;
    }

    private static Path javaExecutable(ForkOptions options) {
        if (options.execPath != null) {
            return options.execPath;
        }
        // This JVM's java, never whatever "java" is first on the PATH (often an older JDK).
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
