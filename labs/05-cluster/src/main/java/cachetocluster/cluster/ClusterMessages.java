package cachetocluster.cluster;

import cachetocluster.child.EventEmitter;
import cachetocluster.child.Handle;
import cachetocluster.child.IpcEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The cluster's own messages between primary and workers: Node's lib/internal/cluster/utils.js. They are lab 04
 * internal messages ({@code cmd} starts with {@code C2C_}), so they never reach your 'message' listeners:
 *
 * <pre>
 * worker to primary                                   primary to worker
 * {cmd:C2C_CLUSTER, act:online}
 * {cmd:C2C_CLUSTER, act:queryServer, seq:1,           {cmd:C2C_CLUSTER, ack:1, key, policy, sockname, errno}
 *    address, port, index}                               (+ the listening socket, for the shared handle)
 * {cmd:C2C_CLUSTER, act:listening, key, address, port}
 *                                                     {cmd:C2C_CLUSTER, act:newconn, key, seq:7} + a connection
 * {cmd:C2C_CLUSTER, ack:7, accepted:true|false}
 * {cmd:C2C_CLUSTER, act:close, key}
 * {cmd:C2C_CLUSTER, act:exitedAfterDisconnect, seq:2} {cmd:C2C_CLUSTER, ack:2}
 *                                                     {cmd:C2C_CLUSTER, act:disconnect}
 * </pre>
 *
 * <p>A request carries a {@code seq}; the answer carries it back as {@code ack} and goes to the callback given with
 * the request instead of the general handler (Node keeps one callback map per process; here there is one per
 * channel, so a dead worker's unanswered callbacks go with it).
 */
final class ClusterMessages {

    static final String CMD = "C2C_CLUSTER";

    /** What arrived: the message and the socket that came with it, if any. */
    @FunctionalInterface
    interface Receiver extends BiConsumer<Map<?, ?>, Handle> {}

    private final IpcEndpoint<?> endpoint;
    private final AtomicLong seq = new AtomicLong();
    private final Map<Long, Receiver> callbacks = new ConcurrentHashMap<>();

    ClusterMessages(IpcEndpoint<?> endpoint) {
        this.endpoint = endpoint;
    }

    /** A message of the cluster's: {@code {cmd: C2C_CLUSTER, ...fields}}. */
    static Map<String, Object> message(Object... keysAndValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("cmd", CMD);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            message.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return message;
    }

    /** Sends {@code message} (with {@code handle}, may be null); false if the channel is closed. */
    boolean send(Map<String, Object> message, Handle handle) {
        return endpoint.connected() && endpoint.send(message, handle);
    }

    /** Sends {@code message} with a fresh {@code seq}; the reply that acks it goes to {@code onReply}. */
    boolean request(Map<String, Object> message, Handle handle, Receiver onReply) {
        long n = seq.incrementAndGet();
        message.put("seq", n);
        callbacks.put(n, onReply);
        if (!send(message, handle)) {
            callbacks.remove(n);
            return false;
        }
        return true;
    }

    /** Replies to {@code request}: {@code {cmd, ack: request.seq, ...fields}}. */
    boolean reply(Map<?, ?> request, Handle handle, Object... keysAndValues) {
        Map<String, Object> answer = message(keysAndValues);
        answer.put("ack", request.get("seq"));
        return send(answer, handle);
    }

    /** Listens for the cluster's internal messages on the endpoint: acks to their callbacks, the rest to {@code other}. */
    void listen(Receiver other) {
        endpoint.on("internalMessage", (EventEmitter.Listener) args -> {
            if (!(args[0] instanceof Map<?, ?> message) || !CMD.equals(message.get("cmd"))) {
                return; // another library's internal message (lab 04's RPC, say)
            }
            Handle handle = args.length > 1 ? (Handle) args[1] : null;
            Receiver target = other;
            if (message.get("ack") instanceof Number ack) {
                Receiver callback = callbacks.remove(ack.longValue());
                if (callback != null) {
                    target = callback;
                }
            }
            target.accept(message, handle);
        });
    }
}
