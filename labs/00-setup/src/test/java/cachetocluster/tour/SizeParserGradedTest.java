package cachetocluster.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graded tests of the lab 00 exercise. Each {@code task:N} tag is task N of labs/00-setup/README.md;
 * every assertion is described with the call it made, so a failure reads
 * {@code [parse("48K")] expected: 49152L but was: 48L}.
 */
@DisplayName("Lab 00: SizeParser")
class SizeParserGradedTest {

    @Tag("task:1")
    @DisplayName("Plain numbers are bytes: \"4096\" is 4096")
    @ParameterizedTest(quoteTextArguments = false, name = "Plain numbers are bytes: \"{0}\" is {1}")
    @CsvSource({
        "4096, 4096",
        "0, 0",
        "1, 1",
        "1048576, 1048576",
        "9223372036854775807, 9223372036854775807",
    })
    void plainNumbersAreBytes(String text, long expected) {
        assertParses(text, expected);
    }

    @Tag("task:2")
    @DisplayName("K, M and G are binary multiples: \"48K\" is 48 * 1024")
    @ParameterizedTest(quoteTextArguments = false, name = "K, M and G are binary multiples: \"{0}\" is {1}")
    @CsvSource({
        "48K, 49152",
        "1024K, 1048576",
        "32M, 33554432",
        "1G, 1073741824",
        "0K, 0",
        "8589934591G, 9223372035781033984",
    })
    void suffixesAreBinaryMultiples(String text, long expected) {
        assertParses(text, expected);
    }

    @Tag("task:2")
    @DisplayName("Suffixes are case-insensitive: \"48k\" is \"48K\", \"32m\" is \"32M\", \"1g\" is \"1G\"")
    @ParameterizedTest(quoteTextArguments = false, name = "Suffixes are case-insensitive: \"{0}\" is {1}")
    @CsvSource({
        "48k, 49152",
        "32m, 33554432",
        "1g, 1073741824",
    })
    void suffixesAreCaseInsensitive(String text, long expected) {
        assertParses(text, expected);
    }

    @Tag("task:2")
    @DisplayName("Whitespace around the text is ignored: \"48K\\n\" (as read from /sys) is 49152")
    @Test
    void surroundingWhitespaceIsIgnored() {
        // Written out (not a CSV row) so that the newline and the tab are really in the input.
        for (String text : new String[] {"48K\n", "  48K  ", "\t48K", " 4096\n"}) {
            assertParses(text, text.contains("K") ? 49152L : 4096L);
        }
    }

    @Tag("task:3")
    @DisplayName("Bad input throws IllegalArgumentException whose message quotes the input")
    @ParameterizedTest(quoteTextArguments = false, name = "Bad input is rejected with IllegalArgumentException naming it: \"{0}\"")
    @ValueSource(strings = {"", "12Q", "K", "-5K", "+5K", "1.5M", "48KB", "4 8K", "99999999999G", "99999999999999999999"})
    void badInputIsRejected(String text) {
        assertThatIllegalArgumentException()
                .as("parse(\"%s\") should throw IllegalArgumentException with \"%s\" (in quotes) in its message", text, text)
                .isThrownBy(() -> SizeParser.parse(text))
                .withMessageContaining("\"" + text + "\"");
    }

    @Tag("task:3")
    @DisplayName("null throws IllegalArgumentException whose message says null")
    @Test
    void nullIsRejected() {
        assertThatIllegalArgumentException()
                .as("parse(null) should throw IllegalArgumentException mentioning null")
                .isThrownBy(() -> SizeParser.parse(null))
                .withMessageContaining("null");
    }

    @Tag("task:4")
    @DisplayName("Sizes format in binary units: 49152 is \"48 KiB\", 1310720 is \"1.25 MiB\"")
    @ParameterizedTest(quoteTextArguments = false, name = "Sizes format in binary units: {0} is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0          | 0 B",
        "512        | 512 B",
        "1023       | 1023 B",
        "1024       | 1 KiB",
        "1536       | 1.5 KiB",
        "1100       | 1.07 KiB",
        "49152      | 48 KiB",
        "1048576    | 1 MiB",
        "1310720    | 1.25 MiB",
        "33554432   | 32 MiB",
        "1073741824 | 1 GiB",
        "1099511627776 | 1 TiB",
    })
    void formatsInBinaryUnits(long bytes, String expected) {
        assertFormats(bytes, expected);
    }

    @Tag("task:4")
    @DisplayName("format rounds to 2 decimals, half up: 1034 is \"1.01 KiB\", 1152 is \"1.13 KiB\"")
    @ParameterizedTest(quoteTextArguments = false, name = "format rounds to 2 decimals, half up: {0} is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "1029    | 1 KiB",
        "1034    | 1.01 KiB",
        "1285    | 1.25 KiB",
        "1152    | 1.13 KiB",
        "1664    | 1.63 KiB",
    })
    void formatRoundsHalfUp(long bytes, String expected) {
        assertFormats(bytes, expected);
    }

    /** parse(text) must return expected; an exception from parse is a failure that names the input too. */
    private static void assertParses(String text, long expected) {
        String call = "parse(\"" + shown(text) + "\")";
        long actual;
        try {
            actual = SizeParser.parse(text);
        } catch (RuntimeException e) {
            throw new AssertionError("[" + call + "] expected: " + expected + "L but it threw " + e, e);
        }
        assertThat(actual).as(call).isEqualTo(expected);
    }

    /** format(bytes) must return expected; an exception from format is a failure that names the input too. */
    private static void assertFormats(long bytes, String expected) {
        String call = "format(" + bytes + ")";
        String actual;
        try {
            actual = SizeParser.format(bytes);
        } catch (RuntimeException e) {
            throw new AssertionError("[" + call + "] expected: \"" + expected + "\" but it threw " + e, e);
        }
        assertThat(actual).as(call).isEqualTo(expected);
    }

    /** The input as Java source would write it, so that a newline or a tab is visible in a message. */
    private static String shown(String text) {
        return text.replace("\n", "\\n").replace("\t", "\\t");
    }
}
