package cachetocluster.load.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OmissionTest {

    @Test
    @DisplayName("A 1 s stall at 100/s on one connection: one slow sample uncorrected, ~100 corrected; the corrected p99 sees it")
    void theCorrectionSeesTheStall() throws Exception {
        Omission.Settings s = new Omission.Settings(100, 3, 100, 1000);
        Omission.Outcome o = Omission.run(s);
        assertThat(o.result().errorCount()).as("errors").isZero();
        assertThat(o.service().max()).as("uncorrected max (ms): the stalled request").isGreaterThanOrEqualTo(900);
        assertThat(o.response().max()).as("corrected max (ms)").isGreaterThanOrEqualTo(900);
        assertThat(o.slowService()).as("uncorrected replies over 100 ms").isBetween(1L, 5L);
        assertThat(o.slowResponse()).as("corrected replies over 100 ms (~90 were due during the stall)").isGreaterThan(50);
        assertThat(o.response().p99()).as("corrected p99 (ms)").isGreaterThan(500);
        assertThat(o.service().p99()).as("uncorrected p99 (ms) vs corrected").isLessThan(o.response().p99() / 5);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Omission.print(s, o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("(uncorrected)", "(corrected)", "> 100 ms");
    }
}
