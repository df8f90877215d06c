package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the ErrorTable exercise (lab 06): the report's error table, named and exact where loadtest
 * says "-1". Task 7: counting; task 8: the rows, ranked; task 9: merging the loops' tables and odd statuses.
 */
@DisplayName("Lab 06: ErrorTable")
class ErrorTableGradedTest {

    @Tag("task:7")
    @DisplayName("Network errors are counted by kind, and the first example message of each kind is kept")
    @Test
    void networkErrors() {
        ErrorTable t = new ErrorTable();
        t.count(ErrorKind.RESET, null);
        t.count(ErrorKind.RESET, "Connection reset");
        t.count(ErrorKind.RESET, "Connection reset by peer");
        t.count(ErrorKind.TIMEOUT, null);
        assertThat(t.count(ErrorKind.RESET)).as("count(RESET) after 3").isEqualTo(3);
        assertThat(t.count(ErrorKind.TIMEOUT)).as("count(TIMEOUT) after 1").isEqualTo(1);
        assertThat(t.count(ErrorKind.REFUSED)).as("count(REFUSED), never counted").isZero();
        assertThat(t.networkErrors()).as("networkErrors()").isEqualTo(4);
        assertThat(t.errors()).as("errors() with no replies").isEqualTo(4);
        assertThat(t.replies()).as("replies() with no replies").isZero();
    }

    @Tag("task:7")
    @DisplayName("Replies are counted by status; 400 and up are errors, 2xx and 3xx are not")
    @Test
    void statuses() {
        ErrorTable t = new ErrorTable();
        for (int i = 0; i < 100; i++) t.countStatus(200);
        t.countStatus(304);
        for (int i = 0; i < 7; i++) t.countStatus(503);
        t.countStatus(404);
        t.count(ErrorKind.CLOSED, "socket hang up");
        assertThat(t.statusCount(200)).as("statusCount(200)").isEqualTo(100);
        assertThat(t.statusCount(503)).as("statusCount(503)").isEqualTo(7);
        assertThat(t.statusCount(418)).as("statusCount(418), never seen").isZero();
        assertThat(t.replies()).as("replies(): every status").isEqualTo(109);
        assertThat(t.httpErrors()).as("httpErrors(): 503 x7 and 404").isEqualTo(8);
        assertThat(t.errors()).as("errors(): HTTP errors plus network errors").isEqualTo(9);
    }

    @Tag("task:8")
    @DisplayName("rows(): one per error, most frequent first, ties by name; names are the error code or \"HTTP 503\"")
    @Test
    void rowsRanked() {
        ErrorTable t = new ErrorTable();
        for (int i = 0; i < 5; i++) t.count(ErrorKind.RESET, "Connection reset");
        t.count(ErrorKind.TIMEOUT, null);
        for (int i = 0; i < 7; i++) t.countStatus(503);
        for (int i = 0; i < 100; i++) t.countStatus(200);
        t.countStatus(429);
        assertThat(t.rows()).as("rows() names").extracting(ErrorTable.Row::name)
                .containsExactly("HTTP 503", "ECONNRESET", "ETIMEDOUT", "HTTP 429");
        assertThat(t.rows()).as("rows() counts").extracting(ErrorTable.Row::count).containsExactly(7L, 5L, 1L, 1L);
        ErrorTable.Row reset = t.rows().get(1);
        assertThat(reset.description()).as("the ECONNRESET row's description").isEqualTo(ErrorKind.RESET.description());
        assertThat(reset.example()).as("the ECONNRESET row's example").isEqualTo("Connection reset");
        assertThat(t.rows().getFirst().description()).as("the HTTP 503 row's description").isEqualTo("Service Unavailable");
        assertThat(t.rows().getFirst().example()).as("the HTTP 503 row's example").isNull();
        assertThat(new ErrorTable().rows()).as("rows() of an empty table").isEmpty();
    }

    @Tag("task:8")
    @DisplayName("A row's share of all requests, in percent: 7 of 200 is 3.5%; of none is 0")
    @Test
    void percent() {
        ErrorTable.Row row = new ErrorTable.Row("HTTP 503", "Service Unavailable", 7, null);
        assertThat(row.percentOf(200)).as("percentOf(200) of a row of 7").isEqualTo(3.5);
        assertThat(row.percentOf(7)).as("percentOf(7) of a row of 7").isEqualTo(100.0);
        assertThat(row.percentOf(0)).as("percentOf(0)").isZero();
    }

    @Tag("task:9")
    @DisplayName("add() merges another loop's table: counts, statuses and the first example of each kind")
    @Test
    void addMergesAnotherTable() {
        ErrorTable a = new ErrorTable();
        a.count(ErrorKind.TIMEOUT, null);
        a.countStatus(200);
        ErrorTable b = new ErrorTable();
        b.count(ErrorKind.TIMEOUT, "read timed out");
        b.count(ErrorKind.REFUSED, "Connection refused");
        b.countStatus(200);
        b.countStatus(500);
        a.add(b);
        assertThat(a.count(ErrorKind.TIMEOUT)).as("count(TIMEOUT) after add").isEqualTo(2);
        assertThat(a.count(ErrorKind.REFUSED)).as("count(REFUSED) after add").isEqualTo(1);
        assertThat(a.statusCount(200)).as("statusCount(200) after add").isEqualTo(2);
        assertThat(a.errors()).as("errors() after add").isEqualTo(4);
        assertThat(a.rows()).as("rows() after add").extracting(ErrorTable.Row::name, ErrorTable.Row::example)
                .contains(org.assertj.core.groups.Tuple.tuple("ETIMEDOUT", "read timed out"));
        assertThat(b.errors()).as("the other table is left as it was").isEqualTo(3);
    }

    @Tag("task:9")
    @DisplayName("statuses() lists every status seen in order; a status outside 0..999 is counted as 0, never thrown")
    @Test
    void statusMapAndOddStatuses() {
        ErrorTable t = new ErrorTable();
        t.countStatus(503);
        t.countStatus(200);
        t.countStatus(200);
        t.countStatus(1234);
        t.countStatus(-1);
        assertThat(t.statuses()).as("statuses()").containsExactly(Map.entry(0, 2L), Map.entry(200, 2L), Map.entry(503, 1L));
        assertThat(t.statusCount(1234)).as("statusCount(1234)").isZero();
        assertThat(t.replies()).as("replies(), odd statuses included").isEqualTo(5);
        assertThat(t.httpErrors()).as("httpErrors(): status 0 is not 400 or more").isEqualTo(1);
    }
}
