package cachetocluster.child;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * The child's end of the channel: what Node exposes on {@code process} in a forked child ({@code process.send},
 * {@code process.on('message')}, {@code process.disconnect}, {@code process.connected}). Reach it through
 * {@link Parent}.
 *
 * <p>Like a Node child, this JVM stays alive while the channel is connected and has a 'message' listener, even after
 * {@code main} returned ({@link KeepAlive}); {@link #unref()} lets it exit anyway.
 */
public final class ParentPort extends IpcEndpoint<ParentPort> {

    /** The socket to connect to: Node's {@code NODE_CHANNEL_FD}. */
    static final String CHANNEL_ENV = "C2C_CHANNEL";
    static final String MAX_FRAME_ENV = "C2C_MAX_FRAME_BYTES";
    static final String EXIT_ON_DISCONNECT_ENV = "C2C_EXIT_ON_DISCONNECT";
    /** The variables fork sets for the channel: never inherited, never passed on by hand. */
    static final java.util.Set<String> CHANNEL_VARIABLES = java.util.Set.of(CHANNEL_ENV, MAX_FRAME_ENV, EXIT_ON_DISCONNECT_ENV);

    private volatile boolean exitOnDisconnect;
    private volatile boolean disconnectedHere;
    private boolean unrefRequested;
    private boolean referenced;
    private boolean closed;

    private ParentPort(boolean exitOnDisconnect) {
        super(null, true);
        this.exitOnDisconnect = exitOnDisconnect;
    }

    /** Connects to the parent named in {@code env}; a failure is reported as 'error' and the port stays closed. */
    static ParentPort connect(Map<String, String> env) {
        ParentPort port = new ParentPort("1".equals(env.get(EXIT_ON_DISCONNECT_ENV)));
        int maxFrameBytes = Integer.parseInt(env.getOrDefault(MAX_FRAME_ENV, String.valueOf(FrameCodec.DEFAULT_MAX_FRAME_BYTES)));
        try {
            AFUNIXSocketChannel socket = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(Path.of(env.get(CHANNEL_ENV))));
            long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            long peer = socket.getPeerCredentials().getPid();
            if (peer != parent) {
                socket.close();
                throw new IOException("the channel's peer is pid " + peer + ", not our parent " + parent);
            }
            IpcChannel channel = new IpcChannel(socket, maxFrameBytes);
            port.attach(channel); // before returning: a send right after connect must not wait in a queue
            Thread.ofPlatform().name("c2c-parent-channel").daemon(true).uncaughtExceptionHandler(SerialExecutor::uncaught)
                    .start(() -> port.read(channel));
        } catch (IOException | RuntimeException e) {
            port.channelNeverConnected();
            port.events.execute(() -> port.emit("error", new IpcException("ERR_IPC_CHANNEL_CLOSED",
                    "could not connect to the parent's channel " + env.get(CHANNEL_ENV) + ": " + e.getMessage(), e)));
            port.channelClosed(null);
        }
        return port;
    }

    /** Node's {@code process.disconnect()}: closes the channel; this process goes on (and will not exit-on-disconnect). */
    @Override
    public void disconnect() {
        disconnectedHere = true;
        super.disconnect();
    }

    /**
     * Exit (status 0) when the channel closes without this process having disconnected it: the parent died, even by
     * SIGKILL, or called {@code child.disconnect()}. What Node's cluster workers do; set by
     * {@link ForkOptions#exitOnParentDisconnect} or here.
     */
    public ParentPort exitOnDisconnect(boolean exit) {
        this.exitOnDisconnect = exit;
        return this;
    }

    /** Runs this port's events on {@code executor} (an EventLoop, say; {@code Runnable::run}: the reader thread). */
    public ParentPort dispatchOn(Executor executor) {
        events.setUnderlying(executor);
        return this;
    }

    /** {@code process.channel.unref()}: the channel no longer keeps this JVM alive. */
    public ParentPort unref() {
        synchronized (this) {
            unrefRequested = true;
        }
        listenersChanged();
        return this;
    }

    /** {@code process.channel.ref()}. */
    public ParentPort ref() {
        synchronized (this) {
            unrefRequested = false;
        }
        listenersChanged();
        return this;
    }

    /** From the child's signal handler (ChildMain): "a signal is ending me", before the JVM runs its hooks. */
    void reportSignal(int number) {
        if (connected()) {
            send(Map.of("cmd", "C2C_SIGNAL", "signal", number));
        }
    }

    /** From the child's shutdown hook: "I am exiting in an orderly way" (see ExitStatus). */
    void reportExit() {
        if (connected()) {
            send(Map.of("cmd", "C2C_EXIT"));
        }
    }

    @Override
    protected void listenersChanged() {
        boolean want;
        synchronized (this) {
            want = !closed && !unrefRequested && listenerCount("message") > 0;
            if (want == referenced) {
                return;
            }
            referenced = want;
        }
        if (want) {
            KeepAlive.ref();
        } else {
            KeepAlive.unref();
        }
    }

    @Override
    protected void channelClosed(IOException cause) {
        synchronized (this) {
            closed = true;
        }
        // Let go of the JVM only after the 'disconnect' listeners (queued before us) have run.
        events.execute(this::listenersChanged);
        if (exitOnDisconnect && !disconnectedHere) {
            // After the 'disconnect' listeners (queued before us). Runtime.exit runs the shutdown hooks.
            events.execute(() -> Runtime.getRuntime().exit(0));
        }
    }
}
