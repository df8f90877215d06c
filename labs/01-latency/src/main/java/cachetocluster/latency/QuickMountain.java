package cachetocluster.latency;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory mountain of CS:APP (6.6.1) in plain Java: read throughput over working set and stride.
 *
 * <p>Unlike the chase, these loads are <em>independent</em>: the next address does not depend on the
 * last value, so the core keeps many loads in flight and the prefetcher, seeing a regular stride,
 * fetches lines before they are asked for. That is why stride 1 stays fast even far beyond the last
 * cache (the slope of spatial locality), while the chase pays the full latency of every miss.
 */
public final class QuickMountain {

    public static final List<Long> SIZES = List.of(16L << 10, 64L << 10, 256L << 10, 1L << 20, 4L << 20,
            16L << 20, 64L << 20);
    public static final List<Integer> STRIDES = List.of(1, 2, 4, 8, 16);

    private final long cellNanos;
    private volatile long sink;

    /** @param cellNanos how long to spend measuring one cell (after its warm-up) */
    public QuickMountain(long cellNanos) {
        this.cellNanos = cellNanos;
    }

    /** Measures every size up to {@code maxBytes} with every stride. */
    public List<MountainCell> measure(List<Long> sizes, List<Integer> strides, long maxBytes) {
        long largest = sizes.stream().filter(s -> s <= maxBytes).mapToLong(Long::longValue).max().orElse(0);
        long[] data = new long[(int) (largest / Long.BYTES)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        // Get sum() fully compiled before timing it: a few hundred ms of calls with every stride (with
        // fewer, the first cell was timed while C2 was still compiling and came out at half speed).
        long warmUntil = System.nanoTime() + 300_000_000L;
        for (int warm = 0; System.nanoTime() < warmUntil; warm++) {
            sink += sum(data, Math.min(data.length, 4096), strides.get(warm % strides.size()));
        }
        List<MountainCell> cells = new ArrayList<>();
        for (long size : sizes) {
            if (size > largest) {
                break;
            }
            int elems = (int) (size / Long.BYTES);
            for (int stride : strides) {
                cells.add(new MountainCell(size, stride, gigabytesPerSecond(data, elems, stride)));
            }
        }
        return cells;
    }

    private double gigabytesPerSecond(long[] data, int elems, int stride) {
        sink += sum(data, elems, stride); // warm the cache with this working set, as CS:APP does
        long bytesPerPass = (long) (elems / stride) * Long.BYTES;
        // A pass over 16 KiB takes well under a microsecond, too short to time alone: time batches
        // of passes that last at least 50 us each.
        int passesPerBatch = 1;
        while (true) {
            long start = System.nanoTime();
            for (int k = 0; k < passesPerBatch; k++) {
                sink += sum(data, elems, stride);
            }
            if (System.nanoTime() - start >= 50_000 || passesPerBatch >= 1 << 20) {
                break;
            }
            passesPerBatch *= 2;
        }
        double best = 0;
        long deadline = System.nanoTime() + cellNanos;
        int batches = 0;
        do {
            long start = System.nanoTime();
            for (int k = 0; k < passesPerBatch; k++) {
                sink += sum(data, elems, stride);
            }
            long took = Math.max(1, System.nanoTime() - start);
            best = Math.max(best, (double) bytesPerPass * passesPerBatch / took); // bytes per ns = GB/s
            batches++;
        } while (System.nanoTime() < deadline || batches < 3);
        return best;
    }

    /** CS:APP's test(): four independent accumulators so the adds never wait on each other. */
    static long sum(long[] data, int elems, int stride) {
        long acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
        int step = 4 * stride;
        int limit = elems - step;
        int i = 0;
        for (; i < limit; i += step) {
            acc0 += data[i];
            acc1 += data[i + stride];
            acc2 += data[i + 2 * stride];
            acc3 += data[i + 3 * stride];
        }
        for (; i < elems; i += stride) {
            acc0 += data[i];
        }
        return acc0 + acc1 + acc2 + acc3;
    }

    public long sink() {
        return sink;
    }
}
