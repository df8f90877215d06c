package cachetocluster.eventloop;

import java.io.IOException;

/**
 * The callback of a registered channel: libuv's {@code uv__io_cb}, run in the poll phase when the selector
 * reports the channel ready. {@code readyOps} holds {@link java.nio.channels.SelectionKey#OP_READ} and friends.
 *
 * <p>An exception that escapes goes to the loop's uncaught-exception handler. The channel stays registered:
 * a handler that throws before it reads will be called again at once (the selector is level-triggered), so
 * handle I/O errors here, as a Node {@code 'error'} listener would.
 */
@FunctionalInterface
public interface IoHandler {

    void onReady(IoHandle handle, int readyOps) throws IOException;
}
