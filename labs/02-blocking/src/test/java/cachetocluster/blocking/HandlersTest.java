package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandlersTest {

    @Test
    void parsesTheHandlersOfTheCommandLine() throws Exception {
        assertThat(Handlers.parse("hello").handle(Request.get("/")).bodyText()).isEqualTo("hello\n");
        assertThat(Handlers.parse("slow:5ms").handle(Request.get("/")).bodyText()).isEqualTo("waited 5 ms\n");
        assertThat(Handlers.parse("cpu:2ms").handle(Request.get("/")).bodyText()).startsWith("computed 2 ms: ");
        assertThat(Handlers.parse("file:/no/such/file").handle(Request.get("/")).status()).isEqualTo(404);
    }

    @ParameterizedTest(quoteTextArguments = false, name = "\"{0}\" is not a handler")
    @ValueSource(strings = {"", "helo", "hello:1s", "slow", "slow:", "slow:200", "slow:0ms", "slow:-5ms", "cpu:1.5s", "file:", "slow:2m"})
    void refusesWhatIsNotAHandler(String spec) {
        assertThatIllegalArgumentException().isThrownBy(() -> Handlers.parse(spec)).withMessageContaining("\"");
    }

    @Test
    void durationsAreWholeMillisecondsOrSeconds() {
        assertThat(Handlers.duration("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(Handlers.duration("2s")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSlowHandlerSleepsAtLeastItsTime() throws Exception {
        long start = System.nanoTime();
        Handlers.slow(Duration.ofMillis(50)).handle(Request.get("/"));
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(50);
    }

    @Test
    void theCpuWorkIsAFixedNumberOfIterations() {
        assertThat(CpuWork.iterationsPerMilli()).isPositive();
        assertThat(CpuWork.spin(1000)).as("the same work gives the same result").isEqualTo(CpuWork.spin(1000));
        assertThat(CpuWork.spin(1000)).isNotEqualTo(CpuWork.spin(1001));
    }

    @Test
    void whereNamesTheCarrierOfAVirtualThread() throws Exception {
        String[] body = new String[1];
        Thread.ofVirtual().start(() -> {
            try {
                body[0] = Handlers.where(Duration.ofMillis(1)).handle(Request.get("/")).bodyText();
            } catch (Exception e) {
                body[0] = e.toString();
            }
        }).join();
        assertThat(body[0]).startsWith("before: VirtualThread[").contains("@ForkJoinPool-").contains("after:  VirtualThread[");
    }
}
