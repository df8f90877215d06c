package cachetocluster.cluster.demo;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** What the demo tests share. */
final class DemoAsserts {

    private DemoAsserts() {}

    /** Waits (Awaitility, 30 s) until no process with this pid is alive: the demo left no worker behind. */
    static void gone(long pid) {
        await("pid " + pid + " to be gone").atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
