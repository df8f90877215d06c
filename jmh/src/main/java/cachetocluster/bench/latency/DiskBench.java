package cachetocluster.bench.latency;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Lab 01: what a disk read costs, and what the page cache hides.
 *
 * Everything so far was a load: the core waits a few hundred nanoseconds at worst and nobody
 * notices. A file read is a system call: the thread enters the kernel and does not come back until
 * the bytes are in its buffer. Whether that is a microsecond or a millisecond depends on where the
 * bytes are, and the program cannot tell from the call. That is what "blocking" means, and why an
 * event loop (lab 03) never reads a file on its loop thread.
 *
 * Five calls, each on a 256 MiB file written at setup:
 *
 *   pageCacheRead4k    pread of 4 KiB at a random offset. The file was just written, so Linux
 *                      has all of it in the page cache (RAM it lends to files): the call is a
 *                      system call plus a 4 KiB copy. Microseconds.
 *   directRead4k       the same read with O_DIRECT (ExtendedOpenOption.DIRECT): the kernel skips
 *                      its cache and asks the device. This is the "read 4K randomly from SSD" row
 *                      of the latency table. O_DIRECT wants the buffer, the offset and the length
 *                      aligned to the file system's block size: the buffer is a direct ByteBuffer
 *                      cut with alignedSlice(blockSize).
 *   write4kAndFsync    a 4 KiB write (it only lands in the page cache, fast) followed by
 *                      FileChannel.force(true), which is fsync: return only when the data and the
 *                      file's metadata are on stable storage. What a database pays per commit.
 *   sequentialRead1m   1 MiB read from the page cache, walking the file in order: mostly a memory
 *                      copy ("read 1 MB sequentially from memory").
 *   sequentialDirectRead1m  the same from the device ("read 1 MB sequentially from SSD").
 *
 * The mode is SampleTime (JMH sample 02): JMH times individual calls and reports the distribution,
 * p50, p90, p99, p99.9 and the maximum. For blocking calls the tail is the story: a median of 100
 * us and a p99 of 2 ms are two different services.
 *
 * Where the file lives matters: O_DIRECT needs a real block device. tmpfs (often /tmp) has none
 * (older kernels refuse O_DIRECT there, newer ones accept it and copy memory): setup stops with a
 * message on tmpfs, and on any file system that refuses O_DIRECT. The directory is the system
 * property c2c.bench.dir, default jmh/target/disk-bench (relative to where you start java; the
 * forked JVM inherits the working directory). Set it with -jvmArgsAppend
 * -Dc2c.bench.dir=/some/disk/dir. Setup writes the file and fsyncs it (so direct reads find it on
 * the device, not in writeback); teardown deletes it.
 *
 * In a virtual machine the "device" is a file or volume on the host, which may have its own cache
 * in RAM: direct reads may come back faster than any real SSD, or, on a network volume, slower.
 * The figures are what this machine's storage does, whatever it is.
 *
 * On the course's 2-core VM (ext4 on a virtio disk; microseconds, one fork):
 *
 *                               p50       p99     p99.9
 *     pageCacheRead4k           2.2      12.5        62
 *     directRead4k              109       675     4,379
 *     write4kAndFsync           295     3,954     7,912
 *     sequentialRead1m           37        98     1,443
 *     sequentialDirectRead1m    366     2,667    26,060
 *
 * The page cache turns a 100 us device read into a 2 us copy: that is why a second run of any
 * program that reads files is faster. And fsync is the price of "it is on disk": a hundred times
 * the write it follows.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar DiskBench -f 1 -wi 2 -i 3 -w 500ms -r 500ms
 *   java -jar jmh/target/benchmarks.jar DiskBench -f 1 -jvmArgsAppend -Dc2c.bench.dir=/mnt/ssd/tmp
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "--sun-misc-unsafe-memory-access=allow")
@State(Scope.Thread)
public class DiskBench {

