package cachetocluster.eventloop.demo;

import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.Fs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The classic "in which order do these print?" programs of Node's event-loop guide, each once as Node source and
 * once on our {@link EventLoop}, so the Phases step can print them side by side.
 *
 * <p>A scenario runs on a fresh loop and returns what it logged, in order. Run it many times and {@link #tally} the
 * orders: some are fixed by the phases, one (a timer against an immediate, both set by the main script) is not, in
 * Node or here, and only a tally shows that honestly.
 */
public final class PhaseOrder {

    /**
     * One program: its Node source (CommonJS, run as {@code node file.js}), the orders Node's documentation allows,
     * and the same program on our loop.
     */
    public record Scenario(String title, String nodeProgram, Set<List<String>> documented, String why, Consumer<Logger> java) {

        /** Runs the Java version once on a fresh loop and returns the order of its log lines. */
        public List<String> runOnce() {
            List<String> lines = new ArrayList<>();
            try (EventLoop loop = EventLoop.create()) {
                java.accept(new Logger(loop, lines));
                loop.run();
            }
            return lines;
        }

        /** Whether Node's documentation allows this order. */
        public boolean documents(List<String> order) {
            return documented.contains(order);
        }
    }

    /** What a scenario gets: the loop, and {@code log(text)}, the Java side's {@code console.log}. */
    public record Logger(EventLoop loop, List<String> lines) {
        public void log(String line) {
            lines.add(line);
        }

        public Runnable says(String line) {
            return () -> lines.add(line);
        }
    }

    private PhaseOrder() {}

    public static final Scenario GUIDE_EXAMPLE = new Scenario(
            "The guide's own example: a timeout and an immediate, set by the main script",
            """
            setTimeout(() => console.log('setTimeout 0'), 0);
            setImmediate(() => console.log('setImmediate'));
            """,
            Set.of(List.of("setTimeout 0", "setImmediate"), List.of("setImmediate", "setTimeout 0")),
            "A 0 ms timeout is a 1 ms timeout. It runs in the first turn's timers phase only if the loop's clock"
                    + " has moved 1 ms since setTimeout; if not, the check phase runs the immediate first and the"
                    + " timer waits a turn. Node's guide: the order is \"non-deterministic, as it is bound by the"
                    + " performance of the process\".",
            s -> {
                EventLoop loop = s.loop();
                loop.setTimeout(s.says("setTimeout 0"), 0);
                loop.setImmediate(s.says("setImmediate"));
            });

    public static final Scenario MAIN_MODULE = new Scenario(
            "The same, with a nextTick, a microtask and a line printed by the main script",
            """
            setTimeout(() => console.log('setTimeout 0'), 0);
            setImmediate(() => console.log('setImmediate'));
            process.nextTick(() => console.log('nextTick'));
            queueMicrotask(() => console.log('queueMicrotask'));
            console.log('main script');
            """,
            Set.of(List.of("main script", "nextTick", "queueMicrotask", "setTimeout 0", "setImmediate"),
                    List.of("main script", "nextTick", "queueMicrotask", "setImmediate", "setTimeout 0")),
            "The script first, then every nextTick, then every microtask, before the loop's first turn. The"
                    + " timer and the immediate still race as in 1. But Node creates process.stdout on the first"
                    + " console.log, which takes milliseconds, and here that happens before the first turn: by"
                    + " then the 1 ms timer is due. This loop has no such start-up cost.",
            s -> {
                EventLoop loop = s.loop();
                loop.setTimeout(s.says("setTimeout 0"), 0);
                loop.setImmediate(s.says("setImmediate"));
                loop.nextTick(s.says("nextTick"));
                loop.queueMicrotask(s.says("queueMicrotask"));
                s.log("main script");
            });

    public static final Scenario IO_CALLBACK = new Scenario(
            "Scheduled inside an I/O callback (fs.readFile's)",
            """
            require('fs').readFile(__filename, () => {
              setTimeout(() => console.log('setTimeout 0'), 0);
              setImmediate(() => console.log('setImmediate'));
              process.nextTick(() => console.log('nextTick'));
              queueMicrotask(() => console.log('queueMicrotask'));
              console.log('I/O callback');
            });
            """,
            Set.of(List.of("I/O callback", "nextTick", "queueMicrotask", "setImmediate", "setTimeout 0")),
            "The callback runs in the poll phase; check (immediates) comes right after poll, timers only on the"
                    + " next turn. Node's guide: setImmediate \"will always be executed before any timers if"
                    + " scheduled within an I/O cycle\".",
            s -> {
                EventLoop loop = s.loop();
                Path file = tempFile();
                Fs.readFile(loop, file, (error, bytes) -> {
                    deleteQuietly(file);
                    loop.setTimeout(s.says("setTimeout 0"), 0);
                    loop.setImmediate(s.says("setImmediate"));
                    loop.nextTick(s.says("nextTick"));
                    loop.queueMicrotask(s.says("queueMicrotask"));
                    s.log("I/O callback");
                });
            });

    public static final Scenario TICKS_BETWEEN_TIMERS = new Scenario(
            "Two timers due together; the first queues a nextTick and a promise callback",
            """
            setTimeout(() => {
              console.log('timeout 1');
              process.nextTick(() => console.log('nextTick of 1'));
              Promise.resolve().then(() => console.log('then of 1'));
            }, 0);
            setTimeout(() => console.log('timeout 2'), 0);
            """,
            Set.of(List.of("timeout 1", "nextTick of 1", "then of 1", "timeout 2")),
            "Since Node 11 both queues are drained after every callback, so timeout 1's nextTick and promise run"
                    + " before timeout 2. Node 10 and older drained them only after the batch of due timers and"
                    + " printed timeout 1, timeout 2, nextTick of 1, then of 1. Browsers drain microtasks after"
                    + " every task too.",
            s -> {
                EventLoop loop = s.loop();
                loop.setTimeout(() -> {
                    s.log("timeout 1");
                    loop.nextTick(s.says("nextTick of 1"));
                    loop.queueMicrotask(s.says("then of 1")); // a resolved promise's .then is a microtask
                }, 0);
                loop.setTimeout(s.says("timeout 2"), 0);
            });

    public static final List<Scenario> ALL = List.of(GUIDE_EXAMPLE, MAIN_MODULE, IO_CALLBACK, TICKS_BETWEEN_TIMERS);

    /** Runs {@code scenario} {@code runs} times; each distinct order with how often it came, most frequent first. */
    public static Map<List<String>, Integer> tally(Scenario scenario, int runs) {
        List<List<String>> orders = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            orders.add(scenario.runOnce());
        }
        return tally(orders);
    }

    /** Each distinct order with how often it came, most frequent first (ties: the one seen first). */
    public static Map<List<String>, Integer> tally(List<List<String>> orders) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (List<String> order : orders) {
            counts.merge(order, 1, Integer::sum);
        }
        Map<List<String>, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** {@code a > b > c}: an order as one line. */
    public static String arrows(List<String> order) {
        return String.join(" > ", order);
    }

    private static Path tempFile() {
        try {
            return Files.writeString(Files.createTempFile("c2c-phases-", ".txt"), "read me on the worker pool\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }
}
