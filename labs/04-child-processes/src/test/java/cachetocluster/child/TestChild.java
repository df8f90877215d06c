package cachetocluster.child;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child the tests fork: it says hello with its pid, then obeys {"op": ...} messages. Everything it reports goes
 * back over the channel, so the tests need no stdout.
 */
public final class TestChild {

    private static Rpc rpc;

    private TestChild() {}

    /** The child's RPC handler: {"add":[a,b]} is a+b, {"fail":"why"} throws. */
    private static Object answer(Object body) {
        Map<?, ?> request = (Map<?, ?>) body;
        if (request.containsKey("fail")) {
            throw new IllegalArgumentException(String.valueOf(request.get("fail")));
        }
        List<?> add = (List<?>) request.get("add");
        return ((Number) add.get(0)).longValue() + ((Number) add.get(1)).longValue();
    }

    public static void main(String[] args) {
        if (List.of(args).contains("direct")) {
            Parent.port().dispatchOn(Runnable::run); // events on the reader thread: no hop (for latency measurements)
        }
        if (List.of(args).contains("linger")) {
            // Something besides the channel keeps this JVM alive, as a server would: only exit-on-disconnect ends it.
            Thread.ofPlatform().name("linger").daemon(false).start(() -> {
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Parent.on("error", a -> Parent.send(Map.of("childError", ((Throwable) a[0]).getMessage(),
                "kind", a[0] instanceof FrameException f ? f.kind().name() : "OTHER")));
        Parent.onMessageWithHandle((message, handle) -> {
            try {
                obey((Map<?, ?>) message, handle);
            } catch (IOException e) {
                Parent.send(Map.of("failed", e.toString()));
            }
        });
        Parent.on("internalMessage", a -> {
            if (a[0] instanceof Map<?, ?> m && "C2C_TEST_HANDLE".equals(m.get("cmd"))) {
                Handle handle = (Handle) a[1];
                Parent.send(Map.of("internalHandle", handle == null ? "none" : handle.type().name(),
                        "port", handle == null ? -1 : handle.localAddress().getPort()));
                try {
                    if (handle != null) {
                        handle.close();
                    }
                } catch (IOException e) {
                    Parent.send(Map.of("failed", e.toString()));
                }
            }
        });
        Parent.onDisconnect(() -> System.out.println("disconnected")); // the channel is gone: say it on stdout
        Parent.send(Map.of("hello", ProcessHandle.current().pid(), "args", List.of(args)));
        Parent.send(Map.of("cmd", "C2C_TEST_AFTER_HELLO")); // internal: lets a test know the hello has arrived
    }

    private static void obey(Map<?, ?> m, Handle handle) throws IOException {
        switch (String.valueOf(m.get("op"))) {
            case "echo" -> Parent.send(Map.of("echo", m.get("value")));
            case "exit" -> System.exit(((Number) m.get("code")).intValue());
            case "halt" -> Runtime.getRuntime().halt(((Number) m.get("code")).intValue());
            case "raw" -> Parent.port().sendFrame(ByteBuffer.wrap(((String) m.get("text")).getBytes(StandardCharsets.UTF_8)), null, null);
            case "big" -> Parent.send(Map.of("big", "x".repeat(((Number) m.get("bytes")).intValue())));
            case "internal" -> Parent.send(Map.of("cmd", "C2C_TEST_PING", "n", 1));
            case "sayByeOnExit" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Parent.send(Map.of("bye", "from a shutdown hook"))));
                Parent.send(Map.of("ready", "sayByeOnExit"));
            }
            case "usr2" -> {
                sun.misc.Signal.handle(new sun.misc.Signal("USR2"), s -> Parent.send(Map.of("signal", s.getName())));
                Parent.send(Map.of("ready", "usr2"));
            }
            case "serve" -> serve(handle);
            case "closeHandle" -> {
                handle.close(); // our copy only: the parent's must live on
                Parent.send(Map.of("closedHandle", handle.type().name()));
            }
            case "disconnect" -> Parent.disconnect();
            case "noop" -> { }
            case "flood" -> {
                String pad = "f".repeat(((Number) m.get("bytes")).intValue());
                for (int i = 0, n = ((Number) m.get("count")).intValue(); i < n; i++) {
                    Parent.send(Map.of("flood", i, "pad", pad)); // from a listener, as fast as the socket takes them
                }
            }
            case "rpcServe" -> {
                rpc = Rpc.over(Parent.port()).serve(TestChild::answer);
                Parent.send(Map.of("ready", "rpcServe"));
            }
            case "askParent" -> rpc.request(m.get("body"), java.time.Duration.ofSeconds(10))
                    .whenComplete((answer, error) -> Parent.send(Map.of("parentAnswered", error == null ? answer : error.toString())));
            default -> Parent.send(Map.of("unknownOp", String.valueOf(m.get("op"))));
        }
    }

    /** Serves the socket that came with the message: one line, from this process. */
    private static void serve(Handle handle) throws IOException {
        String line = "served by child " + ProcessHandle.current().pid() + "\n";
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", handle.type().name());
        reply.put("port", handle.localAddress().getPort());
        if (handle.type() == Handle.Type.SERVER) {
            ServerSocketChannel server = handle.serverSocketChannel();
            reply.put("channelClass", server.getClass().getSimpleName());
            Parent.send(reply); // tell the parent before blocking in accept
            try (SocketChannel client = server.accept()) {
                client.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            }
            handle.close();
        } else {
            try (SocketChannel socket = handle.socketChannel()) {
                socket.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            }
            Parent.send(reply);
        }
    }
}
