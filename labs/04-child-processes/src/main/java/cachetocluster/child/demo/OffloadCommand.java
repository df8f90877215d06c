package cachetocluster.child.demo;

import cachetocluster.child.demo.Demos.DemoFailure;
import cachetocluster.eventloop.DelayMonitor;
import cachetocluster.eventloop.demo.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;

/** Lab 04, step 3: runs {@link Offload} and prints the two runs side by side. */
public final class OffloadCommand {

    static final String USAGE = "usage: offload [--n N] [--seconds S]   (defaults: fib(40), 3 s each way)";

    private OffloadCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int n = 40;
        int seconds = 3;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--n", "--seconds" -> {
                    String value = i + 1 < args.length ? args[++i] : null;
                    Integer parsed = option.equals("--n") ? Options.count(value, 20, 45) : Options.count(value, 1, 60);
                    if (parsed == null) {
                        err.println("offload: " + option + " needs a whole number from " + (option.equals("--n") ? "20 to 45" : "1 to 60")
                                + (value == null ? "" : ", not '" + value + "'") + " (" + USAGE + ")");
                        return 2;
                    }
                    if (option.equals("--n")) {
                        n = parsed;
                    } else {
                        seconds = parsed;
                    }
                }
                default -> {
                    err.println("offload: unknown option '" + option + "' (" + USAGE + ")");
                    return 2;
                }
            }
        }
        out.println("Lab 04, step 3: fib(" + n + ") on the event loop, then in a forked child");
        out.println();
        try {
            print(Offload.run(new Offload.Settings(n, seconds * 1000L, 10)), out);
            return 0;
        } catch (DemoFailure | IOException | RuntimeException e) {
            err.println("offload: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public static void print(Offload.Result r, PrintStream out) {
        Offload.Settings s = r.settings();
        out.println("  server   lab 03's event loop (one thread) and HttpServer, on 127.0.0.1");
        out.println("           GET /     -> \"Hello, world\" at once");
        out.println("           GET /fib  -> fib(" + s.n() + ") = " + r.fibValue() + ", " + Demos.millis(r.oneFibNanos())
                + " of computation on this machine (timed once, warm)");
        out.println("  clients  1 connection calling /fib back to back, 1 calling / every " + s.probeEveryMs() + " ms, for "
                + s.durationMs() / 1000 + " s, each way");
        out.println();
        out.println(String.format(Locale.ROOT, "  %-32s %18s %28s", "", "fib on the loop", "fib in a child (pid " + r.childPid() + ")"));
        row(out, "GET /fib   requests", r, run -> String.valueOf(run.fib().count()));
        row(out, "           p50", r, run -> micros(run.fib().p50Micros()));
        row(out, "GET /      requests", r, run -> String.valueOf(run.hello().count()));
        row(out, "           p50", r, run -> micros(run.hello().p50Micros()));
        row(out, "           p99", r, run -> micros(run.hello().p99Micros()));
        row(out, "           max", r, run -> micros(run.hello().maxMicros()));
        row(out, "loop delay p50", r, run -> Demos.millis(run.delayP50Nanos()));
        row(out, "           p99", r, run -> Demos.millis(run.delayP99Nanos()));
        row(out, "           max", r, run -> Demos.millis(run.delayMaxNanos()));
        row(out, "           samples", r, run -> String.valueOf(run.delaySamples()));
        row(out, "blocked callbacks (over 100 ms)", r, run -> String.valueOf(run.blocked().size()));
        out.println("  (GET / from when it was due; GET /fib from when it was sent; loop delay: the intervals of a 10 ms");
        out.println("   timer, monitorEventLoopDelay, so an idle loop reads about 10 ms)");
        if (!r.onLoop().blocked().isEmpty()) {
            DelayMonitor.BlockedCallback first = r.onLoop().blocked().getFirst();
            out.println();
            out.println("  on the loop, the delay monitor named the culprit " + r.onLoop().blocked().size() + " times, first as:");
            out.println("    " + first);
        }
    }

    private static void row(PrintStream out, String label, Offload.Result r, Function<Offload.Run, String> value) {
        out.println(String.format(Locale.ROOT, "  %-32s %18s %28s", label, value.apply(r.onLoop()), value.apply(r.inChild())));
    }

    private static String micros(long micros) {
        return Demos.millis(micros * 1_000);
    }
}
