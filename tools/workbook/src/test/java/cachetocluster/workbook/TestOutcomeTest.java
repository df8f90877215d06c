package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.workbook.grading.TestOutcome;
import org.junit.jupiter.api.Test;

class TestOutcomeTest {

    @Test
    void aReportLineIsReadBackWithTabsAndNewlinesInTheMessage() {
        String line = "FAILED\tcom.x.ATest\tparsesK\tK is 1024\ttask:2,slow\torg.opentest4j.AssertionFailedError\tfalse\t"
                + "[parse(\"48K\")] \\nexpected: 49152L\\n but was: 48L\\twith a tab \\\\ and a backslash";
        TestOutcome outcome = TestOutcome.parse(line);
        assertThat(outcome.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(outcome.task()).contains(2);
        assertThat(outcome.message()).isEqualTo("[parse(\"48K\")] \nexpected: 49152L\n but was: 48L\twith a tab \\ and a backslash");
        assertThat(outcome.explanation()).startsWith("[parse(\"48K\")]");
    }

    @Test
    void anExceptionThatIsNotAnAssertionIsNamedInTheExplanation() {
        TestOutcome outcome = TestOutcome.parse("FAILED\tA\tm\tTask\ttask:1\tjava.lang.UnsupportedOperationException\tfalse\tTODO: parse");
        assertThat(outcome.explanation()).isEqualTo("UnsupportedOperationException: TODO: parse");
    }

    @Test
    void jUnitsDefaultDisplayNameDoesNotCountAsWritten() {
        assertThat(TestOutcome.parse("SUCCESSFUL\tA\tparses\tparses()\ttask:1\t\tfalse\t").hasWrittenDisplayName()).isFalse();
        assertThat(TestOutcome.parse("SUCCESSFUL\tA\tparses\tPlain numbers are bytes\ttask:1\t\tfalse\t").hasWrittenDisplayName()).isTrue();
    }
}
