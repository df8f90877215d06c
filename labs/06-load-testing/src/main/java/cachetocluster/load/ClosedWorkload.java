package cachetocluster.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed model: a fixed number of connections ("clients", loadtest's {@code -c}), each sending its next
 * request the moment the previous one ended. The server sets the pace, which is why the model under-reports a
 * stall: while the server is stuck, nobody sends, so nobody records the wait (coordinated omission). Use
 * {@code --rps} for the open model.
 *
 * <p>{@code -n} is shared by all loops through one counter: a connection takes a ticket before each request, and
 * the run sends exactly {@code -n} requests however the loops are balanced.
 */
final class ClosedWorkload implements Workload {

    /** The requests the whole run may send: {@code -n}, or no limit. */
    static final class Tickets {
        private final long limit;
        private final AtomicLong taken = new AtomicLong();

        Tickets(long limit) {
            this.limit = limit;
        }

        boolean take() {
            return limit == 0 || (taken.get() < limit && taken.getAndIncrement() < limit);
        }

        boolean left() {
            return limit == 0 || taken.get() < limit;
        }
    }

    private final RequestTemplate template;
    private final Tickets tickets;
    private final int clients;
    private final List<Connection> connections = new ArrayList<>();
    private boolean started;
    private boolean stopped;

    ClosedWorkload(RequestTemplate template, Tickets tickets, int clients) {
        this.template = template;
        this.tickets = tickets;
        this.clients = clients;
    }

    @Override
    public long poll(LoadLoop loop, long now) {
        if (!started) {
            started = true;
            for (int i = 0; i < clients; i++) connections.add(loop.newConnection());
            for (Connection c : connections) next(loop, c, now);
        }
        return Long.MAX_VALUE;
    }

    @Override
    public void ended(LoadLoop loop, Connection connection, boolean failed, long now) {
        next(loop, connection, now);
    }

    private void next(LoadLoop loop, Connection c, long now) {
        // The time limit is checked here, at each send, not only on the loop's next tick: -t means no request
        // starts after it.
        if (!stopped && !loop.sendingStopped() && now - loop.control().sendUntilNanos() < 0 && tickets.take()) {
            loop.start(c, template, now, now);
        }
    }

    @Override
    public boolean exhausted() {
        return stopped || (started && !tickets.left());
    }

    @Override
    public void stopSending() {
        stopped = true;
    }
}
