package cachetocluster.child;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order they were submitted, on an underlying executor: the events of one child
 * never run concurrently and never overtake each other ('message's before 'disconnect' before 'exit' before 'close'),
 * whichever threads produce them.
 *
 * <p>By default each drain of the queue runs on a pooled daemon platform thread, never on the channel's reader thread.
 * That matters because {@code send} writes synchronously: if listeners ran on the reader thread, two processes whose
 * listeners both send could each block writing into a full socket buffer while neither reads, for ever (Node cannot
 * deadlock so: its writes queue in memory). With the reader always reading, a blocked writer is only back-pressure.
 * Why not virtual threads: junixsocket puts a socket into non-blocking mode while a virtual thread uses it, and that
 * mode belongs to the socket, not the thread, so the reader's blocking read would fail meanwhile (see IpcChannel). With
 * {@link #DIRECT} ({@code Runnable::run}) the thread that submits runs the queue itself: no thread hop, the lowest
 * latency, for listeners that never send much. With an {@code EventLoop} (lab 03), every event runs on the loop
 * thread, as in Node.
 *
 * <p>A listener that throws must not stop the queue. With DIRECT the exception goes to the running thread's
 * uncaught-exception handler (it is printed, as Node prints an uncaught exception, but the JVM lives on); otherwise it
 * is rethrown in a task of its own on the underlying executor, so an EventLoop reports it its own way and a pool
 * thread prints it.
 *
 * <p>One exception is not a bug: an exercise stub's {@code UnsupportedOperationException("TODO: ...")}, which says
 * which method to write. A stack trace above that line only buries it, so it is printed as that one line, once per
 * message, whatever the executor; the channel's reader threads and a forked child's main thread report it so too
 * ({@link #uncaught}). {@code -Dc2c.fullTraces=true} prints the whole trace instead, as for any other exception.
 */
final class SerialExecutor implements Executor {

    /** Run events on the thread that produced them (the reader thread, for messages). */
    static final Executor DIRECT = Runnable::run;
    /** The default: pooled daemon platform threads, so the reader thread only reads. */
    static final Executor POOLED = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().name("c2c-events-", 0).daemon(true)
                    .uncaughtExceptionHandler(SerialExecutor::uncaught).factory());
    /** The stubs' messages already printed: a stub throws at every event, and once is enough to say it. */
    private static final Set<String> TODOS_SAID = ConcurrentHashMap.newKeySet();

    private volatile Executor underlying;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialExecutor(Executor underlying) {
        this.underlying = underlying == null ? POOLED : underlying;
    }

    /** Runs later events on {@code executor} (null: the default); order is kept across the switch. */
    void setUnderlying(Executor executor) {
        this.underlying = executor == null ? POOLED : executor;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            underlying.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    report(t);
                }
            }
            draining.set(false);
            // A task may have been added after the last poll and before the flag dropped: take it over if nobody did.
        } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
    }

    private void report(Throwable t) {
        if (saidInOneLine(t)) {
            return;
        }
        if (underlying != DIRECT) {
            try {
                underlying.execute(() -> {
                    if (t instanceof RuntimeException r) {
                        throw r;
                    }
                    if (t instanceof Error e) {
                        throw e;
                    }
                    throw new UnhandledErrorException(t);
                });
                return;
            } catch (Throwable ranInline) {
                // an executor that runs tasks in place (Runnable::run) threw it right back, or it is shut down
            }
        }
        Thread self = Thread.currentThread();
        self.getUncaughtExceptionHandler().uncaughtException(self, t);
    }

    /**
     * The uncaught-exception handler of the toolkit's own threads (event threads, channel readers) and of a forked
     * child's main thread: a stub's TODO in one line, anything else as the JVM prints it (the thread group's handler).
     */
    static void uncaught(Thread thread, Throwable t) {
        if (!saidInOneLine(t)) {
            thread.getThreadGroup().uncaughtException(thread, t);
        }
    }

    /** An exercise stub's TODO: printed as its one line (each message once), true; anything else: false. */
    static boolean saidInOneLine(Throwable t) {
        if (!isExerciseStub(t) || Boolean.getBoolean("c2c.fullTraces")) {
            return false;
        }
        if (TODOS_SAID.add(t.getMessage())) {
            System.err.println(t.getMessage());
        }
        return true;
    }

    /** What an exercise stub throws: {@code UnsupportedOperationException("TODO: EventEmitter.on, lab 04 task 4 ...")}. */
    static boolean isExerciseStub(Throwable t) {
        return t instanceof UnsupportedOperationException && t.getMessage() != null && t.getMessage().startsWith("TODO:");
    }
}
