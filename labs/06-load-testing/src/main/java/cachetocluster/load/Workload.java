package cachetocluster.load;

/**
 * What one {@link LoadLoop} sends, and when. Three of them: {@link ClosedWorkload} (loadtest's {@code -c}:
 * each connection sends again as soon as its reply is in), {@link OpenWorkload} ({@code --rps}: requests at
 * fixed times, whatever the replies do) and {@link VirtualUsers} (artillery: users arrive on a schedule and each
 * walks through its flow). All calls come on the loop's thread.
 */
interface Workload {

    /** Starts whatever is due at {@code now}. Returns when something next falls due ({@link Long#MAX_VALUE}: nothing by the clock). */
    long poll(LoadLoop loop, long now);

    /** The request on {@code connection} ended ({@code failed}: without a reply). The workload may send on it again, at once. */
    void ended(LoadLoop loop, Connection connection, boolean failed, long now);

    /** True once nothing more will ever be sent. */
    boolean exhausted();

    /** The time limit passed, or the run was interrupted: start nothing more. */
    void stopSending();

    /** Requests the schedule had for this loop that were never sent (the run stopped first). */
    default long unsent() {
        return 0;
    }

    /** Requests that were due while every connection this loop may open was busy, and so went out when one came free. */
    default long waitedForConnection() {
        return 0;
    }
}
