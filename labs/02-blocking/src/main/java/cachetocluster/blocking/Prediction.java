package cachetocluster.blocking;

/**
 * What {@link Throughput} predicts for a {@link Scenario}: the time until the last answer, the
 * requests per second that makes, and the longest any one request waited for its answer.
 */
public record Prediction(double wallMillis, double requestsPerSecond, double worstWaitMillis) {}
