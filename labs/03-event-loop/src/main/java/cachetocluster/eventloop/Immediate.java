package cachetocluster.eventloop;

/**
 * What {@code setImmediate} returns: a callback queued for the check phase of the loop, right after poll.
 * Node's {@code Immediate} object; {@code clearImmediate} takes it back.
 */
public final class Immediate extends Handle {

    final Runnable callback;

    Immediate(EventLoop loop, Runnable callback) {
        super(loop);
        this.callback = callback;
    }

    @Override
    public Immediate ref() {
        reference(true);
        return this;
    }

    @Override
    public Immediate unref() {
        reference(false);
        return this;
    }

    @Override
    public String toString() {
        return "setImmediate(" + callback + ")";
    }
}
