package cachetocluster.child.startup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * The floor under every IPC round trip on this machine: two JVMs, one Unix socket (junixsocket, as the channel uses),
 * and nothing else. The parent writes a 12-byte frame ({@code {"n":12345}\n}), the child reads it and writes it back,
 * one at a time, on one thread each, with blocking reads. No JSON, no events, no listeners.
 *
 * <p>What is left is what the kernel charges: two writes, two reads, two sleeping threads woken, two context switches.
 * In a virtual machine each of those is dearer than on bare metal (a system call or a wake-up of an idle virtual CPU
 * may exit to the hypervisor). No IPC over this socket, in any runtime, goes faster one message at a time: a goal
 * of "twice Node's round trips per second" cannot be met where Node already runs at more than half this floor.
 *
 * <pre>
 *   raw count=N seconds=S roundtrips_per_s=R p50_us=A p99_us=B max_us=C cpu_us_per_rt=U
 * </pre>
 */
public final class RawChannelFloor {

    private static final byte[] FRAME = "{\"n\":12345}\n".getBytes(StandardCharsets.UTF_8);

    private RawChannelFloor() {}

    /** The child: {@code RawChannelFloor child <socket path>}; echoes until the parent closes. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("child")) {
            System.err.println("usage: RawChannelFloor child <socket path>   (started by ForkSideBySide raw)");
            System.exit(2);
        }
        try (AFUNIXSocketChannel socket = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(Path.of(args[1])))) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (true) {
                buffer.clear();
                if (socket.read(buffer) < 0) {
                    return;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    socket.write(buffer);
                }
            }
        }
    }

    /** Starts the child, runs {@code warmup} then {@code count} round trips, and returns the result line. */
    public static String measure(int count, int warmup) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "c2c-raw-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socketPath = directory.resolve("s");
        Process child = null;
        try (AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open()) {
            server.bind(AFUNIXSocketAddress.of(socketPath), 1);
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    RawChannelFloor.class.getName(), "child", socketPath.toString())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (AFUNIXSocketChannel socket = server.accept()) {
                pingPong(socket, warmup);
                long cpuBefore = cpu(ProcessHandle.current()) + cpu(child.toHandle());
                long start = System.nanoTime();
                long[] latencies = pingPong(socket, count);
                double seconds = (System.nanoTime() - start) / 1e9;
                long cpu = cpu(ProcessHandle.current()) + cpu(child.toHandle()) - cpuBefore;
                PingPong.Result r = new PingPong.Result(count, 1, seconds, latencies);
                return String.format(Locale.ROOT, "raw count=%d seconds=%.3f roundtrips_per_s=%.0f p50_us=%.1f p99_us=%.1f max_us=%.1f cpu_us_per_rt=%.1f",
                        count, seconds, r.roundTripsPerSecond(), r.percentileMicros(50), r.percentileMicros(99),
                        r.percentileMicros(100), cpu / 1e3 / count);
            }
        } finally {
            if (child != null && !child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            for (Path p : List.of(socketPath, directory)) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long[] pingPong(AFUNIXSocketChannel socket, int count) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(FRAME.length);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            out.clear();
            out.put(FRAME).flip();
            while (out.hasRemaining()) {
                socket.write(out);
            }
            int received = 0;
            while (received < FRAME.length) {
                in.clear();
                int n = socket.read(in);
                if (n < 0) {
                    throw new IOException("the echo child closed the socket");
                }
                received += n;
            }
            latencies[i] = System.nanoTime() - sent;
        }
        return latencies;
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }
}
