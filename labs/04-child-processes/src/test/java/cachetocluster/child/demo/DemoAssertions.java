package cachetocluster.child.demo;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the demo tests share: captured output, and "no child left behind". */
final class DemoAssertions {

    private DemoAssertions() {}

    /** Waits (Awaitility, 20 s) until no process with this pid is alive: the demo left no child behind. */
    static void gone(long pid) {
        await("pid " + pid + " to be gone").atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    /** A PrintStream and what was printed on it. */
    record Captured(PrintStream stream, ByteArrayOutputStream bytes) {
        static Captured open() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            return new Captured(new PrintStream(bytes, true, StandardCharsets.UTF_8), bytes);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
