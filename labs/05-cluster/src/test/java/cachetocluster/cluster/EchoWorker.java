package cachetocluster.cluster;

import java.util.Map;

/**
 * A worker for the life-cycle tests: no server, only messages. It says hello with its id, its C2C_UNIQUE_ID and its
 * policy, then obeys {@code {"op": ...}}: echo, disconnect (worker-side), exit.
 */
public final class EchoWorker {

    private EchoWorker() {}

    public static void main(String[] args) {
        CurrentWorker self = Cluster.worker();
        self.on("message", a -> {
            Map<?, ?> m = (Map<?, ?>) a[0];
            switch (String.valueOf(m.get("op"))) {
                case "echo" -> self.send(Map.of("echo", m.get("value")));
                case "disconnect" -> self.disconnect();
                case "exit" -> System.exit(((Number) m.get("code")).intValue());
                default -> self.send(Map.of("unknownOp", String.valueOf(m.get("op"))));
            }
        });
        self.send(Map.of("hello", self.id(), "uniqueId", System.getenv(Primary.UNIQUE_ID_ENV),
                "policy", self.schedulingPolicy().wireName(), "args", java.util.List.of(args)));
        self.loop().run(); // the 'message' listener keeps it running until the channel closes
    }
}
