package cachetocluster.latency;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The disk rungs: what a read or a write costs when it goes through the kernel.
 *
 * <p>Every one of these is a <em>blocking</em> call: the thread asks the kernel and waits for the
 * answer. How long it waits depends on where the data is. A 4 KiB read the page cache can serve is
 * a copy from kernel memory (a microsecond or two); the same read with {@code O_DIRECT} skips the
 * page cache and waits for the device; a write followed by {@code fsync} waits until the device
 * says the data is durable. Fast or slow, the thread does nothing else meanwhile, which is what an
 * event loop cannot afford (lab 03).
 */
public final class DiskRungs {

    /** The names of the rungs, in the order they are measured. */
    public static final String PAGE_CACHE_4K = "4 KiB read, page cache";
    public static final String SEQUENTIAL_1M = "1 MiB sequential read, page cache";
    public static final String DIRECT_4K = "4 KiB random read, O_DIRECT (device)";
    public static final String FSYNC_4K = "4 KiB write + fsync";

    private static final int BLOCK = 4096;
    private static final long FILE_BYTES = 64L << 20;

    private final Path dir;
    private final long budgetNanos;

    /**
     * @param dir         where the test file goes: on the disk you want to measure (not a tmpfs)
     * @param budgetNanos the longest any one rung may take
     */
    public DiskRungs(Path dir, long budgetNanos) {
        this.dir = dir;
        this.budgetNanos = budgetNanos;
    }

    /**
     * Measures the four rungs. A rung the file system cannot do (tmpfs refuses O_DIRECT) maps to
     * a {@link Result.Unsupported} that says why, so the other rungs still count.
     */
    public Map<String, Result> measure() throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "ladder-", ".bin");
        Map<String, Result> results = new LinkedHashMap<>();
        try {
            writeRandomFile(file);
            var random = new SplittableRandom(7);
            long blocks = FILE_BYTES / BLOCK;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
                readAll(channel); // now every page of the file is in the page cache
                results.put(PAGE_CACHE_4K, sampled(() -> {
                    buffer.clear();
                    channel.read(buffer, random.nextLong(blocks) * BLOCK);
                }, 200, 20_000));
                ByteBuffer big = ByteBuffer.allocateDirect(1 << 20);
                results.put(SEQUENTIAL_1M, sampled(() -> {
                    big.clear();
                    long at = random.nextLong(FILE_BYTES / big.capacity()) * big.capacity();
                    while (big.hasRemaining() && channel.read(big, at + big.position()) > 0) {
                        // a read may return less than asked: keep going until the MiB is in
                    }
                }, 5, 200));
            }
            results.put(DIRECT_4K, direct(file, random, blocks));
            results.put(FSYNC_4K, fsync());
        } finally {
            Files.deleteIfExists(file);
        }
        return results;
    }

    private Result direct(Path file, SplittableRandom random, long blocks) throws IOException {
        int align;
        try {
            align = (int) Math.max(BLOCK, Files.getFileStore(file).getBlockSize());
        } catch (UnsupportedOperationException | IOException e) {
            align = BLOCK;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (UnsupportedOperationException | IOException e) {
            return new Result.Unsupported("this file system refuses O_DIRECT (" + e.getMessage()
                    + "); measure on a real disk with --dir");
        }
        try (channel) {
            // O_DIRECT moves data straight between the device and our buffer, so the buffer, the
            // offset and the length must all be multiples of the device's block size.
            ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK + align).alignedSlice(align).limit(BLOCK);
            return sampled(() -> {
                buffer.clear().limit(BLOCK);
                channel.read(buffer, random.nextLong(blocks) * BLOCK);
            }, 20, 5_000);
        } catch (IOException e) {
            return new Result.Unsupported("O_DIRECT read failed: " + e.getMessage());
        }
    }

    private Result fsync() throws IOException {
        Path log = Files.createTempFile(dir, "fsync-", ".bin");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
            return sampled(() -> {
                block.clear();
                channel.write(block, 0);
                channel.force(true); // fsync(2): wait until the device has it
            }, 3, 2_000);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private Result sampled(Sampled.Operation op, int warmUp, int maxCount) throws IOException {
        try {
            return new Result.Measured(Sampled.of(op, warmUp, maxCount, budgetNanos));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void writeRandomFile(Path file) throws IOException {
        var random = new SplittableRandom(1);
        byte[] chunk = new byte[1 << 20];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (long written = 0; written < FILE_BYTES; written += chunk.length) {
                random.nextBytes(chunk);
                channel.write(ByteBuffer.wrap(chunk));
            }
            channel.force(true); // on the device, so O_DIRECT reads find it there
        }
    }

    private static void readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long at = 0;
        int n;
        while ((n = channel.read(buffer.clear(), at)) > 0) {
            at += n;
        }
    }

    /** What one rung gave: a distribution, or the reason it could not be measured here. */
    public sealed interface Result {
        record Measured(Sampled sampled) implements Result {}

        record Unsupported(String reason) implements Result {}
    }
}
