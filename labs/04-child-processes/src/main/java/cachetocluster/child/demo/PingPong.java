package cachetocluster.child.demo;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Parent;
import cachetocluster.child.Signal;
import cachetocluster.child.Stdio;
import cachetocluster.child.demo.Demos.DemoFailure;
import cachetocluster.eventloop.demo.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * Lab 04, step 4: ping-pong over the IPC channel. One message in flight: the parent sends {@code {"seq":n}}, the
 * child sends it straight back, and the parent's 'message' listener times the round trip and sends the next ping.
 *
 * <pre>{@code
 * child.on('message', m => { record(m.seq); if (m.seq < N) child.send({ seq: m.seq + 1 }) })   // parent
 * process.on('message', m => process.send(m))                                                  // child
 * }</pre>
 *
 * <p>A round trip is two frames through the kernel (a write and a read on each side, one Unix socket), two JSON
 * encodings and two parses, and two thread wake-ups: the reader thread blocked in {@code read(2)} on each side. It
 * runs twice: with the listeners on the reader thread itself ({@code executor(Runnable::run)}; the child's
 * {@code dispatchOn(Runnable::run)}), and with the default, where each event is handed to a pool thread (so that a
 * listener that sends a lot can never stall the reader: see SerialExecutor). The difference is the price of that
 * hand-off, two more wake-ups per round trip.
 */
public final class PingPong {

    /** Where the 'message' listeners run, on both sides. */
    public enum Dispatch {
        DIRECT("on the reader thread (direct)"),
        POOLED("on a pool thread (the default)");

        private final String description;

        Dispatch(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The child: every message goes straight back. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            if (List.of(args).contains(Dispatch.DIRECT.name())) {
                Parent.port().dispatchOn(Runnable::run);
            }
            Parent.onMessage(Parent::send);
            Parent.send(Demos.ordered("ready", ProcessHandle.current().pid()));
        }
    }

    /** One row: {@code count} timed round trips; latencies in nanoseconds. */
    public record Run(Dispatch dispatch, long childPid, long timed, long elapsedNanos, long p50Nanos, long p99Nanos,
                      long p999Nanos, long maxNanos) {
        public double roundTripsPerSecond() {
            return timed / (elapsedNanos / 1e9);
        }
    }

    public record Result(int count, int warmup, int payloadBytes, int frameBytes, List<Run> runs) {}

    private PingPong() {}

    /** Ping-pong with each dispatch, {@code warmup} untimed round trips then {@code count} timed ones. */
    public static Result run(int count, int warmup, int payloadBytes) throws IOException, InterruptedException, DemoFailure {
        List<Run> runs = new ArrayList<>();
        for (Dispatch dispatch : Dispatch.values()) {
            runs.add(runOne(dispatch, count, warmup, payloadBytes));
        }
        return new Result(count, warmup, payloadBytes, ping(0, payloadBytes).remaining(), runs);
    }

    /** The frame of one ping: {"seq":n} plus padding, as bytes with its newline (for the table). */
    private static java.nio.ByteBuffer ping(int seq, int payloadBytes) {
        return cachetocluster.child.FrameCodec.encode(message(seq, payloadBytes == 0 ? null : "x".repeat(payloadBytes)));
    }

    private static Map<String, Object> message(int seq, String pad) {
        return pad == null ? Demos.ordered("seq", seq) : Demos.ordered("seq", seq, "pad", pad);
    }

