package cachetocluster.bench.latency;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 01: the cheapest network round trip there is, and what each layer adds.
 *
 * All three benchmarks stay inside this machine, on 127.0.0.1 or a Unix socket: no wire, no
 * switch, no distance. What is left is the cost of the software: system calls, the kernel's
 * network stack, waking the thread on the other side, and the protocol on top. Every real
 * network call pays at least this, before the speed of light has any say.
 *
 *   tcpRoundTrip    64 bytes to an echo thread over TCP on loopback and 64 back, with blocking
 *                   SocketChannels. TCP_NODELAY on both ends: without it, Nagle's algorithm may
 *                   hold a small write back waiting for more (and the delayed ACK on the other
 *                   side may wait too) and a round trip can take tens of milliseconds.
 *   unixRoundTrip   the same over a Unix domain socket (a socket file in a private temporary
 *                   directory): no TCP, no IP, no checksums, just a buffer handed between two
 *                   processes (here, two threads) by the kernel. Usually noticeably cheaper.
 *   httpGet         one GET of a 2-byte body from the JDK's own HttpServer, through
 *                   java.net.http.HttpClient, HTTP/1.1 with keep-alive (one TCP connection, kept
 *                   open). The same loopback underneath, plus request and response headers to
 *                   write and parse, and the client's own threads handing the work around.
 *
 * Each round trip is two system calls on each side, and two thread wake-ups: the echo thread
 * sleeps in read() until our bytes arrive, and we sleep in read() until its answer arrives. On a
 * 2-CPU machine both threads need a CPU at the right moment, which is what the tail (p99, p99.9)
 * shows: the median is the mechanism, the tail is the scheduler.
 *
 * SampleTime mode again, for the distribution. Compare the medians with the latency table:
 * "round trip within same datacenter 500,000 ns" is this, plus a real network, plus a real
 * server doing real work.
 *
 * On the course's 2-core VM (microseconds, one fork):
 *
 *                      p50      p99
 *     tcpRoundTrip      30       87
 *     unixRoundTrip     11       58
 *     httpGet          646    5,949
 *
 * The HTTP figure is mostly the client, not the protocol: the same GET written by hand on a
 * SocketChannel to the same server took 40 to 70 us. HttpClient is asynchronous inside: a
 * selector thread, an executor and futures between the call and the socket, and on two busy CPUs
 * every hand-off between threads waits for one.
 *
 * Each benchmark gets its own @State class, so a fork opens only the connection it measures.
 * Ports are always 0 (the kernel picks a free one) on 127.0.0.1: nothing listens beyond this
 * machine.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar NetworkBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "--sun-misc-unsafe-memory-access=allow")
public class NetworkBench {

    static final int MESSAGE_BYTES = 64;

    @State(Scope.Thread)
    public static class Tcp {
        EchoConnection connection;

        @Setup(Level.Trial)
        public void open() throws IOException {
            connection = EchoConnection.open(StandardProtocolFamily.INET,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            connection.close();
        }
    }

    @State(Scope.Thread)
    public static class Unix {
        EchoConnection connection;
        Path directory;

        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = Files.createTempDirectory("c2c-net-"); // rwx------: only we can connect
            connection = EchoConnection.open(StandardProtocolFamily.UNIX,
                    UnixDomainSocketAddress.of(directory.resolve("echo.sock")));
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            connection.close();
            Files.deleteIfExists(directory.resolve("echo.sock"));
            Files.deleteIfExists(directory);
        }
    }

    @State(Scope.Thread)
    public static class Http {
        static final byte[] BODY = "ok".getBytes();
        HttpServer server;
        HttpClient client;
        HttpRequest request;

        @Setup(Level.Trial)
        public void start() throws IOException, InterruptedException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BODY);
                }
            });
            server.start();
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .GET().build();
            HttpResponse<byte[]> first = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (first.statusCode() != 200) {
                throw new IllegalStateException("the local server answered " + first.statusCode());
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            client.close();
            server.stop(0);
        }
    }

    @Benchmark
    public int tcpRoundTrip(Tcp tcp) throws IOException {
        return tcp.connection.roundTrip();
    }

    @Benchmark
    public int unixRoundTrip(Unix unix) throws IOException {
        return unix.connection.roundTrip();
    }

    @Benchmark
    public int httpGet(Http http) throws IOException, InterruptedException {
        return http.client.send(http.request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /** A blocking echo server on its own thread, and one client connected to it. */
    static final class EchoConnection implements AutoCloseable {
        private final ServerSocketChannel server;
        private final SocketChannel client;
        private final Thread echo;
        private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        private final ByteBuffer reply = ByteBuffer.allocateDirect(MESSAGE_BYTES);

        private EchoConnection(ServerSocketChannel server, SocketChannel client, Thread echo) {
            this.server = server;
            this.client = client;
            this.echo = echo;
            while (message.hasRemaining()) {
                message.put((byte) 'x');
            }
        }

        static EchoConnection open(ProtocolFamily family, SocketAddress bindTo) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(family).bind(bindTo);
            Thread echo = Thread.ofPlatform().name("echo").daemon().start(() -> echoOneClient(server));
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            if (family == StandardProtocolFamily.INET) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            return new EchoConnection(server, client, echo);
        }

        private static void echoOneClient(ServerSocketChannel server) {
            try (SocketChannel peer = server.accept()) {
                if (peer.getLocalAddress() instanceof InetSocketAddress) {
                    peer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect(MESSAGE_BYTES);
                while (true) {
                    buffer.clear();
                    while (buffer.hasRemaining()) {
                        if (peer.read(buffer) < 0) {
                            return; // the client closed: we are done
                        }
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        peer.write(buffer);
                    }
                }
            } catch (ClosedChannelException closedAtTearDown) {
                // the server socket was closed while accept() waited
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends the message, waits for all of it to come back, returns the bytes received. */
        int roundTrip() throws IOException {
            message.clear();
            while (message.hasRemaining()) {
                client.write(message);
            }
            reply.clear();
            while (reply.hasRemaining()) {
                if (client.read(reply) < 0) {
                    throw new IOException("the echo thread closed the connection");
                }
            }
            return reply.position();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            client.close();
            server.close();
            echo.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
