package cachetocluster.eventloop;

/**
 * Told how long every callback ran, including the nextTicks and microtasks it queued (they ran before the loop
 * could do anything else, so they count against it). {@link DelayMonitor} uses it to name callbacks that block
 * the loop. One observer per loop, installed with {@link EventLoop#observeCallbacks}.
 */
@FunctionalInterface
public interface CallbackObserver {

    void callbackFinished(Object callback, long nanos);
}
