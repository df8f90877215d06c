package cachetocluster.eventloop;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A Node-style event loop: one thread, one {@link java.nio.channels.Selector}, and libuv's phases in libuv's order.
 *
 * <p>One turn of {@link #run()} (libuv's {@code uv_run}, src/unix/core.c):
 * <ol>
 *   <li><b>timers</b>: run every timer whose deadline has passed ({@code setTimeout}, {@code setInterval});</li>
 *   <li><b>pending callbacks</b>: I/O callbacks deferred from the last turn (libuv's {@code uv__io_feed}: a
 *       write that finished synchronously reports on the next turn, so a callback never re-enters the code
 *       that started the write);</li>
 *   <li><b>idle, prepare</b>: libuv runs {@code uv_idle_t}/{@code uv_prepare_t} handles here. Node uses them
 *       only internally, to keep the poll from sleeping while immediates wait; {@link #pollTimeout()} does that
 *       directly, so this loop has nothing to run here;</li>
 *   <li><b>poll</b>: {@code Selector.select}, for as long as nothing else can happen: until the next timer, not
 *       at all if immediates or deferred callbacks wait, for ever if only I/O can wake us. Then the I/O
 *       callbacks of ready channels, and the tasks other threads posted with {@link #execute};</li>
 *   <li><b>check</b>: {@code setImmediate} callbacks, those queued before this phase began;</li>
 *   <li><b>close callbacks</b>: what {@link IoHandle#close(Runnable)} asked for, Node's {@code 'close'} events.</li>
 * </ol>
 * After <em>every</em> callback the nextTick queue and then the microtask queue are drained (Node 11 and
 * later; see {@link MicrotaskQueue}). That is why {@code setImmediate} always beats {@code setTimeout(fn, 0)}
 * when both are set in an I/O callback: check comes right after poll, timers only on the next turn.
 *
 * <p>{@link #run()} returns when nothing can happen any more: no active referenced handle (timer, immediate,
 * watched channel), no work on the {@link WorkerPool}, no deferred or close callback, no posted task. That is
 * exactly when a Node process exits on its own.
 *
 * <p>Threads: everything here belongs to the loop thread (the one inside {@link #run()}; before {@code run()},
 * the thread that sets the loop up, as Node's main script does). Other threads hand work over with
 * {@link #execute}, which wakes the selector; calls from the wrong thread fail loudly instead of racing.
 *
 * <p>Exceptions: a callback that throws does not kill the loop thread. The exception goes to the
 * {@link UncaughtExceptionHandler}; by default one line is printed and the loop stops, as Node prints and exits.
 *
 * <p>The selector comes from the {@link SelectorProvider} given to the constructor, never from the JDK default
 * (see {@link IoPoller}).
 */
public final class EventLoop implements Executor, AutoCloseable {

    /** A callback with a name, for reports: {@code setTimeout(named("flush cache", this::flush), 100)}. */
    public static Runnable named(String name, Runnable task) {
        return new Named(name, task);
    }

    /** Node's maximum timer delay, 2^31 - 1 ms; longer (or shorter than 1 ms) delays become 1 ms, as in Node. */
    public static final long TIMEOUT_MAX = Integer.MAX_VALUE;

    private final SelectorProvider provider;
    private final IoPoller poller;
    private final long origin = System.nanoTime();
    private long now;

    private final Timers timers = new Timers();
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private final ArrayDeque<Immediate> immediates = new ArrayDeque<>();
    private final ArrayDeque<Runnable> closing = new ArrayDeque<>();
    private final MicrotaskQueue microtasks = new MicrotaskQueue();
    private final Async async;

    /** Active and referenced handles (libuv's active_handles minus the unref'd ones). */
    int activeRefs;
    /** Work on the pool whose completion has not run yet (libuv's active_reqs). */
    private int activeRequests;
    private volatile boolean stopRequested;
    private volatile Thread thread;
    private volatile boolean closed;
    private UncaughtExceptionHandler uncaughtHandler = UncaughtExceptionHandler.printAndStop(System.err);
    private CallbackObserver observer;
    private WorkerPool workerPool;

    public EventLoop(SelectorProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.poller = new IoPoller(provider, this::dispatch);
        this.async = new Async(poller.selector());
        updateTime();
    }

    /** A loop on the JDK's default provider (epoll on Linux). */
    public static EventLoop create() {
        return new EventLoop(SelectorProvider.provider());
    }

    public SelectorProvider provider() {
        return provider;
    }

    /** Loop time in milliseconds, cached at the start of each turn (libuv's {@code uv_now}). */
    public long now() {
        return now;
    }

    /** libuv's {@code uv_update_time}. */
    public void updateTime() {
        now = (System.nanoTime() - origin) / 1_000_000;
    }

    // ---- timers ------------------------------------------------------------------------------------------

    /** Node's {@code setTimeout(callback, ms)}. */
    public Timer setTimeout(Runnable callback, long ms) {
        return schedule(new Timer(this, Objects.requireNonNull(callback, "callback"), clampDelay(ms), false));
    }

    /** Node's {@code setInterval(callback, ms)}: the next run is scheduled after each run, from loop time. */
    public Timer setInterval(Runnable callback, long ms) {
        return schedule(new Timer(this, Objects.requireNonNull(callback, "callback"), clampDelay(ms), true));
    }

    /** Node's {@code clearTimeout(timer)}: harmless on null, on a timer that fired, or twice. */
    public void clearTimeout(Timer timer) {
        if (timer != null) {
            checkThread("clearTimeout()");
            timers.cancel(timer);
        }
    }

    public void clearInterval(Timer timer) {
        clearTimeout(timer);
    }

    void refreshTimer(Timer timer) {
        clearTimeout(timer);
        schedule(timer);
    }

    private Timer schedule(Timer timer) {
        checkThread("setTimeout()");
        if (thread == null) {
            // Outside run() there is no turn whose cached time to use: take the clock now, as the first turn will.
            updateTime();
        }
        timers.schedule(timer, now);
        return timer;
    }

    private static long clampDelay(long ms) {
        return ms >= 1 && ms <= TIMEOUT_MAX ? ms : 1;
    }

    // ---- immediates, nextTick, microtasks, posted tasks ---------------------------------------------------

    /** Node's {@code setImmediate(callback)}: runs in the check phase, right after the next poll. */
    public Immediate setImmediate(Runnable callback) {
        checkThread("setImmediate()");
        Immediate immediate = new Immediate(this, Objects.requireNonNull(callback, "callback"));
        immediates.add(immediate);
        immediate.activate();
        return immediate;
    }

    /** Node's {@code clearImmediate}. The entry stays in the queue and is skipped when its turn comes. */
    public void clearImmediate(Immediate immediate) {
        if (immediate != null) {
            checkThread("clearImmediate()");
            immediate.deactivate();
        }
    }

    /** Node's {@code process.nextTick(task)}. */
    public void nextTick(Runnable task) {
        checkThread("nextTick()");
        microtasks.nextTick(task);
    }

    /** Node's {@code queueMicrotask(task)}. */
    public void queueMicrotask(Runnable task) {
        checkThread("queueMicrotask()");
        microtasks.queueMicrotask(task);
    }

    /**
     * Runs {@code task} on the loop thread, soon; callable from any thread. The task waits in a concurrent queue
     * and the selector is woken (libuv's {@code uv_async_send}). A queued task keeps the loop alive until it ran.
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new RejectedExecutionException("the event loop is closed");
        }
        async.post(task, Thread.currentThread() == thread);
    }

    /** Queues a callback for the pending phase of the next turn (libuv's {@code uv__io_feed}). */
    void defer(Runnable callback) {
        checkThread("defer()");
        pending.add(callback);
    }

    void closing(Runnable onClose) {
        closing.add(onClose == null ? () -> { } : onClose);
    }

    /** A registered channel was closed: its fd is released by the next select, or now if the loop is not running. */
    void channelClosed() {
        poller.channelClosed();
        if (thread == null) {
            poller.flushClosed();
        }
    }

    // ---- I/O ---------------------------------------------------------------------------------------------

    /**
     * Watches {@code channel} for {@code ops} ({@code SelectionKey.OP_READ} ...) and calls {@code handler} in the
     * poll phase when it is ready. The channel is switched to non-blocking mode; it must come from this loop's
     * provider.
     */
    public IoHandle register(SelectableChannel channel, int ops, IoHandler handler) {
        checkThread("register()");
        IoHandle handle = new IoHandle(this, channel, Objects.requireNonNull(handler, "handler"));
        handle.attach(poller.register(channel, ops, handle), ops);
        return handle;
    }

    /** libuv's threadpool for this loop, started on first use; {@link #close()} stops it. */
    public WorkerPool workerPool() {
        checkThread("workerPool()");
        if (workerPool == null) {
            workerPool = new WorkerPool(this);
        }
        return workerPool;
    }

    void beginRequest() {
        activeRequests++;
    }

    void endRequest() {
        activeRequests--;
    }

    // ---- running -----------------------------------------------------------------------------------------

    /** Runs turns until nothing referenced is left (Node's process would exit) or {@link #stop()} was called. */
    public void run() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        if (thread != null) {
            throw new IllegalStateException("run() is already running on thread '" + thread.getName() + "'");
        }
        thread = Thread.currentThread();
        try {
            updateTime();
            drainMicrotasks(); // what the main script queued runs before the first turn, as in Node
            while (!stopRequested && isAlive()) {
                updateTime();
                runTimers();
                runPending();
                poll(pollTimeout());
                runCheck();
                runClosing();
            }
        } finally {
            stopRequested = false;
            thread = null;
            poller.flushClosed(); // a stop() in the middle of a turn may have skipped the close phase
        }
    }

    /**
     * Makes {@link #run()} return as soon as the running callback has returned; callable from any thread. What
     * is still queued stays queued and runs if {@code run()} is called again. (libuv's {@code uv_stop} finishes
     * the current turn first; stopping at once is what a crash needs, and simpler to reason about.)
     */
    public void stop() {
        stopRequested = true;
        if (Thread.currentThread() != thread) {
            poller.wakeup();
        }
    }

    /** Whether some thread is inside {@link #run()}. */
    public boolean isRunning() {
        return thread != null;
    }

    public boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    public void setUncaughtExceptionHandler(UncaughtExceptionHandler handler) {
        this.uncaughtHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Installs the one observer of callback durations, or removes it with null. */
    public void observeCallbacks(CallbackObserver observer) {
        checkThread("observeCallbacks()");
        this.observer = observer;
    }

    /** Closes the selector, every channel still registered, and the worker pool. Not while running. */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("close the loop after run() has returned (stop() it first)");
        }
        if (closed) {
            return;
        }
        closed = true;
        if (workerPool != null) {
            workerPool.close();
        }
        poller.close();
    }

    private boolean isAlive() {
        return activeRefs > 0 || activeRequests > 0 || !pending.isEmpty() || !closing.isEmpty() || !async.isEmpty();
    }

    /** How long poll may block, in ms; -1 for ever. libuv's {@code uv_backend_timeout}. */
    private long pollTimeout() {
        if (stopRequested || !immediates.isEmpty() || !pending.isEmpty() || !closing.isEmpty() || !async.isEmpty()
                || !isAlive()) {
            return 0;
        }
        long deadline = timers.nextDeadline();
        return deadline == TimerHeap.NO_DEADLINE ? -1 : Math.max(0, deadline - now);
    }

    private void runTimers() {
        Timer timer;
        while (!stopRequested && (timer = timers.nextDue(now)) != null) {
            invoke(timer.callback(), timer);
            timers.ran(timer, now);
        }
    }

    private void runPending() {
        for (int n = pending.size(); n > 0 && !stopRequested; n--) {
            Runnable callback = pending.poll();
            invoke(callback, callback);
        }
    }

    private void poll(long timeoutMs) {
        poller.poll(timeoutMs);
        async.selected();
        updateTime();
        Runnable task;
        // A bounded batch: a thread that posts faster than we run cannot keep us in this phase for ever.
        for (int n = 0; n < 1024 && !stopRequested && (task = async.poll()) != null; n++) {
            invoke(task, task);
        }
    }

    private void dispatch(SelectionKey key) {
        if (stopRequested || !key.isValid()) {
            return; // not handled now: the selector is level-triggered and reports the key again next time
        }
        IoHandle handle = (IoHandle) key.attachment();
        CallbackObserver obs = observer;
        long start = obs == null ? 0 : System.nanoTime();
        try {
            handle.handler().onReady(handle, key.readyOps());
        } catch (Throwable e) {
            uncaught(e, handle.handler());
        }
        finishCallback(obs, handle.handler(), start);
    }

    private void runCheck() {
        // Only those queued before the phase began: an immediate that queues an immediate yields to I/O first.
        for (int n = immediates.size(); n > 0 && !stopRequested; n--) {
            Immediate immediate = immediates.poll();
            if (immediate.isActive()) {
                immediate.deactivate();
                invoke(immediate.callback, immediate);
            }
        }
    }

    private void runClosing() {
        for (int n = closing.size(); n > 0 && !stopRequested; n--) {
            Runnable callback = closing.poll();
            invoke(callback, callback);
        }
        poller.flushClosed();
        // flushClosed may have consumed a pending wakeup (its selectNow does). The task it was for is queued (the
        // next pollTimeout sees it) or already ran; either way "a wakeup is pending" is no longer true, and left set
        // it would make the next execute() from another thread skip its wakeup and wait for the poll's timeout.
        async.selected();
    }

    private void invoke(Runnable callback, Object label) {
        CallbackObserver obs = observer;
        long start = obs == null ? 0 : System.nanoTime();
        try {
            callback.run();
        } catch (Throwable e) {
            uncaught(e, label);
        }
        finishCallback(obs, label, start);
    }

    private void finishCallback(CallbackObserver obs, Object label, long start) {
        if (!microtasks.isEmpty()) {
            drainMicrotasks();
        }
        if (obs != null) {
            obs.callbackFinished(label, System.nanoTime() - start);
        }
    }

    private void drainMicrotasks() {
        while (!stopRequested && !microtasks.isEmpty()) {
            try {
                microtasks.drain();
            } catch (Throwable e) {
                uncaught(e, "a nextTick or microtask");
            }
        }
    }

    /** For code that catches a callback's exception itself (to clean up first) and still wants it reported. */
    void reportUncaught(Throwable error, Object callback) {
        uncaught(error, callback);
    }

    private void uncaught(Throwable error, Object callback) {
        try {
            uncaughtHandler.uncaught(error, callback, this);
        } catch (Throwable inHandler) {
            // Node exits with code 7 when the uncaughtException handler itself throws: nothing sane is left to do.
            UncaughtExceptionHandler.printAndStop(System.err).uncaught(inHandler, "the uncaught-exception handler", this);
        }
    }

    void checkThread(String what) {
        Thread owner = thread;
        if (owner != null && owner != Thread.currentThread()) {
            throw new IllegalStateException(what + " called on thread '" + Thread.currentThread().getName()
                    + "' but the loop runs on '" + owner.getName() + "': post it with loop.execute(...)");
        }
    }
}
