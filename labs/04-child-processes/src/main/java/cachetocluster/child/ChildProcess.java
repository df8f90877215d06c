package cachetocluster.child;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * A running child process: Node's {@code ChildProcess}. Events, in their order: {@code 'spawn'}, then any number of
 * {@code 'message' (message, handle)}, {@code 'internalMessage'} and {@code 'error'}, then {@code 'disconnect'},
 * {@code 'exit' (code, signal)} and {@code 'close' (code, signal)}.
 *
 * <p>'exit' waits until the channel has been read to its end, so every message the child sent, even one sent just
 * before it exited, is delivered before 'exit' (Node gives no such order). 'close' comes after 'exit', once the piped
 * stdio streams are closed too.
 *
 * <p>{@link #kill} sends a real signal through {@code kill(2)} and does <em>not</em> disconnect the channel first:
 * a child handling SIGTERM can still say goodbye (Node changed this in #34312). {@code exitCode}/{@code signalCode}
 * are decoded as described in {@link ExitStatus}.
 */
public final class ChildProcess extends IpcEndpoint<ChildProcess> {

    private static final ExecutorService WATCHERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("c2c-exit-watcher-", 0).factory());
    /** How long 'exit' waits for the channel's last bytes after the process is gone (they are already buffered). */
    private static final long CHANNEL_DRAIN_MILLIS = 10_000;

    private final Process process;
    private final List<String> spawnargs;
    private final StdioPipes stdio;
    private final ChannelListener listener;
    private final Thread channelThread;
    private final int maxFrameBytes;
    private final CompletableFuture<Exit> exited = new CompletableFuture<>();
    private final CompletableFuture<Exit> closed = new CompletableFuture<>();
    private volatile boolean killed;
    private boolean referenced = true;
    private boolean released;
    private volatile int reportedSignal;
    private volatile boolean ranShutdownHooks;
    private volatile Exit exit;

    private ChildProcess(Process process, List<String> spawnargs, ProcessOptions<?> options, ChannelListener listener,
            int maxFrameBytes) {
        super(options.executor, listener != null);
        this.maxFrameBytes = maxFrameBytes;
        this.process = process;
        this.spawnargs = List.copyOf(spawnargs);
        this.stdio = new StdioPipes(process, options.stdin, options.stdout, options.stderr);
        this.listener = listener;
        this.channelThread = listener == null ? null
                : Thread.ofPlatform().name("c2c-ipc-" + process.pid()).daemon(true)
                        .uncaughtExceptionHandler(SerialExecutor::uncaught).unstarted(this::acceptAndRead);
    }

    /** Starts {@code builder}'s process; with a listener, the child is expected to connect to it (fork). */
    static ChildProcess start(ProcessBuilder builder, ProcessOptions<?> options, ChannelListener listener, int maxFrameBytes)
            throws IOException {
        builder.redirectInput(StdioPipes.input(options.stdin))
                .redirectOutput(StdioPipes.output(options.stdout))
                .redirectError(StdioPipes.output(options.stderr));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            if (listener != null) {
                listener.close();
            }
            throw e;
        }
        ChildProcess child = new ChildProcess(process, builder.command(), options, listener, maxFrameBytes);
        KeepAlive.ref();
        if (child.channelThread != null) {
            child.channelThread.start();
        }
        child.emitOneShot("spawn");
        process.onExit().whenCompleteAsync((p, failure) -> child.afterExit(), WATCHERS);
        return child;
    }

    /** {@code pid}. */
    public long pid() {
        return process.pid();
    }

    /** {@code spawnargs}: the full command line, {@code java} and its options included. */
    public List<String> spawnargs() {
        return spawnargs;
    }

    /** {@code killed}: true once {@link #kill} has sent a signal successfully (not: the child is dead). */
    public boolean killed() {
        return killed;
    }

    /** {@code exitCode}: the exit status, null while running or if a signal ended the child. */
    public Integer exitCode() {
        Exit e = exit;
        return e == null ? null : e.code();
    }

    /** {@code signalCode}: "SIGTERM" if that signal ended the child, null while running or if it exited. */
    public String signalCode() {
        Exit e = exit;
        return e == null ? null : e.signal();
    }

    /** Completes when 'exit' is emitted, with the same (code, signal). */
    public CompletableFuture<Exit> exited() {
        return exited;
    }

    /** Completes when 'close' is emitted. */
    public CompletableFuture<Exit> closed() {
        return closed;
    }

    /** {@code kill()}: SIGTERM. */
    public boolean kill() {
        return kill(Signal.SIGTERM);
    }

    /** {@code kill('SIGINT')}. */
    public boolean kill(String signal) {
        return kill(Signal.of(signal));
    }

    /**
     * {@code kill(signal)}: true if {@code kill(2)} succeeded. False if the child has already exited; other failures
     * (EPERM) emit 'error', as in Node. The channel stays connected.
     */
    public boolean kill(Signal signal) {
        if (!process.isAlive()) {
            return false; // do not signal a pid the kernel may already have given to someone else
        }
        int errno = Posix.kill(process.pid(), signal);
        if (errno == 0) {
            killed = true;
            return true;
        }
        if (errno != Posix.ESRCH) {
            events.execute(() -> emit("error", new IOException("kill(" + process.pid() + ", " + signal + ") failed: errno " + errno)));
        }
        return false;
    }

    /** The child's stdin when piped, else null. */
    public OutputStream stdin() {
        return stdio.stdin();
    }

    /** The child's stdout when piped, else null. Read it (or close it): 'close' waits for it. */
    public InputStream stdout() {
        return stdio.stdout();
    }

    /** The child's stderr when piped, else null. */
    public InputStream stderr() {
        return stdio.stderr();
    }

    /** Reads the piped stdout line by line for you, on a virtual thread. */
    public ChildProcess onStdoutLine(Consumer<String> consumer) {
        StdioPipes.lines(stdio.stdout(), "stdout", consumer);
        return this;
    }

    /** Reads the piped stderr line by line for you, on a virtual thread. */
    public ChildProcess onStderrLine(Consumer<String> consumer) {
        StdioPipes.lines(stdio.stderr(), "stderr", consumer);
        return this;
    }

    public ChildProcess onSpawn(Runnable listener) {
        return on("spawn", args -> listener.run());
    }

    /** Typed 'exit' listener: {@code (code, signal)}, one of them null. */
    public ChildProcess onExit(BiConsumer<Integer, String> listener) {
        return on("exit", args -> listener.accept((Integer) args[0], (String) args[1]));
    }

    /** Typed 'close' listener: {@code (code, signal)}. */
    public ChildProcess onClose(BiConsumer<Integer, String> listener) {
        return on("close", args -> listener.accept((Integer) args[0], (String) args[1]));
    }

    /**
     * {@code unref()}: this JVM may exit while the child still runs (as a Node parent may after unref). Otherwise it
     * stays alive until 'close' has been emitted: a piped stream nobody reads holds that back, as in Node.
     */
    public synchronized ChildProcess unref() {
        if (referenced) {
            referenced = false;
            KeepAlive.unref();
        }
        return this;
    }

    /** {@code ref()}: undoes {@link #unref()}. */
    public synchronized ChildProcess ref() {
        if (!referenced && !released) {
            referenced = true;
            KeepAlive.ref();
        }
        return this;
    }

    /** After 'close' (its listeners have run): the child no longer keeps this JVM alive. */
    private synchronized void release() {
        released = true;
        unref();
    }

    /** The JDK's view, for what this class does not cover. */
    public Process process() {
        return process;
    }

    @Override
    protected void internalFrame(Map<?, ?> message) {
        // On the reader thread, so that afterExit (which joins it) is sure to see them.
        switch (String.valueOf(message.get("cmd"))) {
            case "C2C_SIGNAL" -> reportedSignal = ((Number) message.get("signal")).intValue();
            case "C2C_EXIT" -> ranShutdownHooks = true;
            default -> { }
        }
    }

    private void acceptAndRead() {
        AFUNIXSocketChannel socket;
        try {
            socket = listener.accept(process.pid());
        } catch (IOException e) {
            channelNeverConnected(); // the child exited (or failed) before connecting; afterExit closed the listener
            return;
        }
        IpcChannel channel;
        try {
            channel = new IpcChannel(socket, maxFrameBytes);
        } catch (IOException e) {
            channelNeverConnected();
            return;
        }
        if (attach(channel)) {
            read(channel);
        }
    }

    private void afterExit() {
        try {
            if (listener != null) {
                listener.close(); // if the child never connected, this ends the accept
                channelThread.join(java.time.Duration.ofMillis(CHANNEL_DRAIN_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Exit result = ExitStatus.decode(process.exitValue(), reportedSignal, ranShutdownHooks);
        exit = result;
        emitOneShot("exit", result.code(), result.signal());
        events.execute(() -> exited.complete(result));
        stdio.allClosed().whenComplete((v, t) -> {
            emitOneShot("close", result.code(), result.signal());
            events.execute(() -> closed.complete(result));
            events.execute(this::release);
        });
    }

    /** Waits at most {@code timeout} for the process to end; a convenience for scripts and tests. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    @Override
    public String toString() {
        return "ChildProcess[pid " + process.pid() + (exit == null ? ", running" : ", " + exit) + "]";
    }
}
