package cachetocluster.eventloop;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * libuv's threadpool (src/threadpool.c): a few threads that run blocking work, so the loop thread never does.
 *
 * <p>Node sends file system calls, DNS lookups ({@code dns.lookup}), zlib and crypto work here: the kernel has
 * no readiness notification for a regular file, so "non-blocking" {@code fs.readFile} is really a blocking
 * {@code read(2)} on a pool thread. The mechanism is small: one queue, N threads taking from it, and for each
 * finished job a completion posted back to the loop ({@code uv_async_send}), whose callback then runs on the
 * loop thread like any other. While a job is out, the loop stays alive (an active request, libuv's
 * {@code active_reqs}), which is why a pending {@code fs.readFile} keeps a Node process running.
 *
 * <p>Size: 4 threads by default, as libuv; {@code UV_THREADPOOL_SIZE} there, the {@value #SIZE_ENV} environment
 * variable here (or the {@value #SIZE_PROPERTY} system property, or the constructor argument), clamped to
 * 1..{@value #MAX_SIZE} as libuv does. Four is small on
 * purpose: the pool is for short blocking calls. Four slow jobs (say, four {@code crypto.pbkdf2}) make a fifth,
 * even a tiny file read, wait its turn; the lab measures it.
 *
 * <p>The threads start on the first {@link #submit}, as in libuv, and are daemon threads: a forgotten pool does
 * not keep the JVM alive.
 */
public final class WorkerPool implements AutoCloseable {

    public static final int DEFAULT_SIZE = 4;
    public static final int MAX_SIZE = 1024;
    public static final String SIZE_ENV = "C2C_THREADPOOL_SIZE";
    public static final String SIZE_PROPERTY = "c2c.threadpool.size";

    private final EventLoop loop;
    private final int size;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private Thread[] threads;
    private volatile boolean closed;

    /** A pool of {@link #configuredSize()} threads. */
    public WorkerPool(EventLoop loop) {
        this(loop, configuredSize());
    }

    public WorkerPool(EventLoop loop, int size) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("pool size must be 1.." + MAX_SIZE + ", was " + size);
        }
        this.size = size;
    }

    /** The size from the system property {@value #SIZE_PROPERTY}, else {@value #SIZE_ENV}, else {@value #DEFAULT_SIZE}. */
    public static int configuredSize() {
        return sizeFrom(System.getProperty(SIZE_PROPERTY, System.getenv(SIZE_ENV)));
    }

    /** libuv's rule: unset or unparsable means the default; 0 means 1; more than the maximum means the maximum. */
    static int sizeFrom(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            long n = Long.parseLong(value.strip());
            return Math.clamp(n, 1, MAX_SIZE);
        } catch (NumberFormatException e) {
            return DEFAULT_SIZE;
        }
    }

    public int size() {
        return size;
    }

    /**
     * Runs {@code work} on a pool thread, then {@code callback} on the loop thread with its result or the
     * exception it threw. Call it on the loop thread (or before the loop runs), like any loop API.
     */
    public <T> void submit(Callable<? extends T> work, Callback<? super T> callback) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(callback, "callback");
        loop.checkThread("submit()");
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        start();
        loop.beginRequest();
        queue.add(() -> {
            T value = null;
            Throwable error = null;
            try {
                value = work.call();
            } catch (Throwable e) {
                error = e;
            }
            T result = value;
            Throwable failure = error;
            // The completion travels to the loop like any posted task; the callback runs there, never here.
            try {
                loop.execute(() -> {
                    loop.endRequest();
                    callback.done(failure, result);
                });
            } catch (RejectedExecutionException loopClosed) {
                // The loop was closed while the job ran: there is no thread left to call back on.
            }
        });
    }

    private void start() {
        if (threads != null) {
            return;
        }
        threads = new Thread[size];
        for (int i = 0; i < size; i++) {
            threads[i] = Thread.ofPlatform().daemon().name("c2c-worker-" + (i + 1)).start(this::work);
        }
    }

    private void work() {
        while (!closed) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                return; // close() interrupts: the pool is going away
            }
        }
    }

    /** Stops the threads; queued work that has not started is dropped. */
    @Override
    public void close() {
        closed = true;
        if (threads != null) {
            for (Thread t : threads) {
                t.interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "WorkerPool[size=" + size + ", queued=" + queue.size() + "]";
    }
}
