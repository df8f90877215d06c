package cachetocluster.child;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One side of an IPC channel as an event emitter: what Node's {@code ChildProcess} (the parent's side) and
 * {@code process} (the child's side) share. Events: {@code 'message' (message, handle)}, {@code 'internalMessage'
 * (message, handle)}, {@code 'error' (error)}, {@code 'disconnect'}.
 *
 * <p>Two departures from Node, both because Java has no event loop to defer to. Node emits everything on a later turn
 * of the loop, so listeners added right after {@code fork()} never miss an event. Here events come from other threads
 * at any time, so: (1) messages that arrive before the first {@code 'message'} listener is added are held (at most
 * {@value #MAX_HELD_MESSAGES}) and delivered to it, in order; (2) the one-shot events ({@code 'spawn'}, {@code 'exit'},
 * {@code 'close'}, {@code 'disconnect'}) are remembered, and a listener added after one of them fired is called with
 * its arguments at once.
 *
 * <p>Events of one endpoint run one at a time, in order, on the executor given to fork (by default on a pooled
 * platform thread, never the channel's reader thread; see {@link SerialExecutor}).
 *
 * @param <T> the concrete type, so that {@code on(...)} chains keep it
 */
public abstract class IpcEndpoint<T extends IpcEndpoint<T>> extends EventEmitter {

    /** Like Node's {@code NODE_}: messages whose {@code cmd} starts with it are the library's, never 'message's. */
    public static final String INTERNAL_PREFIX = "C2C_";
    static final int MAX_HELD_MESSAGES = 1000;
    private static final Set<String> ONE_SHOT = Set.of("spawn", "exit", "close", "disconnect");

    private enum State { NONE, CONNECTING, CONNECTED, CLOSED }

    private record Queued(ByteBuffer frame, Handle handle, Consumer<Throwable> callback) {}

    protected final SerialExecutor events;
    private final Object stateLock = new Object();
    private State state;
    private IpcChannel channel;
    private final List<Queued> beforeConnect = new ArrayList<>();
    private final Object oneShotLock = new Object();
    private final Map<String, Object[]> fired = new HashMap<>();
    /** Touched only by event tasks, which never run concurrently. */
    private final ArrayDeque<Object[]> heldMessages = new ArrayDeque<>();

    /** @param channelExpected false for a spawned child (no channel: send fails, connected is false) */
    protected IpcEndpoint(Executor executor, boolean channelExpected) {
        this.events = new SerialExecutor(executor);
        this.state = channelExpected ? State.CONNECTING : State.NONE;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    // ---- sending ------------------------------------------------------------------------------------------------

    /** {@code send(message)}: true once written (or queued before the peer connected), false if the channel is closed. */
    public boolean send(Object message) {
        return send(message, null, null);
    }

    /** {@code send(message, sendHandle)}: the socket travels with the message; the sender's copy is closed after. */
    public boolean send(Object message, Handle handle) {
        return send(message, handle, null);
    }

    /**
     * {@code send(message, sendHandle, callback)}. The callback gets null once the frame is written, or the error; with
     * no callback an error goes to the 'error' event, as in Node. Returns false if the channel is closed.
     *
     * @throws IllegalArgumentException if the message cannot be written as JSON (Node throws too)
     */
    public boolean send(Object message, Handle handle, Consumer<Throwable> callback) {
        Object wire = message;
        if (handle != null) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("cmd", IpcChannel.HANDLE_CMD);
            wrapped.put("type", handle.type().wireName());
            wrapped.put("msg", message);
            wire = wrapped;
        }
        return sendFrame(FrameCodec.encode(wire), handle, callback);
    }

    /** Sends one already-encoded frame (the bytes must end with a newline). Tests use it to send malformed frames. */
    boolean sendFrame(ByteBuffer frame, Handle handle, Consumer<Throwable> callback) {
        IpcChannel target;
        synchronized (stateLock) {
            switch (state) {
                case CONNECTING -> {
                    beforeConnect.add(new Queued(frame, handle, callback));
                    return true;
                }
                case CONNECTED -> target = channel;
                case NONE -> {
                    failSend(new IpcException("ERR_IPC_NO_CHANNEL", "this process has no IPC channel", null), callback);
                    return false;
                }
                default -> {
                    failSend(IpcException.channelClosed(null), callback);
                    return false;
                }
            }
        }
        return write(target, new Queued(frame, handle, callback));
    }

    private boolean write(IpcChannel target, Queued queued) {
        try {
            target.write(queued.frame(), queued.handle());
        } catch (IOException e) {
            target.close(); // a failed write leaves the stream mid-frame: nothing can follow it
            failSend(IpcException.channelClosed(e), queued.callback());
            return false;
        }
        if (queued.handle() != null) {
            try {
                queued.handle().sent();
            } catch (IOException ignored) {
                // closing our copy failed: the child has its own, which is what matters
            }
        }
        if (queued.callback() != null) {
            events.execute(() -> queued.callback().accept(null));
        }
        return true;
    }

    private void failSend(IpcException error, Consumer<Throwable> callback) {
        events.execute(() -> {
            if (callback != null) {
                callback.accept(error);
            } else {
                emit("error", error);
            }
        });
    }

    /** {@code connected}: true until the channel closes or {@link #disconnect()} is called (also while connecting). */
    public boolean connected() {
        synchronized (stateLock) {
            return state == State.CONNECTING || state == State.CONNECTED;
        }
    }

    /**
     * {@code disconnect()}: closes the channel; both sides then emit 'disconnect' and the processes go on. Calling it
     * when not connected emits 'error' ({@code ERR_IPC_DISCONNECTED}), as Node does.
     */
    public void disconnect() {
        IpcChannel toClose;
        boolean neverConnected;
        synchronized (stateLock) {
            if (state != State.CONNECTING && state != State.CONNECTED) {
                events.execute(() -> emit("error", new IpcException("ERR_IPC_DISCONNECTED", "IPC channel is already disconnected", null)));
                return;
            }
            neverConnected = state == State.CONNECTING;
            state = State.CLOSED;
            toClose = channel;
        }
        if (neverConnected) {
            failQueued();
            emitOneShot("disconnect");
        } else {
            toClose.close(); // the reader sees the end and emits 'disconnect'
        }
    }

    // ---- events ---------------------------------------------------------------------------------------------------

    @Override
    public T on(String event, Listener listener) {
        register(event, listener, false);
        return self();
    }

    @Override
    public T once(String event, Listener listener) {
        register(event, listener, true);
        return self();
    }

    @Override
    public T off(String event, Listener listener) {
        super.off(event, listener);
        listenersChanged();
        return self();
    }

    @Override
    public T removeAllListeners(String event) {
        super.removeAllListeners(event);
        listenersChanged();
        return self();
    }

    /**
     * Typed 'message' listener: {@code (message, handle)}, handle null unless a socket came with it. (Not an overload
     * of onMessage: {@code onMessage(list::add)} would be ambiguous.)
     */
    public T onMessageWithHandle(BiConsumer<Object, Handle> listener) {
        return on("message", args -> listener.accept(args[0], (Handle) args[1]));
    }

    /** Typed 'message' listener for messages without a handle. */
    public T onMessage(Consumer<Object> listener) {
        return on("message", args -> listener.accept(args[0]));
    }

    public T onError(Consumer<Throwable> listener) {
        return on("error", args -> listener.accept((Throwable) args[0]));
    }

    public T onDisconnect(Runnable listener) {
        return on("disconnect", args -> listener.run());
    }

    private void register(String event, Listener listener, boolean once) {
        Object[] past = null;
        synchronized (oneShotLock) {
            if (ONE_SHOT.contains(event)) {
                past = fired.get(event);
            }
            if (past == null) {
                if (once) {
                    super.once(event, listener);
                } else {
                    super.on(event, listener);
                }
            }
        }
        if (past != null) {
            Object[] args = past;
            events.execute(() -> listener.call(args));
        }
        if ("message".equals(event)) {
            events.execute(this::releaseHeldMessages);
        }
        listenersChanged();
    }

    /** Emits a one-shot event on the event executor; listeners added later get it too (see the class comment). */
    protected final void emitOneShot(String event, Object... args) {
        events.execute(() -> {
            List<Listener> snapshot;
            synchronized (oneShotLock) {
                if (fired.containsKey(event)) {
                    return;
                }
                fired.put(event, args);
                snapshot = listeners(event);
                super.removeAllListeners(event); // it never fires again; late listeners are called by register()
            }
            for (Listener l : snapshot) {
                l.call(args);
            }
        });
    }

    /** Called after listeners were added or removed (ParentPort keeps the JVM alive while someone listens). */
    protected void listenersChanged() {}

    // ---- the channel ----------------------------------------------------------------------------------------------

    /**
     * The peer connected: flush what was sent meanwhile, in order, and send directly from now on. Returns false if
     * {@link #disconnect()} came first (the channel is then closed).
     */
    protected final boolean attach(IpcChannel connected) {
        synchronized (stateLock) {
            if (state != State.CONNECTING) {
                connected.close();
                return false;
            }
            channel = connected;
            for (Queued q : beforeConnect) {
                write(connected, q);
            }
            beforeConnect.clear();
            state = State.CONNECTED;
            return true;
        }
    }

    /** Reads the attached channel on this (platform) thread until it ends, turning what arrives into events. */
    protected final void read(IpcChannel connected) {
        connected.run(new IpcChannel.Receiver() {
            @Override
            public void message(Object message, Handle handle) {
                route(message, handle);
            }

            @Override
            public void frameError(RuntimeException error) {
                events.execute(() -> emit("error", error));
            }

            @Override
            public void closed(IOException cause) {
                synchronized (stateLock) {
                    state = State.CLOSED;
                }
                emitOneShot("disconnect");
                channelClosed(cause);
            }
        });
    }

    /** The peer never connected (it exited first): fail what was queued, and report the channel closed. */
    protected final void channelNeverConnected() {
        synchronized (stateLock) {
            if (state != State.CONNECTING) {
                return;
            }
            state = State.CLOSED;
        }
        failQueued();
        emitOneShot("disconnect");
    }

    private void failQueued() {
        List<Queued> failed;
        synchronized (stateLock) {
            failed = new ArrayList<>(beforeConnect);
            beforeConnect.clear();
        }
        failed.forEach(q -> failSend(IpcException.channelClosed(null), q.callback()));
    }

    /** Reader thread: an internal message, before it is queued as an event (ChildProcess reads exit reports here). */
    protected void internalFrame(Map<?, ?> message) {}

    /** Reader thread, once: the channel ended (after 'disconnect' was queued). */
    protected void channelClosed(IOException cause) {}

    private void route(Object message, Handle handle) {
        if (message instanceof Map<?, ?> map && map.get("cmd") instanceof String cmd && cmd.startsWith(INTERNAL_PREFIX)) {
            internalFrame(map);
            events.execute(() -> emit("internalMessage", message, handle)); // a handle travels with it (the cluster's)
            return;
        }
        events.execute(() -> deliverMessage(message, handle));
    }

    private void deliverMessage(Object message, Handle handle) {
        if (listenerCount("message") == 0) {
            if (heldMessages.size() == MAX_HELD_MESSAGES) {
                heldMessages.poll(); // nobody listens: beyond the bound, drop the oldest as Node drops them all
            }
            heldMessages.add(new Object[] {message, handle});
            return;
        }
        releaseHeldMessages();
        emit("message", message, handle);
        listenersChanged(); // a once('message') listener may have gone
    }

    private void releaseHeldMessages() {
        while (!heldMessages.isEmpty() && listenerCount("message") > 0) {
            emit("message", heldMessages.poll());
        }
    }
}
