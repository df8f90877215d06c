package cachetocluster.cluster;

import java.util.Locale;
import java.util.Map;

/**
 * How connections to a shared port reach the workers: Node's {@code cluster.schedulingPolicy}, plus the newer
 * {@code reusePort}.
 *
 * <ul>
 *   <li>{@link #RR} ({@code SCHED_RR}, Node's default except on Windows): the primary listens and accepts, then hands
 *       each connection's file descriptor to the next free worker ({@link RoundRobinHandle}).</li>
 *   <li>{@link #NONE} ({@code SCHED_NONE}): the primary creates the listening socket once and hands that to every
 *       worker; they all accept on it and the kernel decides who wakes up ({@link SharedHandle}). The docs warn it
 *       "tends to be very unbalanced": the kernel favours a worker that is already awake.</li>
 *   <li>{@link #REUSEPORT} (Node's {@code listen({reusePort: true})}, 22.12 / 23.1): each worker binds a socket of
 *       its own to the same port with {@code SO_REUSEPORT}, and the kernel spreads connections over the sockets by a
 *       hash of the client's address and port ({@link ReusePortHandle}). Linux 3.9 and later.</li>
 * </ul>
 *
 * <p>Chosen by {@code C2C_CLUSTER_SCHED_POLICY=rr|none|reuseport} (Node's {@code NODE_CLUSTER_SCHED_POLICY}) or
 * {@link Primary#schedulingPolicy(SchedulingPolicy)}, and frozen at the first fork or setupPrimary.
 */
public enum SchedulingPolicy {
    NONE,
    RR,
    REUSEPORT;

    /** The environment variable, as Node's NODE_CLUSTER_SCHED_POLICY. */
    public static final String ENV = "C2C_CLUSTER_SCHED_POLICY";

    /** "rr", "none" or "reuseport": the spelling on the command line, in the environment and in messages. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * "rr", "none" or "reuseport" (any case) to the policy.
     *
     * @throws IllegalArgumentException naming the three, for anything else
     */
    public static SchedulingPolicy parse(String name) {
        if (name != null) {
            for (SchedulingPolicy p : values()) {
                if (p.wireName().equalsIgnoreCase(name.strip())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown scheduling policy '" + name + "': use rr, none or reuseport");
    }

    /** The policy {@code env} asks for, or RR (Node's default on Linux and macOS) when it asks for none. */
    public static SchedulingPolicy fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        return value == null || value.isBlank() ? RR : parse(value);
    }
}
