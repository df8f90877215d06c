package cachetocluster.child;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The forked child's view of its parent, static as Node's {@code process} is global: {@code Parent.send(msg)} is
 * {@code process.send(msg)}, {@code Parent.on("message", ...)} is {@code process.on('message', ...)}.
 *
 * <p>A child knows it was forked from its environment: {@code C2C_CHANNEL} names the parent's socket, as
 * {@code NODE_CHANNEL_FD} does in Node; {@link #isForked()} checks for it. {@link ChildMain} connects before your
 * {@code main} runs, as Node sets up the channel before your script; without it the first use here connects.
 * In a process that was not forked, every method but {@link #isForked()} throws {@code ERR_IPC_NO_CHANNEL} (in Node,
 * {@code process.send} is undefined there).
 */
public final class Parent {

    private static ParentPort port;

    private Parent() {}

    /** Was this process forked with a channel? ({@code typeof process.send === 'function'} in Node.) */
    public static boolean isForked() {
        return System.getenv(ParentPort.CHANNEL_ENV) != null;
    }

    /** The channel to the parent (connecting on first use). */
    public static synchronized ParentPort port() {
        if (port == null) {
            if (!isForked()) {
                throw new IpcException("ERR_IPC_NO_CHANNEL", "this process was not forked with an IPC channel ("
                        + ParentPort.CHANNEL_ENV + " is not set)", null);
            }
            port = ParentPort.connect(System.getenv());
        }
        return port;
    }

    /** {@code process.send(message)}: written to the socket before it returns, so a following exit cannot lose it. */
    public static boolean send(Object message) {
        return port().send(message);
    }

    /** {@code process.send(message, sendHandle)}. */
    public static boolean send(Object message, Handle handle) {
        return port().send(message, handle);
    }

    /** {@code process.send(message, sendHandle, callback)}. */
    public static boolean send(Object message, Handle handle, Consumer<Throwable> callback) {
        return port().send(message, handle, callback);
    }

    /** {@code process.on(event, listener)}: 'message', 'internalMessage', 'disconnect', 'error'. */
    public static ParentPort on(String event, EventEmitter.Listener listener) {
        return port().on(event, listener);
    }

    public static ParentPort once(String event, EventEmitter.Listener listener) {
        return port().once(event, listener);
    }

    public static ParentPort off(String event, EventEmitter.Listener listener) {
        return port().off(event, listener);
    }

    /** {@code process.on('message', (message, handle) => ...)}. */
    public static ParentPort onMessageWithHandle(BiConsumer<Object, Handle> listener) {
        return port().onMessageWithHandle(listener);
    }

    /** {@code process.on('message', message => ...)}. */
    public static ParentPort onMessage(Consumer<Object> listener) {
        return port().onMessage(listener);
    }

    /** {@code process.on('disconnect', ...)}. */
    public static ParentPort onDisconnect(Runnable listener) {
        return port().onDisconnect(listener);
    }

    /** {@code process.connected}. */
    public static boolean connected() {
        return isForked() && port().connected();
    }

    /** {@code process.disconnect()}. */
    public static void disconnect() {
        port().disconnect();
    }

    /** Exit when the parent's channel closes (the parent died): see {@link ParentPort#exitOnDisconnect}. */
    public static ParentPort exitOnDisconnect(boolean exit) {
        return port().exitOnDisconnect(exit);
    }
}
