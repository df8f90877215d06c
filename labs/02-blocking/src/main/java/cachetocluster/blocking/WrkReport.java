package cachetocluster.blocking;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk printed, read back: requests/s, the latency percentiles of {@code --latency}, the max, and
 * the errors. wrk writes times with a unit ("201.00ms", "1.02s", "850.00us"); these are in ms.
 */
public record WrkReport(long requests, double seconds, double requestsPerSecond, double p50Millis, double p99Millis,
                        double maxMillis, long socketErrors, long non2xx) {

    private static final String TIME = "([\\d.]+)(us|ms|s|m|h)";
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in " + TIME);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern MAX = Pattern.compile("Latency\\s+" + TIME + "\\s+" + TIME + "\\s+" + TIME);
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /**
     * Reads wrk's standard output.
     *
     * @throws IllegalArgumentException if it has no "requests in" or "Requests/sec" line
     */
    public static WrkReport parse(String output) {
        Matcher requests = REQUESTS.matcher(output);
        Matcher rate = RATE.matcher(output);
        if (!requests.find() || !rate.find()) {
            throw new IllegalArgumentException("this is not wrk's report (no \"requests in\" and \"Requests/sec\" lines)");
        }
        Matcher max = MAX.matcher(output);
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) errors += Long.parseLong(socket.group(g));
        }
        Matcher non2xx = NON_2XX.matcher(output);
        return new WrkReport(Long.parseLong(requests.group(1)), millis(requests.group(2), requests.group(3)) / 1000,
                Double.parseDouble(rate.group(1)),
                percentile(output, "50").orElse(Double.NaN), percentile(output, "99").orElse(Double.NaN),
                max.find() ? millis(max.group(5), max.group(6)) : Double.NaN,
                errors, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    private static OptionalDouble percentile(String output, String which) {
        Matcher m = Pattern.compile("(?m)^\\s+" + which + "(?:\\.000)?%\\s+" + TIME).matcher(output);
        return m.find() ? OptionalDouble.of(millis(m.group(1), m.group(2))) : OptionalDouble.empty();
    }

    static double millis(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
