package cachetocluster.latency;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The network rungs, all on this machine: a round trip over TCP on 127.0.0.1, the same over a Unix
 * domain socket, and one HTTP GET to a local server.
 *
 * <p>No packet leaves the machine, yet each round trip costs tens of microseconds: two system calls
 * per side, the kernel's network stack (or its socket layer for a Unix socket), and two wake-ups of
 * a sleeping thread by the scheduler. A real network adds the wire on top. The calling thread
 * blocks in {@code read} the whole time the answer is on its way.
 */
public final class NetworkRungs {

    public static final String TCP = "TCP round trip, 127.0.0.1";
    public static final String UNIX = "Unix socket round trip";
    public static final String HTTP = "HTTP GET, local server";

    private final long budgetNanos;

    public NetworkRungs(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    public Map<String, Sampled> measure() throws Exception {
        Map<String, Sampled> results = new LinkedHashMap<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            results.put(TCP, pingPong(server, true));
        }
        Path dir = Files.createTempDirectory("c2c-uds-"); // created 0700: nobody else can connect
        Path socket = dir.resolve("echo.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            results.put(UNIX, pingPong(server, false));
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
        results.put(HTTP, httpGet());
        return results;
    }

    /** One byte there, one byte back, many times, with an echo thread on the other end. */
    private Sampled pingPong(ServerSocketChannel server, boolean tcp) throws Exception {
        SocketAddress address = server.getLocalAddress();
        Thread echo = Thread.ofPlatform().daemon().name("echo").start(() -> {
            try (SocketChannel peer = server.accept()) {
                if (tcp) {
                    peer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                ByteBuffer one = ByteBuffer.allocateDirect(1);
                while (peer.read(one.clear()) > 0) {
                    peer.write(one.flip());
                }
            } catch (IOException closed) {
                // the client hung up: the measurement is over
            }
        });
        try (SocketChannel client = SocketChannel.open(address)) {
            if (tcp) {
                // Without it Nagle's algorithm may hold a 1-byte write back for up to 40 ms.
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            ByteBuffer one = ByteBuffer.allocateDirect(1);
            return Sampled.of(() -> {
                client.write(one.clear().put((byte) 42).flip());
                one.clear();
                if (client.read(one) != 1) {
                    throw new IOException("the echo side closed early");
                }
            }, 2_000, 50_000, budgetNanos);
        } finally {
            echo.join(5_000);
        }
    }

    private Sampled httpGet() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
            return Sampled.of(() -> {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("local server answered " + response.statusCode());
                }
            }, 300, 5_000, budgetNanos);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
