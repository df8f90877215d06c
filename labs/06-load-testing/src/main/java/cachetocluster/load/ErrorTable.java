package cachetocluster.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every outcome that was not a success, counted by name: network errors by {@link ErrorKind}, replies by HTTP
 * status (a status of 400 or more is an error, as loadtest counts it). The report prints {@link #rows()}, most
 * frequent first, each with its share of all requests sent, so "2% connection reset" and "0.1% HTTP 503" sit
 * side by side instead of hiding in one {@code -1}.
 *
 * <p>Counting must cost nothing per reply: statuses go into a plain array indexed by the code. Not thread-safe:
 * one table per event loop, {@link #add added} together at the end.
 */
public final class ErrorTable {

    /** One line of the table. {@code example} is the first message seen for a network error, or null. */
    public record Row(String name, String description, long count, String example) {
        /** This row's share of {@code total} requests, in percent. */
        public double percentOf(long total) {
            return total == 0 ? 0 : 100.0 * count / total;
        }
    }

    private static final int MAX_STATUS = 999;

    private final long[] kinds = new long[ErrorKind.values().length];
    private final String[] examples = new String[ErrorKind.values().length];
    private final long[] statuses = new long[MAX_STATUS + 1];

    /** Counts one network error; the first {@code example} message of each kind is kept for the report. */
    public void count(ErrorKind kind, String example) {
        kinds[kind.ordinal()]++;
        if (examples[kind.ordinal()] == null && example != null) {
            examples[kind.ordinal()] = example;
        }
    }

    /** Counts one reply (any status: 200s too, for the table of codes). */
    public void countStatus(int status) {
        statuses[status >= 0 && status <= MAX_STATUS ? status : 0]++;
    }

    public long count(ErrorKind kind) {
        return kinds[kind.ordinal()];
    }

    public long statusCount(int status) {
        return status >= 0 && status <= MAX_STATUS ? statuses[status] : 0;
    }

    /** Requests that ended without a reply. */
    public long networkErrors() {
        long n = 0;
        for (long k : kinds) n += k;
        return n;
    }

    /** Replies, whatever their status. */
    public long replies() {
        long n = 0;
        for (long s : statuses) n += s;
        return n;
    }

    /** Replies with a status of 400 or more. */
    public long httpErrors() {
        long n = 0;
        for (int s = 400; s <= MAX_STATUS; s++) n += statuses[s];
        return n;
    }

    /** Network errors and HTTP errors together: what an error rate counts. */
    public long errors() {
        return networkErrors() + httpErrors();
    }

    /** Every status that was seen, with its count, in order of status. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> map = new TreeMap<>();
        for (int s = 0; s <= MAX_STATUS; s++) {
            if (statuses[s] > 0) map.put(s, statuses[s]);
        }
        return map;
    }

    /** Network errors by kind and HTTP errors by status, most frequent first (ties: by name). */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (ErrorKind kind : ErrorKind.values()) {
            long n = kinds[kind.ordinal()];
            if (n > 0) rows.add(new Row(kind.code(), kind.description(), n, examples[kind.ordinal()]));
        }
        for (int s = 400; s <= MAX_STATUS; s++) {
            if (statuses[s] > 0) rows.add(new Row("HTTP " + s, reason(s), statuses[s], null));
        }
        rows.sort(Comparator.comparingLong(Row::count).reversed().thenComparing(Row::name));
        return rows;
    }

    public void add(ErrorTable other) {
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] += other.kinds[i];
            if (examples[i] == null) examples[i] = other.examples[i];
        }
        for (int s = 0; s <= MAX_STATUS; s++) statuses[s] += other.statuses[s];
    }

    /** The reason phrase of a status (RFC 9110), for people who do not know 429 by heart. */
    public static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "server error" : status >= 400 ? "client error" : "";
        };
    }
}