    static Run runOne(Dispatch dispatch, int count, int warmup, int payloadBytes)
            throws IOException, InterruptedException, DemoFailure {
        ForkOptions options = new ForkOptions().stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT);
        if (dispatch == Dispatch.DIRECT) {
            options.executor(Runnable::run);
        }
        ChildProcess child = ChildProcesses.fork(Child.class, List.of(dispatch.name()), options);
        try {
            Demos.await(Demos.firstMessage(child), "the ping-pong child's ready message");

            String pad = payloadBytes == 0 ? null : "x".repeat(payloadBytes);
            int total = warmup + count;
            Histogram histogram = new Histogram(3);
            CompletableFuture<Long> done = new CompletableFuture<>();
            long[] sentAt = new long[1];
            long[] timedFrom = new long[1];
            // One listener, and only it sends after the first ping: the round trips never overlap.
            child.on("message", args -> {
                long now = System.nanoTime();
                int seq = ((Number) ((Map<?, ?>) args[0]).get("seq")).intValue();
                if (seq >= warmup) {
                    histogram.recordValue(now - sentAt[0]);
                } else if (seq == warmup - 1) {
                    timedFrom[0] = now;
                }
                if (seq + 1 < total) {
                    sentAt[0] = System.nanoTime();
                    child.send(message(seq + 1, pad));
                } else {
                    done.complete(now);
                }
            });
            child.onDisconnect(() -> done.completeExceptionally(new IOException("the channel closed during the round trips")));
            long start = System.nanoTime();
            timedFrom[0] = start; // replaced when the last warm-up round trip comes back
            sentAt[0] = start;
            child.send(message(0, pad));
            long end = Demos.await(done, total + " round trips");
            return new Run(dispatch, child.pid(), histogram.getTotalCount(), end - timedFrom[0], histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
        } finally {
            child.kill(Signal.SIGKILL);
        }
    }

    /** The step's command line. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: ping-pong [--count N] [--warmup N] [--bytes B]   (defaults: 20000, 5000, 0 bytes of padding)";
        int count = 20_000;
        int warmup = 5_000;
        int bytes = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                out.println(usage);
                return 0;
            }
            String value = i + 1 < args.length ? args[++i] : null;
            Integer n = switch (option) {
                case "--count" -> Options.count(value, 1, 10_000_000);
                case "--warmup" -> Options.count(value, 0, 10_000_000);
                case "--bytes" -> Options.count(value, 0, 1 << 20);
                default -> {
                    err.println("ping-pong: unknown option '" + option + "' (" + usage + ")");
                    yield -1;
                }
            };
            if (n == null) {
                err.println("ping-pong: " + option + " needs a whole number in range" + (value == null ? "" : ", not '" + value + "'")
                        + " (" + usage + ")");
                return 2;
            }
            switch (option) {
                case "--count" -> count = n;
                case "--warmup" -> warmup = n;
                case "--bytes" -> bytes = n;
                default -> {
                    return 2;
                }
            }
        }
        out.println("Lab 04, step 4: ping-pong over the IPC channel, one message in flight");
        out.println();
        try {
            print(run(count, warmup, bytes), out);
            return 0;
        } catch (DemoFailure | IOException | RuntimeException e) {
            err.println("ping-pong: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public static void print(Result r, PrintStream out) {
        out.println("  parent pid " + ProcessHandle.current().pid() + " and a forked child, over the channel's Unix socket;"
                + " each ping is {\"seq\":n" + (r.payloadBytes() > 0 ? ",\"pad\":\"x...\"" : "") + "}, "
                + r.frameBytes() + " bytes with its newline, echoed back as it came");
        out.println("  " + r.count() + " timed round trips per row, after " + r.warmup() + " to warm up (a new child per row)");
        out.println();
        String format = "  %-32s %14s %10s %10s %10s %10s";
        out.println(String.format(Locale.ROOT, format, "the listeners run", "round trips/s", "p50", "p99", "p99.9", "max"));
        for (Run run : r.runs()) {
            out.println(String.format(Locale.ROOT, format, run.dispatch().description(),
                    String.format(Locale.ROOT, "%,.0f", run.roundTripsPerSecond()), Demos.micros(run.p50Nanos()),
                    Demos.micros(run.p99Nanos()), Demos.micros(run.p999Nanos()), Demos.micros(run.maxNanos())));
        }
        out.println("  (a round trip: parent send, child read and send, parent read; timed in the parent from its send)");
    }
}
