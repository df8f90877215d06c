package cachetocluster.cluster;

/**
 * What one worker answered the round-robin primary: connections it accepted, and hand-offs it refused (each refused
 * one went on to another worker). See {@link Primary#roundRobinCounts()}.
 */
public record HandoffCounts(long accepted, long refused) {

    HandoffCounts plus(HandoffCounts other) {
        return new HandoffCounts(accepted + other.accepted, refused + other.refused);
    }
}
