package cachetocluster.load;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * What a load loop needs from an event loop, and no more: watch sockets, call back when they are ready, and call
 * {@link Tick} when it asked to be woken. Two implementations, so the same client can be measured on both:
 * {@link LeanReactor} (a bare {@code Selector} loop, the default) and {@link EventLoopReactor} (lab 03's
 * Node-style {@code EventLoop}). /work/notes/lab06-engine-why.md has the figures.
 *
 * <p>Everything except {@link #wakeup()} is called on the loop's own thread.
 */
interface Reactor extends AutoCloseable {

    /** A socket's callback: {@code readyOps} are {@code SelectionKey.OP_READ} and friends. */
    @FunctionalInterface
    interface Ready {
        void ready(int readyOps);
    }

    /** The loop's clock work: called at the start, at (or soon after) each time it returned, and after {@link #wakeup()}. */
    @FunctionalInterface
    interface Tick {
        /** Returns the {@link System#nanoTime()} at which to be called next ({@link Long#MAX_VALUE}: only on wakeup). */
        long tick(long nowNanos);
    }

    /** A watched socket. */
    interface Registration {
        /** What to watch for; unchanged values cost nothing. */
        void interestOps(int ops);

        /** Stops watching and closes the socket. */
        void close();
    }

    Registration register(SocketChannel channel, int ops, Ready ready) throws IOException;

    /** Runs until {@link #stop()}. */
    void run(Tick tick);

    /** Makes {@link #run} return after the current callback. Loop thread only. */
    void stop();

    /** Calls the tick soon; from any thread. */
    void wakeup();

    @Override
    void close();

    /** Which loop to run on. */
    enum Kind {
        LEAN, LAB03;

        Reactor create() throws IOException {
            return this == LEAN ? new LeanReactor() : new EventLoopReactor();
        }
    }
}
