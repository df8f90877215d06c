package cachetocluster.load;

import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.IoHandle;
import cachetocluster.eventloop.Timer;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The load loop on lab 03's {@link EventLoop}: each socket an {@link IoHandle}, the tick a {@code setTimeout}
 * re-armed for whatever deadline it returns. Everything the Node-style loop does per turn (timers, pending,
 * check and close phases, microtask drains after each callback) runs for a load generator that needs none of
 * it; {@code --loop lab03} measures what that costs (see /work/notes/lab06-engine-why.md).
 */
final class EventLoopReactor implements Reactor {

    private final EventLoop loop = EventLoop.create();
    private Tick tick;
    private Timer timer;
    private long armedFor = Long.MAX_VALUE;
    private boolean tickQueued;

    EventLoopReactor() {
        // Our callbacks catch their own errors; anything that escapes is a bug and should stop the run loudly.
        loop.setUncaughtExceptionHandler((error, callback, l) -> {
            error.printStackTrace();
            l.stop();
        });
    }

    @Override
    public Registration register(SocketChannel channel, int ops, Ready ready) {
        IoHandle handle = loop.register(channel, ops, (h, readyOps) -> ready.ready(readyOps));
        return new Registration() {
            @Override
            public void interestOps(int newOps) {
                if (!handle.isClosing()) handle.interestOps(newOps);
            }

            @Override
            public void close() {
                handle.close();
            }
        };
    }

    @Override
    public void run(Tick tick) {
        this.tick = tick;
        loop.setImmediate(this::runTick);
        loop.run();
    }

    private void onTimer() {
        timer = null;
        armedFor = Long.MAX_VALUE;
        runTick();
    }

    private void runTick() {
        tickQueued = false;
        arm(tick.tick(System.nanoTime()));
    }

    private void arm(long next) {
        if (timer != null && next == armedFor) return;
        loop.clearTimeout(timer);
        timer = null;
        armedFor = next;
        if (next != Long.MAX_VALUE) {
            long ms = Math.max(1, (next - System.nanoTime() + 999_999) / 1_000_000);
            timer = loop.setTimeout(this::onTimer, ms);
        }
    }

    @Override
    public void stop() {
        loop.clearTimeout(timer);
        loop.stop();
    }

    @Override
    public void wakeup() {
        if (loop.isLoopThread()) {
            if (!tickQueued) {
                tickQueued = true;
                loop.setImmediate(this::runTick);
            }
        } else {
            try {
                loop.execute(this::runTick);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The loop has finished and closed: there is nothing left to wake.
            }
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
