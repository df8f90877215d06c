package cachetocluster.blocking;

/**
 * How a {@link BlockingServer} finds a thread for each connection. All three read, call the handler
 * and write with plain blocking calls; they differ only in who waits while one of them blocks.
 */
public sealed interface Mode {

    /**
     * One thread accepts a connection and serves it to the end, then accepts the next: JavaScript's
     * one call stack, if JavaScript could block. While a handler sleeps, nobody else is served.
     */
    record SingleThreaded() implements Mode {}

    /**
     * A thread per connection, from a fixed pool of {@code threads} platform threads (Tomcat's
     * classic connector: maxThreads = 200). A connection holds its thread until it closes; the
     * connections beyond the pool wait in a queue, accepted but unserved.
     */
    record ThreadPool(int threads) implements Mode {
        public ThreadPool {
            if (threads < 1) {
                throw new IllegalArgumentException("a thread pool needs at least one thread, not " + threads);
            }
        }
    }

    /**
     * A new virtual thread per connection, without a bound. When it blocks on a socket or a sleep,
     * the virtual thread unmounts and its carrier (one of a few platform threads, one per core)
     * runs another.
     */
    record VirtualThreads() implements Mode {}

    /** "single", "threads" (with the pool size) or "virtual", as the step scripts spell them. */
    static Mode parse(String name, int threads) {
        return switch (name) {
            case "single" -> new SingleThreaded();
            case "threads" -> new ThreadPool(threads);
            case "virtual" -> new VirtualThreads();
            default -> throw new IllegalArgumentException("a mode is single, threads or virtual, not \"" + name + "\"");
        };
    }

    /** A short name for tables: "single", "4 threads", "virtual". */
    default String label() {
        return switch (this) {
            case SingleThreaded() -> "single";
            case ThreadPool(int threads) -> threads + (threads == 1 ? " thread" : " threads");
            case VirtualThreads() -> "virtual";
        };
    }
}
