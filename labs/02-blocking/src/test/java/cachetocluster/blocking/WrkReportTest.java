package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkReportTest {

    /** wrk 4.1.0 against the virtual-thread server with slow:200ms, on the course's machine. */
    private static final String VIRTUAL = """
            Running 3s test @ http://127.0.0.1:18080/
              2 threads and 10 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   205.79ms   13.53ms 258.42ms   92.86%
                Req/Sec    24.29      2.35    25.00     92.86%
              Latency Distribution
                 50%  201.88ms
                 75%  202.87ms
                 90%  205.05ms
                 99%  256.72ms
              140 requests in 3.01s, 16.13KB read
            Requests/sec:     46.55
            Transfer/sec:      5.36KB
            """;

    /** A made-up report with every kind of line wrk may add, and other units. */
    private static final String ERRORS = """
            Running 2s test @ http://127.0.0.1:8080/
              1 threads and 5 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   850.10us  100.00us   1.50s    90.00%
                Req/Sec     1.20k   100.00     1.50k    70.00%
              Latency Distribution
                 50%  800.00us
                 75%  900.00us
                 90%    1.00ms
                 99%    1.20s
              2400 requests in 2.00s, 200.00KB read
              Socket errors: connect 1, read 2, write 0, timeout 4
              Non-2xx or 3xx responses: 7
            Requests/sec:   1199.50
            Transfer/sec:    100.00KB
            """;

    @Test
    void readsWrksReport() {
        WrkReport r = WrkReport.parse(VIRTUAL);
        assertThat(r.requests()).isEqualTo(140);
        assertThat(r.seconds()).isCloseTo(3.01, within(1e-9));
        assertThat(r.requestsPerSecond()).isEqualTo(46.55);
        assertThat(r.p50Millis()).isEqualTo(201.88);
        assertThat(r.p99Millis()).isEqualTo(256.72);
        assertThat(r.maxMillis()).isEqualTo(258.42);
        assertThat(r.socketErrors()).isZero();
        assertThat(r.non2xx()).isZero();
    }

    @Test
    void readsErrorsAndEveryUnit() {
        WrkReport r = WrkReport.parse(ERRORS);
        assertThat(r.p50Millis()).isCloseTo(0.8, within(1e-9));
        assertThat(r.p99Millis()).isCloseTo(1200, within(1e-9));
        assertThat(r.maxMillis()).isCloseTo(1500, within(1e-9));
        assertThat(r.socketErrors()).isEqualTo(7);
        assertThat(r.non2xx()).isEqualTo(7);
        assertThat(r.requestsPerSecond()).isEqualTo(1199.5);
    }

    @Test
    void withoutLatencyFlagThePercentilesAreMissing() {
        String plain = VIRTUAL.replaceAll("(?s)  Latency Distribution.*?99%  256.72ms\n", "");
        WrkReport r = WrkReport.parse(plain);
        assertThat(r.p50Millis()).isNaN();
        assertThat(r.maxMillis()).isEqualTo(258.42);
    }

    @Test
    void refusesWhatIsNotAReport() {
        assertThatIllegalArgumentException().isThrownBy(() -> WrkReport.parse("unable to connect to 127.0.0.1:1 Connection refused"));
    }
}
