package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The graded tests of lab 01 tasks 7-9: {@link HumanScale}. */
@DisplayName("Lab 01: HumanScale")
class HumanScaleGradedTest {

    private static final double MINUTE = 60, HOUR = 3600, DAY = 86_400, YEAR = 365.25 * DAY, MONTH = YEAR / 12;

    @Tag("task:7")
    @DisplayName("Stretching: with an L1 hit of 0.5 ns as one second, 100 ns of DRAM is 200 seconds")
    @ParameterizedTest(quoteTextArguments = false, name = "stretchedSeconds({0} ns, L1 = {1} ns) is {2} s")
    @CsvSource({"100, 0.5, 200", "0.5, 0.5, 1", "1.4, 1.4, 1", "10000000, 0.5, 20000000", "0.25, 0.5, 0.5"})
    void stretches(double ns, double unit, double expected) {
        assertThat(HumanScale.stretchedSeconds(ns, unit)).as("stretchedSeconds(%s, %s)", ns, unit)
                .isCloseTo(expected, within(expected * 1e-9));
    }

    @Tag("task:7")
    @DisplayName("Zero, negative, NaN and infinite latencies are refused with IllegalArgumentException")
    @Test
    void refusesNonsense() {
        double[][] bad = {{0, 1}, {1, 0}, {-1, 1}, {1, -1}, {Double.NaN, 1}, {1, Double.NaN},
                          {Double.POSITIVE_INFINITY, 1}, {1, Double.POSITIVE_INFINITY}};
        for (double[] pair : bad) {
            assertThatIllegalArgumentException().as("stretchedSeconds(%s, %s)", pair[0], pair[1])
                    .isThrownBy(() -> HumanScale.stretchedSeconds(pair[0], pair[1]));
        }
    }

    @Tag("task:8")
    @DisplayName("The unit is the largest one not longer than the duration: seconds up to years")
    @ParameterizedTest(quoteTextArguments = false, name = "describe({0} s) is \"{1}\"")
    @CsvSource({
        "2, 2 seconds",
        "59, 59 seconds",
        "60, 1 minute",
        "150, 2.5 minutes",
        "3600, 1 hour",
        "7200, 2 hours",
        "86400, 1 day",
        "2629800, 1 month",
        "31557600, 1 year",
        "0.5, 0.5 seconds",
        "0, 0 seconds",
    })
    void picksTheUnit(double seconds, String expected) {
        assertDescribes(seconds, expected);
    }

    @Tag("task:8")
    @DisplayName("Between two units the larger one wins: 23 hours stay hours, 30 days are about a month")
    @Test
    void unitsAtTheirEdges() {
        assertDescribes(23 * HOUR, "23 hours");
        assertDescribes(DAY - 1, "24 hours"); // unit chosen before rounding: 23.99 hours round to 24
        assertDescribes(2.25 * DAY, "2.3 days");
        assertDescribes(31 * DAY, "1 month");
        assertDescribes(7.6 * MONTH, "7.6 months");
        assertDescribes(230 * YEAR, "230 years");
        assertDescribes(59.96 * MINUTE, "60 minutes");
    }

    @Tag("task:9")
    @DisplayName("Under 10 one decimal, rounded half up, without a trailing .0; from 10 whole numbers")
    @ParameterizedTest(quoteTextArguments = false, name = "describe({0} s) is \"{1}\"")
    @CsvSource({
        "3.5, 3.5 seconds",
        "3.25, 3.3 seconds",
        "3.24, 3.2 seconds",
        "9.94, 9.9 seconds",
        "9.96, 10 seconds",
        "4.0, 4 seconds",
        "12.5, 13 seconds",
        "14.4, 14 seconds",
        "45000, 13 hours",
    })
    void rounds(double seconds, String expected) {
        assertDescribes(seconds, expected);
    }

    @Tag("task:9")
    @DisplayName("Singular only when the number shown is exactly 1: \"1 second\", \"1.1 seconds\"")
    @Test
    void singularAndPlural() {
        assertDescribes(1, "1 second");
        assertDescribes(1.04, "1 second");
        assertDescribes(1.05, "1.1 seconds");
        assertDescribes(HOUR * 1.02, "1 hour");
        assertDescribes(YEAR * 1.5, "1.5 years");
        assertDescribes(0.96, "1 second");
    }

    @Tag("task:9")
    @DisplayName("Negative, NaN and infinite durations are refused with IllegalArgumentException")
    @ParameterizedTest(quoteTextArguments = false, name = "describe({0}) is refused")
    @ValueSource(doubles = {-1, -0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void refuses(double seconds) {
        assertThatIllegalArgumentException().as("describe(%s)", seconds).isThrownBy(() -> HumanScale.describe(seconds));
    }

    private static void assertDescribes(double seconds, String expected) {
        assertThat(HumanScale.describe(seconds)).as("describe(%s)", seconds).isEqualTo(expected);
    }
}
