package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The report's percentile and error tables. */
class ReportTablesTest {

    @Test
    @DisplayName("Percentiles of 1..1000 ms: p50 500, p99 990, p99.9 999, mean 500.5")
    void percentiles() {
        Histogram h = LatencyRecorder.newHistogram();
        for (int ms = 1; ms <= 1000; ms++) h.recordValue(ms * 1000L);
        PercentileTable.Summary s = PercentileTable.summarize(h);
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.p50()).isBetween(499.5, 500.6);
        assertThat(s.p90()).isBetween(899.5, 900.6);
        assertThat(s.p99()).isBetween(989.5, 990.6);
        assertThat(s.p999()).isBetween(998.5, 999.6);
        assertThat(s.max()).isBetween(999.5, 1000.6);
        assertThat(s.mean()).isBetween(500.0, 501.0);
    }

    @Test
    @DisplayName("An empty histogram gives zeros, and the table renders one row per summary")
    void emptyAndRendered() {
        assertThat(PercentileTable.summarize(LatencyRecorder.newHistogram()).values()).containsOnly(0.0);
        List<String> lines = PercentileTable.render(List.of("a", "b"), List.of(
                PercentileTable.summarize(LatencyRecorder.newHistogram()), PercentileTable.summarize(LatencyRecorder.newHistogram())));
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).contains("p99.9");
        assertThat(PercentileTable.millis(0.01234)).isEqualTo("0.0123");
        assertThat(PercentileTable.millis(41.23)).isEqualTo("41.2");
        assertThat(PercentileTable.millis(4123)).isEqualTo("4123");
    }

    @Test
    @DisplayName("The spectrum rises to the max and gets denser towards 100%")
    void spectrum() {
        Histogram h = LatencyRecorder.newHistogram();
        for (int i = 1; i <= 10_000; i++) h.recordValue(i);
        List<PercentileTable.Point> points = PercentileTable.spectrum(h, 5);
        assertThat(points.getLast().percentile()).isEqualTo(100.0);
        assertThat(points.getLast().millis()).isBetween(9.99, 10.01);
        long above99 = points.stream().filter(p -> p.percentile() > 99).count();
        long below50 = points.stream().filter(p -> p.percentile() < 50).count();
        assertThat(above99).isGreaterThan(below50);
    }

    @Test
    @DisplayName("Errors are named, counted, ranked; HTTP 4xx/5xx are errors, 2xx/3xx are not")
    void errorTable() {
        ErrorTable t = new ErrorTable();
        for (int i = 0; i < 5; i++) t.count(ErrorKind.RESET, "Connection reset");
        t.count(ErrorKind.TIMEOUT, null);
        for (int i = 0; i < 7; i++) t.countStatus(503);
        for (int i = 0; i < 100; i++) t.countStatus(200);
        t.countStatus(304);
        assertThat(t.rows()).extracting(ErrorTable.Row::name).containsExactly("HTTP 503", "ECONNRESET", "ETIMEDOUT");
        assertThat(t.rows().get(1).example()).isEqualTo("Connection reset");
        assertThat(t.errors()).isEqualTo(13);
        assertThat(t.replies()).isEqualTo(108);
        assertThat(t.httpErrors()).isEqualTo(7);
        assertThat(t.rows().getFirst().percentOf(200)).isEqualTo(3.5);
        ErrorTable other = new ErrorTable();
        other.count(ErrorKind.TIMEOUT, "x");
        t.add(other);
        assertThat(t.count(ErrorKind.TIMEOUT)).isEqualTo(2);
    }

    @Test
    @DisplayName("Exceptions map to error kinds by class and message")
    void kinds() {
        assertThat(ErrorKind.of(new java.net.ConnectException("Connection refused"))).isEqualTo(ErrorKind.REFUSED);
        assertThat(ErrorKind.of(new java.net.SocketException("Connection reset"))).isEqualTo(ErrorKind.RESET);
        assertThat(ErrorKind.of(new java.io.IOException("Connection reset by peer"))).isEqualTo(ErrorKind.RESET);
        assertThat(ErrorKind.of(new java.io.IOException("Broken pipe"))).isEqualTo(ErrorKind.BROKEN_PIPE);
        assertThat(ErrorKind.of(new javax.net.ssl.SSLHandshakeException("PKIX"))).isEqualTo(ErrorKind.TLS);
        assertThat(ErrorKind.of(new java.io.IOException("odd"))).isEqualTo(ErrorKind.OTHER);
    }
}
