package cachetocluster.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report jload prints: what was asked (model, limits), what happened (counts, rates, latency table, errors
 * by name), and how the run ended. Every figure says what it is measured from; the closed model says out loud
 * that it under-counts stalls.
 */
public final class TextReport {

    private TextReport() {}

    public static List<String> lines(LoadResult r) {
        LoadOptions o = r.options();
        List<String> out = new ArrayList<>();
        out.add("jload " + Jload.VERSION + ": " + o.method() + " " + o.url());
        if (r.openModel()) {
            out.add(row("model", "open: " + num(o.rps()) + " requests/s on a fixed schedule, up to " + o.maxConnections()
                    + " connections opened as needed"));
            out.add(row("", "response time counts from when each request was due (no coordinated omission)"));
        } else {
            out.add(row("model", "closed: " + o.concurrency() + " connection" + (o.concurrency() == 1 ? "" : "s")
                    + ", each sends its next request when its reply arrives"));
            out.add(row("", "latency counts from the actual send: a stall is under-counted (use --rps for the open model)"));
        }
        List<String> limits = new ArrayList<>();
        if (o.maxRequests() > 0) limits.add("-n " + o.maxRequests());
        if (o.maxSeconds() > 0) limits.add("-t " + num(o.maxSeconds()) + " s");
        if (o.timeoutMillis() > 0) limits.add("-d " + o.timeoutMillis() + " ms");
        limits.add(o.keepAlive() ? "keep-alive" : "a new connection per request (no -k)");
        limits.add(r.loops() + " event loop" + (r.loops() == 1 ? "" : "s"));
        out.add(row("settings", String.join(", ", limits)));
        out.add("");
        out.add(row("requests", count(r.sent()) + " sent, " + count(r.replies()) + " replies, " + count(r.errorCount())
                + " errors (" + pct(r.errorRatePercent()) + ")"));
        out.add(row("duration", secs(r.elapsedSeconds()) + " (sending " + secs(r.sendingSeconds()) + ")"));
        String rate = count(Math.round(r.repliesPerSecond())) + " replies/s";
        if (r.openModel()) {
            rate += "; sent " + num(round1(r.sendRate())) + "/s against a target of " + num(o.rps()) + "/s";
        }
        out.add(row("rate", rate));
        out.add(row("connections", count(r.connectionsOpened()) + " opened; " + bytes(r.bytesReceived()) + " received"));
        if (r.generatorCores() >= 0) {
            int cores = Runtime.getRuntime().availableProcessors();
            String cpu = String.format(Locale.ROOT, "jload used %.0f%% of a core on average (%d usable)", 100 * r.generatorCores(), cores);
            if (r.generatorCores() > 0.9 * Math.min(cores, r.loops())) {
                cpu += ": it may be what limits the rate (more --threads, or more cores)";
            }
            out.add(row("generator", cpu));
        }
        out.add("");
        if (r.openModel()) {
            out.addAll(PercentileTable.render(List.of("response time", "service time"), List.of(r.responseTime(), r.serviceTime())));
            out.add("  (response time: from when the request was due; service time: from when it went out)");
            long late = r.latency().late();
            if (late > 0) {
                out.add(row("queue", count(late) + " requests went out more than 1 ms after they were due (the longest wait: "
                        + PercentileTable.millis(r.latency().maxQueueNanos() / 1e6) + " ms)"));
                out.add(row("", r.waitedForConnection() > 0
                        ? count(r.waitedForConnection()) + " requests fell due while all " + o.maxConnections()
                                + " connections were busy (-c); any other lateness is the generator's own CPU"
                        : "no connection was short (-c " + o.maxConnections() + "): they waited for the generator's own CPU"));
            }
            if (r.unsent() > 0) {
                out.add(row("not sent", count(r.unsent()) + " requests of the schedule never went out before the end: the target rate was not reached"));
            }
        } else {
            out.addAll(PercentileTable.render(List.of("latency"), List.of(r.responseTime())));
        }
        out.add("");
        StringBuilder codes = new StringBuilder();
        for (Map.Entry<Integer, Long> e : r.errors().statuses().entrySet()) {
            if (!codes.isEmpty()) codes.append(", ");
            codes.append(e.getKey()).append(": ").append(count(e.getValue()));
        }
        out.add(row("status codes", codes.isEmpty() ? "(no replies)" : codes.toString()));
        List<ErrorTable.Row> rows = r.errors().rows();
        if (rows.isEmpty()) {
            out.add(row("errors", "none"));
        } else {
            out.add(row("errors", ""));
            for (ErrorTable.Row e : rows) {
                out.add(String.format(Locale.ROOT, "    %-12s %10s %8s  %s%s", e.name(), count(e.count()), pct(e.percentOf(r.sent())),
                        e.description(), e.example() == null ? "" : " (" + e.example() + ")"));
            }
        }
        out.add("");
        out.add(row("ended", ending(r)));
        return out;
    }

    static String ending(LoadResult r) {
        String how = switch (r.stopReason()) {
            case MAX_REQUESTS -> "all " + count(r.options().maxRequests()) + " requests (-n) were sent";
            case MAX_TIME -> "the -t limit stopped sending at " + secs(r.sendingSeconds());
            case INTERRUPTED -> "interrupted: sending stopped at " + secs(r.sendingSeconds());
        };
        how += "; waited " + secs(r.drainSeconds()) + " for the last replies";
        if (r.stopReason() == LoadResult.StopReason.MAX_TIME) {
            how += " (up to " + secs(r.options().drainMillis() / 1000.0) + ")";
        }
        if (r.unfinished() > 0) {
            how += "; " + count(r.unfinished()) + " never came (counted as EUNFINISHED errors)";
        }
        return how;
    }

    /** "threshold  max-p99 <= 100 ms: p99 was 12.3 ms: passed". */
    public static String threshold(Thresholds.Check c) {
        boolean p99 = c.name().equals("max-p99");
        String unit = p99 ? " ms" : "%";
        String actual = p99 ? PercentileTable.millis(c.actual()) : String.format(Locale.ROOT, "%.2f", c.actual());
        return row("threshold", c.name() + " <= " + num(c.limit()) + unit + ": " + (p99 ? "p99" : "error rate") + " was "
                + actual + unit + ": " + (c.passed() ? "passed" : "FAILED"));
    }

    public static void print(LoadResult r, PrintStream out) {
        for (String line : lines(r)) out.println(line);
    }

    /** The progress line: elapsed, sent, replies in the last whole second, p99 so far, errors. */
    public static String progress(double elapsedSeconds, Timeline t) {
        int lastWholeSecond = (int) Math.floor(elapsedSeconds) - 1;
        return String.format(Locale.ROOT, "  %5.0f s   sent %s   %s replies/s   p99 %s ms   errors %s",
                elapsedSeconds, count(t.sent()), count(t.repliesIn(lastWholeSecond)), PercentileTable.millis(t.p99SoFar()), count(t.errors()));
    }

    private static String row(String label, String text) {
        return String.format(Locale.ROOT, "  %-13s %s", label, text).stripTrailing();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 1,000 or 2.5 or 0.125: whole numbers with separators, others with the digits they need (up to 6 significant). */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%,d", (long) d);
        return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, p > 0 && p < 0.01 ? "%.4f%%" : "%.2f%%", p);
    }

    static String secs(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.3f s" : "%.2f s", s);
    }

    private static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }

    static String bytes(long b) {
        if (b < 10_000) return b + " B";
        if (b < 10_000_000) return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        if (b < 10_000_000_000L) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }
}
