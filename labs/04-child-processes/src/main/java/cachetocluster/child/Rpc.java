package cachetocluster.child;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Request and reply over an IPC channel, built on {@link RequestTracker}: {@code rpc.request(body, timeout)} on one
 * side, {@code rpc.serve(body -> answer)} on the other. Node's cluster module does the same with internal messages
 * carrying {@code seq} and {@code ack}; here they are internal messages too, so they never reach 'message' listeners:
 * <pre>{@code
 * {"cmd":"C2C_RPC","id":7,"body":...}            request
 * {"cmd":"C2C_RPC_REPLY","id":7,"body":...}      reply
 * {"cmd":"C2C_RPC_REPLY","id":7,"error":"..."}   the handler threw
 * }</pre>
 * Requests fail with a TimeoutException after their timeout, and all at once when the channel closes. Both sides
 * may request and serve at the same time.
 */
public final class Rpc {

    static final String REQUEST = "C2C_RPC";
    static final String REPLY = "C2C_RPC_REPLY";

    /** The other side's handler threw: its message, as text. */
    public static final class RemoteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteException(String message) {
            super(message);
        }
    }

    private final IpcEndpoint<?> port;
    private final RequestTracker tracker = new RequestTracker(System::nanoTime);
    private volatile Function<Object, Object> handler;

    private Rpc(IpcEndpoint<?> port) {
        this.port = port;
        port.on("internalMessage", args -> received((Map<?, ?>) args[0]));
        port.on("disconnect", args -> tracker.failAll(IpcException.channelClosed(null)));
    }

    /** Request/reply over this endpoint: a ChildProcess in the parent, {@code Parent.port()} in the child. */
    public static Rpc over(IpcEndpoint<?> port) {
        return new Rpc(port);
    }

    /** Sends {@code body} and completes with the other side's answer, or fails (timeout, closed, remote error). */
    public CompletableFuture<Object> request(Object body, Duration timeout) {
        RequestTracker.Pending pending = tracker.begin(timeout);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("cmd", REQUEST);
        message.put("id", pending.id());
        message.put("body", body);
        port.send(message, null, error -> {
            if (error != null) {
                tracker.fail(pending.id(), error);
            }
        });
        CompletableFuture.delayedExecutor(timeout.toNanos() + 1, TimeUnit.NANOSECONDS).execute(tracker::expireOverdue);
        return pending.reply();
    }

    /** Answers the other side's requests with {@code handler} (on this endpoint's event thread). */
    public Rpc serve(Function<Object, Object> handler) {
        this.handler = handler;
        return this;
    }

    /** The correlation state, for inspection: pending count, late and unknown replies. */
    public RequestTracker tracker() {
        return tracker;
    }

    private void received(Map<?, ?> message) {
        Object cmd = message.get("cmd");
        if (REQUEST.equals(cmd)) {
            answer(message.get("id"), message.get("body"));
        } else if (REPLY.equals(cmd) && message.get("id") instanceof Number id) {
            if (message.containsKey("error")) {
                tracker.fail(id.longValue(), new RemoteException(String.valueOf(message.get("error"))));
            } else {
                tracker.complete(id.longValue(), message.get("body"));
            }
        }
    }

    private void answer(Object id, Object body) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("cmd", REPLY);
        reply.put("id", id);
        Function<Object, Object> serving = handler;
        try {
            if (serving == null) {
                throw new IllegalStateException("no handler: call serve(...) on this side");
            }
            reply.put("body", serving.apply(body));
        } catch (RuntimeException e) {
            reply.put("error", e.toString());
        }
        port.send(reply);
    }
}
