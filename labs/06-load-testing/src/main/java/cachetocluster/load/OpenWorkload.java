package cachetocluster.load;

import java.util.ArrayDeque;

/**
 * The open model ({@code --rps}): requests go out at the times an {@link OpenSchedule} gives, on whichever
 * connection is free, whatever the replies before them did. Connections open on demand, as loadtest's clients
 * do, up to this loop's share of the connection cap; when all are busy, due requests wait here, and each one's
 * response time still counts from when it was due (see {@link LatencyRecorder}).
 *
 * <p>Free connections are reused last-in first-out: the most recently used one is the warmest, and with
 * keep-alive, connections that the load does not need stay idle instead of being cycled.
 */
final class OpenWorkload implements Workload {

    private final RequestTemplate template;
    private final OpenSchedule schedule;
    private final int maxConnections;
    private final ArrayDeque<Connection> free = new ArrayDeque<>();
    private int opened;
    private long next; // this lane's next request to send
    private boolean stopped;
    private boolean poolFull; // due requests are waiting because every connection is busy
    private long waitedForConnection;

    OpenWorkload(RequestTemplate template, OpenSchedule schedule, int maxConnections) {
        this.template = template;
        this.schedule = schedule;
        this.maxConnections = maxConnections;
    }

    @Override
    public long poll(LoadLoop loop, long now) {
        long start = loop.control().startNanos();
        long due = schedule.dueBy(now - start);
        while (!stopped && next < due) {
            Connection c = free.pollFirst();
            if (c == null) {
                if (opened == maxConnections) { // backlog: the next free connection takes it (ended)
                    poolFull = true;
                    break;
                }
                c = loop.newConnection();
                opened++;
            }
            if (poolFull) waitedForConnection++;
            loop.start(c, template, start + schedule.offsetNanos(next), now);
            next++;
        }
        if (next >= due) poolFull = false; // caught up: the backlog is gone
        if (stopped || next >= schedule.size()) return Long.MAX_VALUE;
        return next < due ? Long.MAX_VALUE : start + schedule.offsetNanos(next);
    }

    @Override
    public void ended(LoadLoop loop, Connection connection, boolean failed, long now) {
        free.addFirst(connection);
        if (!stopped && next < schedule.dueBy(now - loop.control().startNanos())) {
            poll(loop, now); // a backlog waits: send the oldest due request on this connection now
            loop.reactor().wakeup(); // and let the loop's clock see the next due time
        }
    }

    @Override
    public long unsent() {
        return schedule.size() == Long.MAX_VALUE ? 0 : schedule.size() - next;
    }

    @Override
    public long waitedForConnection() {
        return waitedForConnection;
    }

    @Override
    public boolean exhausted() {
        return stopped || next >= schedule.size();
    }

    @Override
    public void stopSending() {
        stopped = true;
    }
}
