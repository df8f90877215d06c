package cachetocluster.eventloop.demo;

import cachetocluster.eventloop.DelayMonitor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lab 03, steps 3 to 5: runs {@link ServerDemo} in one {@link ServerDemo.Mode} and prints what the clients and the
 * loop's delay monitor saw, as one short table.
 */
public final class ServerDemoCommand {

    static final String OPTIONS = "[--seconds S] [--slow-ms MS] [--clients N] [--work sleep|cpu]"
            + "   (defaults: 3 s, 200 ms, 4 slow clients, sleep)";

    private ServerDemoCommand() {}

    public static int run(ServerDemo.Mode mode, String[] args) {
        return run(mode, args, System.out, System.err);
    }

    public static int run(ServerDemo.Mode mode, String[] args, PrintStream out, PrintStream err) {
        String name = mode.name().toLowerCase(Locale.ROOT);
        String usage = "usage: " + name + " " + OPTIONS;
        ServerDemo.Settings defaults = ServerDemo.Settings.defaults(mode);
        ServerDemo.Work work = defaults.work();
        long slowMs = defaults.slowMs();
        int slowClients = defaults.slowClients();
        long seconds = defaults.durationMs() / 1000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            Integer n;
            switch (option) {
                case "--help", "-h" -> {
                    out.println(usage);
                    return 0;
                }
                case "--seconds" -> n = Options.count(value, 1, 600);
                case "--slow-ms" -> n = Options.count(value, 1, 60_000);
                case "--clients" -> n = Options.count(value, 0, 256);
                case "--work" -> {
                    if (!"sleep".equals(value) && !"cpu".equals(value)) {
                        err.println(name + ": --work needs sleep or cpu" + (value == null ? "" : ", not '" + value + "'") + " (" + usage + ")");
                        return 2;
                    }
                    work = value.equals("sleep") ? ServerDemo.Work.SLEEP : ServerDemo.Work.CPU;
                    i++;
                    continue;
                }
                default -> {
                    err.println(name + ": unknown option '" + option + "' (" + usage + ")");
                    return 2;
                }
            }
            if (n == null) {
                err.println(name + ": " + option + " needs a whole number in range" + (value == null ? "" : ", not '" + value + "'") + " (" + usage + ")");
                return 2;
            }
            switch (option) {
                case "--seconds" -> seconds = n;
                case "--slow-ms" -> slowMs = n;
                default -> slowClients = n;
            }
            i++;
        }
        ServerDemo.Settings settings = defaults.with(work, slowMs, slowClients, seconds * 1000);
        int step = switch (mode) {
            case RESPONSIVE -> 3;
            case BLOCKED -> 4;
            case OFFLOADED -> 5;
        };
        out.println("Lab 03, step " + step + ": " + switch (mode) {
            case RESPONSIVE -> "a slow endpoint that waits on a timer; the loop stays free";
            case BLOCKED -> "the slow endpoint does its work on the loop thread; every client waits";
            case OFFLOADED -> "the slow endpoint's work goes to the worker pool; the loop stays free";
        });
        out.println();
        ServerDemo.Result result;
        try {
            result = ServerDemo.run(settings);
        } catch (IOException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name + ": interrupted");
            return 1;
        } catch (RuntimeException e) {
            err.println(name + ": " + e); // with --mine, an exercise's TODO says which method and task
            return 1;
        }
        print(result, out);
        return 0;
    }

    static void print(ServerDemo.Result r, PrintStream out) {
        ServerDemo.Settings s = r.settings();
        out.println("  server   http://127.0.0.1:" + r.port() + ", one event loop thread");
        out.println("           GET /      -> \"Hello, world\" at once");
        out.println("           GET /slow  -> after " + s.slowMs() + " ms: " + switch (s.mode()) {
            case RESPONSIVE -> "loop.setTimeout(reply, " + s.slowMs() + "), no work at all";
            case BLOCKED -> s.work().description() + ", in the handler, on the loop thread";
            case OFFLOADED -> s.work().description() + ", on the worker pool (" + r.poolSize() + " threads), the reply back on the loop";
        });
        out.println("  clients  " + s.slowClients() + " connection" + (s.slowClients() == 1 ? "" : "s") + " calling /slow back to back,"
                + " 1 calling / every " + s.probeEveryMs() + " ms, for " + s.durationMs() / 1000 + " s");
        out.println();
        out.println(String.format(Locale.ROOT, "  %-10s %9s %10s %10s %10s", "endpoint", "requests", "p50", "p99", "max"));
        row(out, "GET /slow", r.slow());
        row(out, "GET /", r.fast());
        out.println("  (GET / from when it was due, every " + s.probeEveryMs() + " ms; GET /slow from when it was sent)");
        out.println();
        out.println("  event loop delay (monitorEventLoopDelay, 10 ms resolution): " + r.loopDelay().summary());
        if (r.blocked().isEmpty()) {
            out.println("  blocked callbacks (over 100 ms): none");
        } else {
            Map<String, long[]> byName = new LinkedHashMap<>(); // name -> {count, min, max}
            for (DelayMonitor.BlockedCallback b : r.blocked()) {
                long[] stats = byName.computeIfAbsent(b.callback(), k -> new long[] {0, Long.MAX_VALUE, 0});
                stats[0]++;
                stats[1] = Math.min(stats[1], b.nanos());
                stats[2] = Math.max(stats[2], b.nanos());
            }
            out.println("  blocked callbacks (over 100 ms): " + r.blocked().size() + ", the first reported as:");
            out.println("    " + r.blocked().getFirst());
            byName.forEach((callback, stats) -> out.println("    " + stats[0] + " x " + callback + ", "
                    + millis(stats[1] / 1_000) + (stats[1] == stats[2] ? "" : " to " + millis(stats[2] / 1_000)) + " each"));
        }
    }

    private static void row(PrintStream out, String endpoint, ServerDemo.Latencies l) {
        out.println(String.format(Locale.ROOT, "  %-10s %9d %10s %10s %10s", endpoint, l.count(),
                l.count() == 0 ? "-" : millis(l.p50Micros()), l.count() == 0 ? "-" : millis(l.p99Micros()),
                l.count() == 0 ? "-" : millis(l.maxMicros())));
    }

    /** Three significant digits in milliseconds: 0.153 ms, 12.4 ms, 803 ms. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        String format = ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : ms >= 1 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, format, ms);
    }
}
