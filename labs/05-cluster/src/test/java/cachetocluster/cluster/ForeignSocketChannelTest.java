package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.Handle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * A connection known only by its descriptor number (as a worker receives it), served through ForeignSocketChannel on
 * ForeignSelector: readiness, reads, writes, a wakeup, and a close that really closes. The descriptor comes from our
 * own accept4, exactly as the round-robin primary gets it.
 */
@DisplayName("cluster: a received connection on the JDK's epoll")
class ForeignSocketChannelTest {

    @Test
    @DisplayName("Readable and writable when epoll says so; reads, writes (plain, heap, gathering), and a close that ends it")
    void servesARawDescriptor() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            int fd = NativeSockets.accept(Handle.of(server).fd()); // blocking listener: the client is already queued
            assertThat(fd).as("the accepted descriptor").isPositive();
            SocketChannel channel = ForeignSelectorProvider.INSTANCE.adopt(fd, FileDescriptorCast.unsafeUsing(fd).getFileDescriptor());
            try (Selector selector = ForeignSelectorProvider.INSTANCE.openSelector()) {
                channel.configureBlocking(false);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ, "attachment");
                assertThat(selector.selectNow()).as("selectNow() before the client wrote").isZero();

                client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                assertThat(selector.select(10_000)).as("select() after the client wrote").isEqualTo(1);
                assertThat(selector.selectedKeys()).as("the selected keys").containsExactly(key);
                assertThat(key.isReadable()).as("readable").isTrue();
                assertThat(key.attachment()).as("the attachment").isEqualTo("attachment");
                selector.selectedKeys().clear();
                ByteBuffer in = ByteBuffer.allocateDirect(64);
                assertThat(channel.read(in)).as("bytes read").isEqualTo(4);
                assertThat(channel.read(in)).as("a second read with nothing there").isZero();

                channel.write(ByteBuffer.wrap("heap ".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer a = ByteBuffer.allocateDirect(8).put("direct ".getBytes(StandardCharsets.US_ASCII)).flip();
                ByteBuffer b = ByteBuffer.allocateDirect(8).put("pair\n".getBytes(StandardCharsets.US_ASCII)).flip();
                assertThat(channel.write(new ByteBuffer[] {a, b}, 0, 2)).as("a gathering write of 12 bytes").isEqualTo(12);
                assertThat(readLine(client)).as("what the client got").isEqualTo("heap direct pair");

                key.interestOps(SelectionKey.OP_WRITE);
                assertThat(selector.select(10_000)).as("select() for OP_WRITE").isEqualTo(1);
                assertThat(key.isWritable()).as("writable").isTrue();
                selector.selectedKeys().clear();

                key.interestOps(0);
                CompletableFuture<Integer> woken = new CompletableFuture<>();
                Thread selecting = Thread.ofPlatform().name("foreign-select").start(() -> {
                    try {
                        woken.complete(selector.select(0)); // would wait for ever
                    } catch (Exception e) {
                        woken.completeExceptionally(e);
                    }
                });
                // Wait until it sleeps in epoll_wait, so that the wakeup is tested on a blocked select (a wakeup that
                // came first would make the select return at once, which passes too).
                org.awaitility.Awaitility.await("the select to block").atMost(Duration.ofSeconds(10))
                        .until(() -> woken.isDone() || java.util.Arrays.stream(selecting.getStackTrace())
                                .anyMatch(f -> f.getClassName().endsWith("EPoll") && f.getMethodName().equals("wait")));
                selector.wakeup();
                assertThat(woken.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("select() woken up from another thread").isZero();

                key.cancel();
                channel.close();
                selector.selectNow(); // epoll lets go of the descriptor: now it is closed
                client.configureBlocking(true);
                client.socket().setSoTimeout(10_000);
                assertThat(client.read(ByteBuffer.allocate(8))).as("the client's read after the worker closed").isEqualTo(-1);
                assertThat(selector.keys()).as("the selector's keys").isEmpty();
            }
        }
    }

    private static String readLine(SocketChannel client) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        while (client.read(buffer) >= 0 && (buffer.position() == 0 || buffer.get(buffer.position() - 1) != '\n')) {
            // until the newline
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
    }
}
