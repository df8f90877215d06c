package cachetocluster.eventloop;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sliver of Node's {@code fs} module: the callback API, run on the loop's {@link WorkerPool} as Node runs it
 * on libuv's threadpool.
 */
public final class Fs {

    private Fs() {}

    /** {@code fs.readFile(path, (err, data) => ...)}: the callback runs on the loop thread. */
    public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
        loop.workerPool().submit(() -> Files.readAllBytes(path), callback);
    }

    public static void readFile(EventLoop loop, String path, Callback<byte[]> callback) {
        readFile(loop, Path.of(path), callback);
    }

    /** {@code fs.writeFile(path, data, (err) => ...)}. */
    public static void writeFile(EventLoop loop, Path path, byte[] data, Callback<Void> callback) {
        loop.workerPool().submit(() -> {
            Files.write(path, data);
            return null;
        }, callback);
    }
}
