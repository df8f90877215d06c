package cachetocluster.child;

/**
 * An IPC failure with Node's error code: {@code ERR_IPC_CHANNEL_CLOSED} (send after the channel closed),
 * {@code ERR_IPC_DISCONNECTED} (disconnect when not connected), {@code ERR_IPC_NO_CHANNEL} (no channel at all: a
 * spawned child, or a process that was not forked), {@code ERR_IPC_HANDLE} (a handle that could not be received).
 */
public final class IpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public IpcException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    static IpcException channelClosed(Throwable cause) {
        return new IpcException("ERR_IPC_CHANNEL_CLOSED", "Channel closed", cause);
    }

    /** Node's error code. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " [" + code + "]: " + getMessage();
    }
}
