package cachetocluster.blocking;

/**
 * Lab 02 exercise: predict who waits. Before a load test, say what it will show.
 *
 * <p>Read labs/02-blocking/README.md, part B (tasks 1-4). Grade with ./workbook grade 2; stuck?
 * ./workbook hint 2. WhoWaits prints your predictions beside its measurements: ./workbook run 2 --mine.
 *
 * <h2>The model</h2>
 *
 * A closed loop, with no cost for the network, for parsing or for starting a thread: only the
 * handler takes time. Write K for the clients, R for the requests each, d for the handler's
 * milliseconds, P for the cores and T for a pool's threads.
 * <ol>
 *   <li>At time 0 all K clients connect and send their first request. A client sends its next
 *       request the moment the answer to its previous one arrives, and closes its connection after
 *       its R-th answer.</li>
 *   <li>A connection is served by one thread from its first request to its last: that thread serves
 *       nobody else until the connection closes. So the server serves at most L connections at
 *       once: L = 1 single-threaded, min(T, K) with a pool of T threads, K with virtual threads. The
 *       other connections wait, in the order they arrived, and the server takes them in <em>waves</em>
 *       of L: W = ceil(K / L) waves, the last one holding what is left, K - (W - 1) L.</li>
 *   <li>{@link Work.Waits}: a waiting thread needs no core, so a request takes d however many run
 *       at once. Each wave takes R d: the wall time is W R d. The longest wait is the first request
 *       of a client in the last wave: it waits for all the earlier waves, then for its own d.</li>
 *   <li>{@link Work.Computes} on a single thread or a pool: the same waves, but the A connections of
 *       a wave share the P cores. When A &gt; P the operating system time-slices them, and every
 *       request of that wave takes d A / P instead of d (d when A &lt;= P). The wall time is the sum
 *       of the waves; the longest wait is again the first request of the last wave: all the earlier
 *       waves, then one request of the last.</li>
 *   <li>{@link Work.Computes} on virtual threads: the JDK does not time-slice virtual threads. One
 *       keeps its carrier (there are P of them) until it blocks, here when it reads the next request.
 *       So the K R requests run whole, one after another on min(K, P) carriers, in the order they
 *       were sent: the wall time is ceil(K R / min(K, P)) d, and the longest wait is that of a first
 *       request that finds every carrier busy, ceil(K / min(K, P)) d.</li>
 *   <li>Requests per second: K R requests in the wall time, K R / (wall / 1000).</li>
 * </ol>
 */
public final class Throughput {

    private Throughput() {}

    /** The wall time, requests per second and longest wait of a scenario, by the model above. */
    public static Prediction predict(Scenario scenario) {
        long k = scenario.clients();
        long r = scenario.requestsEach();
        double d = scenario.work().millis();
        long lanes = switch (scenario.mode()) {
            case Mode.SingleThreaded() -> 1;
            case Mode.ThreadPool(int threads) -> Math.min(threads, k);
            case Mode.VirtualThreads() -> k;
        };
        double wall;
        double worst;
        if (scenario.mode() instanceof Mode.VirtualThreads && scenario.work() instanceof Work.Computes(double ms, int cores)) {
            long carriers = Math.min(k, cores); // no time slices: a request keeps its carrier until it is done
            wall = Math.ceilDiv(k * r, carriers) * d;
            worst = Math.ceilDiv(k, carriers) * d;
        } else {
            double cores = scenario.work() instanceof Work.Computes c ? c.cores() : Double.POSITIVE_INFINITY;
            long waves = Math.ceilDiv(k, lanes);
            double earlier = 0; // the time the waves before this one took
            double lastRequest = d;
            for (long wave = 0; wave < waves; wave++) {
                long atOnce = Math.min(lanes, k - wave * lanes);
                lastRequest = d * Math.max(1, atOnce / cores); // time-sliced when more threads compute than there are cores
                if (wave < waves - 1) {
                    earlier += r * lastRequest;
                }
            }
            wall = earlier + r * lastRequest;
            worst = earlier + lastRequest;
        }
        return new Prediction(wall, k * r * 1000.0 / wall, worst);
    }
}
