package cachetocluster.child;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * Where a forked child finds its parent: a Unix domain socket in a private directory, named in the child's environment
 * ({@code C2C_CHANNEL}), as Node names the channel's descriptor in {@code NODE_CHANNEL_FD}.
 *
 * <p>Node hands the child one end of a {@code socketpair} as an inherited descriptor. A JDK child inherits only 0, 1
 * and 2 (the launcher closes the rest before {@code exec}), so the child connects instead. To keep that as private as
 * an inherited descriptor: the directory is created 0700 (only our user can reach the socket), the connecting process
 * must be the child we started (its pid, from the kernel's {@code SO_PEERCRED}), and the socket and its directory are
 * removed as soon as the child is connected, so nobody can connect after it.
 */
final class ChannelListener implements Closeable {

    private final Path directory;
    private final Path socketPath;
    private final AFUNIXServerSocketChannel server;

    private ChannelListener(Path directory, Path socketPath, AFUNIXServerSocketChannel server) {
        this.directory = directory;
        this.socketPath = socketPath;
        this.server = server;
    }

    static ChannelListener open() throws IOException {
        // A short base: a socket path must fit in sun_path (108 bytes on Linux, 104 on macOS).
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (base.toString().length() > 60) {
            base = Path.of("/tmp");
        }
        Path directory = Files.createTempDirectory(base, "c2c-ipc-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socketPath = directory.resolve("channel");
        AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
        try {
            server.bind(AFUNIXSocketAddress.of(socketPath), 1);
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(directory);
            throw e;
        }
        return new ChannelListener(directory, socketPath, server);
    }

    Path socketPath() {
        return socketPath;
    }

    /**
     * Accepts the connection of process {@code expectedPid}, refusing any other, then removes the socket. Blocks until
     * it comes, or until {@link #close()} (the child exited without connecting).
     */
    AFUNIXSocketChannel accept(long expectedPid) throws IOException {
        try {
            while (true) {
                AFUNIXSocketChannel channel = server.accept();
                long peer = channel.getPeerCredentials().getPid();
                if (peer == expectedPid) {
                    return channel;
                }
                channel.close(); // same user (the directory is 0700) but not our child: not its channel
            }
        } finally {
            close();
        }
    }

    /** Stops listening and removes the socket and its directory. Idempotent. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            Files.deleteIfExists(socketPath);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // removed already, or the temp directory is being cleaned: nothing left to protect
        }
    }
}
