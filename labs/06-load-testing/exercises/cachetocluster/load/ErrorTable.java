package cachetocluster.load;

import java.util.List;
import java.util.Map;

/**
 * Lab 06 exercise: the report's error table.
 *
 * <p>loadtest reports a failed request as {@code -1} in its error codes (a refused connection, a reset and a
 * timeout all look alike), and its totals were off when errors and the time limit met (loadtest issues #97 and
 * #238). jload counts every outcome that was not a success, by name: network errors by {@link ErrorKind}
 * (ECONNRESET, ETIMEDOUT...), replies by HTTP status; a status of 400 or more is an error, as loadtest counts it.
 * The report prints {@link #rows()}, most frequent first, each with its share of all requests, so "2% connection
 * reset" and "0.1% HTTP 503" sit side by side.
 *
 * <p>Counting runs once per reply, on the event loop: it must cost nothing. Plain arrays indexed by
 * {@link ErrorKind#ordinal()} and by status code do it without a map or a boxed Long. Not thread-safe: one table per
 * event loop, {@link #add added} together at the end.
 *
 * <p>Read the lab sheet, labs/06-load-testing/README.md, "Tasks". Grade with ./workbook grade 6.
 */
public final class ErrorTable {

    /** One line of the table. {@code example} is the first message seen for a network error, or null. */
    public record Row(String name, String description, long count, String example) {
        /** This row's share of {@code total} requests, in percent (0 when total is 0). */
        public double percentOf(long total) {
            // TODO task 8
            throw new UnsupportedOperationException("TODO: ErrorTable.Row.percentOf, lab 06 task 8 (labs/06-load-testing/README.md)");
        }
    }

    /** Statuses 0..999 are counted each on their own; anything else is counted as 0 (task 9). */
    private static final int MAX_STATUS = 999;

    // TODO task 7: your fields: counts per ErrorKind, the first example per ErrorKind, counts per status 0..999.

    /** Counts one network error; the first non-null {@code example} message of each kind is kept for the report. */
    public void count(ErrorKind kind, String example) {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: ErrorTable.count, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    /** Counts one reply (any status: 200s too, for the table of codes). */
    public void countStatus(int status) {
        // TODO task 7 (task 9: a status outside 0..MAX_STATUS is counted as 0, never an exception on the event loop)
        throw new UnsupportedOperationException("TODO: ErrorTable.countStatus, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    public long count(ErrorKind kind) {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: ErrorTable.count(kind), lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    public long statusCount(int status) {
        // TODO task 7 (0 for a status never seen, or outside 0..MAX_STATUS)
        throw new UnsupportedOperationException("TODO: ErrorTable.statusCount, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    /** Requests that ended without a reply. */
    public long networkErrors() {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: ErrorTable.networkErrors, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    /** Replies, whatever their status. */
    public long replies() {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: ErrorTable.replies, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    /** Replies with a status of 400 or more. */
    public long httpErrors() {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: ErrorTable.httpErrors, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    /** Network errors and HTTP errors together: what an error rate counts. */
    public long errors() {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: ErrorTable.errors, lab 06 task 7 (labs/06-load-testing/README.md)");
    }

    /** Every status that was seen, with its count, in order of status. */
    public Map<Integer, Long> statuses() {
        // TODO task 9: a TreeMap keeps the order.
        throw new UnsupportedOperationException("TODO: ErrorTable.statuses, lab 06 task 9 (labs/06-load-testing/README.md)");
    }

    /** Network errors by kind and HTTP errors by status, most frequent first (ties: by name). */
    public List<Row> rows() {
        // TODO task 8: a Row per ErrorKind with a count (name kind.code(), description kind.description(), its
        //              example), then a Row per status 400..999 with a count (name "HTTP " + status, description
        //              reason(status), example null); sort by count, descending, then by name.
        throw new UnsupportedOperationException("TODO: ErrorTable.rows, lab 06 task 8 (labs/06-load-testing/README.md)");
    }

    /** Adds another loop's table to this one (the other one is left as it was). */
    public void add(ErrorTable other) {
        // TODO task 9: counts add up; an example is kept when this table has none for that kind yet.
        throw new UnsupportedOperationException("TODO: ErrorTable.add, lab 06 task 9 (labs/06-load-testing/README.md)");
    }

    /** The reason phrase of a status (RFC 9110), for people who do not know 429 by heart. Given. */
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
