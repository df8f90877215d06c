package cachetocluster.eventloop;

/**
 * Something the event loop watches: a timer, a queued immediate, a registered channel. libuv's
 * {@code uv_handle_t}.
 *
 * <p>A handle is <em>active</em> while it has work to do (a timer that is scheduled, an immediate that has
 * not run, a channel with interest in reading or writing), and <em>referenced</em> unless {@code unref()}
 * was called. The loop keeps running while at least one handle is both, which is the whole of Node's
 * "the process exits when there is nothing left to do": {@code setTimeout(fn, 1e6).unref()} does not keep
 * the process alive, a listening server does. The loop counts such handles instead of scanning for them
 * (libuv's {@code active_handles}), so ref, unref, start and stop each adjust one counter.
 *
 * <p>Loop thread only, like everything on the loop except {@link EventLoop#execute}.
 */
public abstract sealed class Handle permits Timer, Immediate, IoHandle {

    final EventLoop loop;
    private boolean referenced = true;
    private boolean active;

    Handle(EventLoop loop) {
        this.loop = loop;
    }

    /** Node's {@code handle.ref()}: this handle keeps the loop alive again while it is active. */
    public abstract Handle ref();

    /** Node's {@code handle.unref()}: this handle alone no longer keeps the loop alive. */
    public abstract Handle unref();

    /** Node's {@code handle.hasRef()}. */
    public final boolean hasRef() {
        return referenced;
    }

    /** Whether the handle still has work to do: a scheduled timer, a queued immediate, a watched channel. */
    public final boolean isActive() {
        return active;
    }

    public final EventLoop loop() {
        return loop;
    }

    final void reference(boolean on) {
        loop.checkThread(on ? "ref()" : "unref()");
        if (on != referenced) {
            referenced = on;
            if (active) {
                loop.activeRefs += on ? 1 : -1;
            }
        }
    }

    final void activate() {
        if (!active) {
            active = true;
            if (referenced) {
                loop.activeRefs++;
            }
        }
    }

    final void deactivate() {
        if (active) {
            active = false;
            if (referenced) {
                loop.activeRefs--;
            }
        }
    }
}
