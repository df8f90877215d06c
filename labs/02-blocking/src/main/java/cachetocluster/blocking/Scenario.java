package cachetocluster.blocking;

/**
 * One closed-loop experiment: {@code clients} clients each open one keep-alive connection to a server
 * in {@code mode} and send {@code requestsEach} requests, each as soon as the answer to the one
 * before has come. Every request costs the handler's {@code work}.
 */
public record Scenario(Mode mode, Work work, int clients, int requestsEach) {

    public Scenario {
        if (mode == null || work == null) {
            throw new IllegalArgumentException("a scenario needs a mode and a work");
        }
        if (clients < 1 || requestsEach < 1) {
            throw new IllegalArgumentException("a scenario needs at least one client and one request each, not "
                    + clients + " x " + requestsEach);
        }
    }

    public int requests() {
        return clients * requestsEach;
    }

    @Override
    public String toString() {
        return mode.label() + ", " + work.label() + (work instanceof Work.Computes c ? " on " + c.cores() + " cores" : "")
                + ", " + clients + (clients == 1 ? " client x " : " clients x ") + requestsEach;
    }
}
