package cachetocluster.child.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Startup: a bad option is one clear line and exit status 2")
class StartupCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--runs 0            | --runs needs a whole number from 1 to 200, not '0'",
        "--warmup x          | --warmup needs a whole number from 0 to 200, not 'x'",
        "--only default,nope | no configuration 'nope'",
        "--bogus             | unknown option '--bogus'",
        "--out               | --out needs a directory"})
    void badOptions(String args, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StartupCommand.run(args.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("startup: ").contains(message).hasLineCount(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
