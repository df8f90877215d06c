package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real child JVM, shared by these tests (a fork costs about half a second): messages both ways, handles,
 * malformed and oversize frames, request/reply, and at the end disconnect.
 */
@DisplayName("fork: one child, messages both ways")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForkMessagingTest {

    private static final int MAX_FRAME = 4096;
    private ChildProcess child;
    private Recorder recorder;
    private BufferedReader childStdout;

    @BeforeAll
    void fork() throws Exception {
        long start = System.nanoTime();
        child = ChildProcesses.fork(TestChild.class, List.of("one", "two"),
                Recorder.lean().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.INHERIT).maxFrameBytes(MAX_FRAME));
        recorder = Recorder.of(child);
        childStdout = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
        Map<?, ?> hello = recorder.nextMessage("the child's hello");
        System.out.printf("fork-to-first-message: %.0f ms%n", (System.nanoTime() - start) / 1e6);
        assertThat(((Number) hello.get("hello")).longValue()).as("the pid in the child's hello").isEqualTo(child.pid());
        assertThat(hello.get("args")).as("the args the child got").isEqualTo(List.of("one", "two"));
    }

    @AfterAll
    void cleanUp() {
        child.kill(Signal.SIGKILL);
    }

    @Test
    @Order(1)
    @DisplayName("Messages go both ways, in order, and JSON values survive the trip")
    void messagesBothWaysInOrder() throws Exception {
        for (int i = 0; i < 300; i++) {
            child.send(Map.of("op", "echo", "value", Map.of("seq", i, "text", "héllo ✓ 🎉 " + i)));
        }
        for (int i = 0; i < 300; i++) {
            Map<?, ?> echo = (Map<?, ?>) recorder.nextWith("echo").get("echo");
            assertThat(echo.get("seq")).as("seq of echo number %d", i).isEqualTo(i);
            assertThat(echo.get("text")).as("text of echo %d", i).isEqualTo("héllo ✓ 🎉 " + i);
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("long", 1L << 40);
        value.put("double", 2.5);
        value.put("bool", true);
        value.put("null", null);
        value.put("list", List.of(1, "two", List.of(3)));
        value.put("record", new Point(3, 4)); // a record goes as an object and comes back as a map
        child.send(Map.of("op", "echo", "value", value));
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) recorder.nextWith("echo").get("echo");
        assertThat(back).as("an echoed object with every JSON type")
                .containsEntry("long", 1L << 40).containsEntry("double", 2.5).containsEntry("bool", true)
                .containsEntry("null", null).containsEntry("list", List.of(1, "two", List.of(3)))
                .containsEntry("record", Map.of("x", 3, "y", 4));
        assertThat(Json.convert(back.get("record"), Point.class)).as("the record, converted back").isEqualTo(new Point(3, 4));
    }

    record Point(int x, int y) {}

    @Test
    @Order(2)
    @DisplayName("A message whose cmd starts with C2C_ is an 'internalMessage', never a 'message'")
    void internalMessagesStayInternal() throws Exception {
        child.send(Map.of("op", "internal"));
        child.send(Map.of("op", "echo", "value", "after"));
        Map<?, ?> internal;
        do { // skip the C2C_TEST_AFTER_HELLO the child sent at start
            internal = (Map<?, ?>) Recorder.poll(recorder.internal, "the internal message C2C_TEST_PING");
        } while (!"C2C_TEST_PING".equals(internal.get("cmd")));
        assertThat(recorder.nextMessage("the echo after the internal message"))
                .as("the next 'message' (the internal one must not be it)").isEqualTo(Map.of("echo", "after"));
    }

    @Test
    @Order(3)
    @DisplayName("A listening socket sent with a message is served by the child (SCM_RIGHTS)")
    void serverHandleIsServedByTheChild() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            assertThat(child.send(Map.of("op", "serve"), Handle.of(server))).as("send(msg, server handle)").isTrue();
            Map<?, ?> reply = recorder.nextWith("type");
            assertThat(reply.get("type")).as("the handle type the child got").isEqualTo("SERVER");
            assertThat(reply.get("port")).as("the port of the socket the child got").isEqualTo(port);
            assertThat(reply.get("channelClass")).as("the channel class the child made of it (junixsocket's)")
                    .isEqualTo("AFGenericServerSocketChannel");
            assertThat(server.isOpen()).as("the parent's copy after sending (Node closes it: keepOpen false)").isFalse();
            assertThat(readLine(new InetSocketAddress("127.0.0.1", port)))
                    .as("what a client of that port reads").isEqualTo("served by child " + child.pid());
        }
    }

    @Test
    @Order(4)
    @DisplayName("A connection the parent accepted is sent to the child, and the child answers it")
    void acceptedConnectionIsServedByTheChild() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            SocketChannel accepted = server.accept();
            child.send(Map.of("op", "serve"), Handle.of(accepted));
            assertThat(recorder.nextWith("type").get("type")).as("the handle type the child got").isEqualTo("SOCKET");
            assertThat(accepted.isOpen()).as("the parent's copy of the connection after sending").isFalse();
            assertThat(readLine(client)).as("what the client reads on the connection the parent accepted")
                    .isEqualTo("served by child " + child.pid());
        }
    }

    @Test
    @Order(4)
    @DisplayName("A handle sent with an internal message reaches the child's 'internalMessage' listener (lab 05's cluster)")
    void internalMessageKeepsItsHandle() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            child.send(Map.of("cmd", "C2C_TEST_HANDLE"), Handle.of(server));
            Map<?, ?> reply = recorder.nextWith("internalHandle");
            assertThat(reply.get("internalHandle")).as("the handle type the child's internalMessage listener got")
                    .isEqualTo("SERVER");
            assertThat(reply.get("port")).as("the port of that socket").isEqualTo(port);
        }
    }

    @Test
    @Order(4)
    @DisplayName("A child that closes a received socket closes its copy only: the parent's still listens and talks")
    void closingAReceivedSocketLeavesTheSendersCopy() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            child.send(Map.of("op", "closeHandle"), Handle.of(server).keepOpen(true));
            assertThat(recorder.nextWith("closedHandle").get("closedHandle")).as("what the child closed").isEqualTo("SERVER");
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                assertThat(accepted).as("a connection accepted on the parent's copy of the listening socket").isNotNull();
                child.send(Map.of("op", "closeHandle"), Handle.of(accepted).keepOpen(true));
                assertThat(recorder.nextWith("closedHandle").get("closedHandle")).as("what the child closed next").isEqualTo("SOCKET");
                accepted.write(ByteBuffer.wrap("still here\n".getBytes(StandardCharsets.UTF_8)));
                assertThat(readLine(client)).as("what the client reads from the parent after the child closed its copy")
                        .isEqualTo("still here");
            }
        }
    }

    @Test
    @Order(5)
    @DisplayName("Malformed and oversize frames from the child raise 'error'; later messages still arrive")
    void badFramesFromTheChildAreErrors() throws Exception {
        child.send(Map.of("op", "raw", "text", "{\"broken\":\n"));
        child.send(Map.of("op", "big", "bytes", MAX_FRAME * 3));
        child.send(Map.of("op", "echo", "value", "still here"));
        Throwable malformed = recorder.nextError("the malformed frame's error");
        Throwable tooLarge = recorder.nextError("the oversize frame's error");
        assertThat(malformed).as("error for {\"broken\":").isInstanceOf(FrameException.class);
        assertThat(((FrameException) malformed).kind()).as("its kind").isEqualTo(FrameException.Kind.MALFORMED);
        assertThat(((FrameException) tooLarge).kind()).as("kind of the error for a %d-byte frame", MAX_FRAME * 3)
                .isEqualTo(FrameException.Kind.TOO_LARGE);
        assertThat(recorder.nextWith("echo")).as("the message after both").isEqualTo(Map.of("echo", "still here"));
        assertThat(child.connected()).as("connected() after two bad frames").isTrue();
    }

    @Test
    @Order(6)
    @DisplayName("An oversize frame from the parent is an 'error' in the child, which goes on")
    void oversizeFrameToTheChild() throws Exception {
        child.send(Map.of("op", "echo", "value", "y".repeat(MAX_FRAME * 2)));
        child.send(Map.of("op", "echo", "value", "after the big one"));
        Map<?, ?> report = recorder.nextWith("childError");
        assertThat(report.get("kind")).as("the error the child reported").isEqualTo("TOO_LARGE");
        assertThat(recorder.nextWith("echo")).as("the next echo").isEqualTo(Map.of("echo", "after the big one"));
    }

    @Test
    @Order(7)
    @DisplayName("Request/reply both ways over internal messages; timeouts and remote errors")
    void requestReplyBothWays() throws Exception {
        Rpc rpc = Rpc.over(child).serve(body -> "parent says " + body);
        CompletableFuture<Object> unanswered = rpc.request(Map.of("add", List.of(1, 2)), Duration.ofMillis(300));
        assertThat(failure(unanswered)).as("a request before the child serves (nobody answers)")
                .isInstanceOf(TimeoutException.class);
        child.send(Map.of("op", "rpcServe"));
        recorder.nextWith("ready");
        List<CompletableFuture<Object>> sums = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sums.add(rpc.request(Map.of("add", List.of(i, 1000)), Duration.ofSeconds(10)));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(sums.get(i).get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("reply to add(%d, 1000)", i)
                    .isEqualTo(i + 1000);
        }
        assertThat(failure(rpc.request(Map.of("fail", "no way"), Duration.ofSeconds(10))))
                .as("a request the child's handler throws on").isInstanceOf(Rpc.RemoteException.class)
                .hasMessageContaining("no way");
        child.send(Map.of("op", "askParent", "body", "ping"));
        assertThat(recorder.nextWith("parentAnswered").get("parentAnswered")).as("the child's request, answered by us")
                .isEqualTo("parent says ping");
        assertThat(recorder.messages).as("'message' events caused by RPC traffic").isEmpty();
    }

    @Test
    @Order(8)
    @DisplayName("Both sides send from their listeners, megabytes each way: no deadlock (readers never wait on writers)")
    void listenersSendingBothWaysDoNotDeadlock() throws Exception {
        int count = 1500;
        String pad = "p".repeat(2000);
        EventEmitter.Listener replyToEachFlood = args -> {
            if (args[0] instanceof Map<?, ?> m && m.containsKey("flood")) {
                child.send(Map.of("op", "noop", "pad", pad)); // 3 MB back, written from our listener
            }
        };
        child.on("message", replyToEachFlood);
        try {
            child.send(Map.of("op", "flood", "count", count, "bytes", 2000)); // 3 MB written from the child's listener
            for (int i = 0; i < count; i++) {
                assertThat(recorder.nextWith("flood").get("flood")).as("flood message %d of %d", i, count).isEqualTo(i);
            }
            child.send(Map.of("op", "echo", "value", "after the flood"));
            assertThat(recorder.nextWith("echo")).as("an echo after the flood").isEqualTo(Map.of("echo", "after the flood"));
        } finally {
            child.off("message", replyToEachFlood);
        }
    }

    @Test
    @Order(9)
    @DisplayName("Sends from many virtual threads at once all arrive (junixsocket's socket is only used from platform threads)")
    void sendsFromVirtualThreads() throws Exception {
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                senders.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        child.send(Map.of("op", "echo", "value", thread * 1000 + i));
                    }
                }));
            }
            for (var sender : senders) { // a deadline, not a hang, if a write never completes
                sender.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        java.util.Set<Object> echoed = new java.util.HashSet<>();
        for (int i = 0; i < 800; i++) {
            echoed.add(recorder.nextWith("echo").get("echo"));
        }
        assertThat(echoed).as("distinct echoes of 8 virtual threads x 100 sends").hasSize(800);
        assertThat(recorder.errors).as("errors meanwhile").isEmpty();
    }

    @Test
    @Order(100)
    @DisplayName("disconnect closes the channel on both sides; a child with nothing else to do then exits with 0, as in Node")
    void disconnectClosesBothSides() throws Exception {
        child.disconnect();
        assertThat(child.connected()).as("connected() right after disconnect()").isFalse();
        assertThat(childStdout.readLine()).as("what the child printed on 'disconnect'").isEqualTo("disconnected");
        CompletableFuture<Throwable> sendResult = new CompletableFuture<>();
        assertThat(child.send("too late", null, sendResult::complete)).as("send() after disconnect").isFalse();
        assertThat(sendResult.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the callback's error")
                .isInstanceOf(IpcException.class).extracting(e -> ((IpcException) e).code()).isEqualTo("ERR_IPC_CHANNEL_CLOSED");
        // Its main returned long ago; the channel with a 'message' listener was all that kept it alive (KeepAlive).
        assertThat(child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the child's exit after disconnect")
                .isEqualTo(new Exit(0, null));
        assertThat(childStdout.readLine()).as("the child's stdout after it exited").isNull();
        assertThat(child.closed().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS)).as("'close'").isEqualTo(new Exit(0, null));
        assertThat(recorder.order).as("the events' order").containsSubsequence("disconnect", "exit(0, null)", "close(0, null)");
    }

    private static Throwable failure(CompletableFuture<Object> future) throws InterruptedException, TimeoutException {
        try {
            future.get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static String readLine(InetSocketAddress address) throws IOException {
        try (SocketChannel client = SocketChannel.open(address)) {
            return readLine(client);
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        while (client.read(buffer) >= 0 && (buffer.position() == 0 || buffer.get(buffer.position() - 1) != '\n')) {
            // read until the newline
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }
}