    static final int FILE_BYTES = 256 << 20;
    static final int SMALL = 4096;
    static final int LARGE = 1 << 20;
    private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs");
    private static final String CHOOSE_A_DISK = "Run with -jvmArgsAppend -Dc2c.bench.dir=DIR, where DIR is on a"
            + " disk file system (ext4, xfs, btrfs).";

    private Path directory;
    private Path file;
    private FileChannel cached;
    private FileChannel direct;
    private ByteBuffer buffer;
    private int blockSize;
    private final SplittableRandom random = new SplittableRandom(42);
    private long sequentialPosition;

    @Setup(Level.Trial)
    public void createFile() throws IOException {
        directory = Path.of(System.getProperty("c2c.bench.dir", "jmh/target/disk-bench")).toAbsolutePath();
        Path existing = directory;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        FileStore store = Files.getFileStore(existing);
        if (MEMORY_FILE_SYSTEMS.contains(store.type())) {
            throw new IllegalStateException(directory + " is on " + store.type() + ", which lives in RAM:"
                    + " there is no disk under it to measure. " + CHOOSE_A_DISK);
        }
        Files.createDirectories(directory);
        blockSize = Math.toIntExact(Math.max(store.getBlockSize(), 512));
        buffer = ByteBuffer.allocateDirect(LARGE + blockSize).alignedSlice(blockSize);
        file = Files.createTempFile(directory, "disk-bench-", ".dat");
        writeWholeFile();
        cached = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            direct = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
            readFully(direct, buffer.clear().limit(SMALL), 0);
        } catch (IOException | UnsupportedOperationException e) {
            deleteFile();
            throw new IllegalStateException("the file system under " + directory + " (" + store.type()
                    + ") refuses O_DIRECT reads (" + e + "). " + CHOOSE_A_DISK, e);
        }
    }

    /** Writes the file in 1 MiB pieces of non-zero bytes and makes it durable. */
    private void writeWholeFile() throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer piece = ByteBuffer.allocateDirect(LARGE);
            while (piece.hasRemaining()) {
                piece.put((byte) random.nextInt(1, 256));
            }
            for (long position = 0; position < FILE_BYTES; position += LARGE) {
                piece.clear();
                while (piece.hasRemaining()) {
                    out.write(piece, position + piece.position());
                }
            }
            out.force(true);
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        try (FileChannel c = cached; FileChannel d = direct) {
            Files.deleteIfExists(file);
        }
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException someoneElsesFiles) {
            // another run's file is still there: the directory is theirs to remove
        }
    }

    /** A random block-aligned offset where {@code length} bytes fit. */
    private long randomOffset(int length) {
        return (long) random.nextInt((FILE_BYTES - length) / blockSize + 1) * blockSize;
    }

    private static int readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int n = channel.read(into, position + total);
            if (n < 0) {
                throw new UncheckedIOException(new IOException("unexpected end of file at " + (position + total)));
            }
            total += n;
        }
        return total;
    }

    @Benchmark
    public int pageCacheRead4k() throws IOException {
        return readFully(cached, buffer.clear().limit(SMALL), randomOffset(SMALL));
    }

    @Benchmark
    public int directRead4k() throws IOException {
        return readFully(direct, buffer.clear().limit(SMALL), randomOffset(SMALL));
    }

    @Benchmark
    public int write4kAndFsync() throws IOException {
        ByteBuffer block = buffer.clear().limit(SMALL);
        long position = randomOffset(SMALL);
        int written = 0;
        while (block.hasRemaining()) {
            written += cached.write(block, position + written);
        }
        cached.force(true);
        return written;
    }

    @Benchmark
    public int sequentialRead1m() throws IOException {
        return readFully(cached, buffer.clear().limit(LARGE), nextSequentialPosition());
    }

    @Benchmark
    public int sequentialDirectRead1m() throws IOException {
        return readFully(direct, buffer.clear().limit(LARGE), nextSequentialPosition());
    }

    private long nextSequentialPosition() {
        long position = sequentialPosition;
        sequentialPosition = (position + LARGE) % FILE_BYTES;
        return position;
    }
}
