package cachetocluster.eventloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** The Phases step's programs: on our loop, every order they produce is one Node's guide allows. */
class PhaseOrderTest {

    static final List<PhaseOrder.Scenario> SCENARIOS = PhaseOrder.ALL;

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void everyOrderThisLoopProducesIsOneNodeDocuments(PhaseOrder.Scenario scenario) {
        Map<List<String>, Integer> tally = PhaseOrder.tally(scenario, 10);
        assertThat(tally.keySet()).as("orders of '%s' in 10 runs", scenario.title()).allMatch(scenario::documents);
        assertThat(tally.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    }

    @Test
    void insideAnIoCallbackTheImmediateAlwaysBeatsTheTimer() {
        assertThat(PhaseOrder.IO_CALLBACK.documented()).singleElement()
                .isEqualTo(List.of("I/O callback", "nextTick", "queueMicrotask", "setImmediate", "setTimeout 0"));
        assertThat(PhaseOrder.tally(PhaseOrder.IO_CALLBACK, 20)).containsOnlyKeys(PhaseOrder.IO_CALLBACK.documented());
    }

    @Test
    void theGuidesExampleAllowsBothOrders() {
        assertThat(PhaseOrder.GUIDE_EXAMPLE.documented()).containsExactlyInAnyOrder(
                List.of("setTimeout 0", "setImmediate"), List.of("setImmediate", "setTimeout 0"));
    }

    @Test
    void theMainModuleAllowsBothOrdersOfTimerAndImmediate() {
        assertThat(PhaseOrder.MAIN_MODULE.documented()).hasSize(2)
                .allMatch(order -> order.subList(0, 3).equals(List.of("main script", "nextTick", "queueMicrotask")));
        assertThat(PhaseOrder.MAIN_MODULE.documents(List.of("main script", "queueMicrotask", "nextTick", "setTimeout 0", "setImmediate")))
                .as("a microtask before a nextTick").isFalse();
    }

    @Test
    void aTallyPutsTheMostFrequentOrderFirst() {
        List<String> a = List.of("a", "b");
        List<String> b = List.of("b", "a");
        Map<List<String>, Integer> tally = PhaseOrder.tally(List.of(a, b, b, a, b));
        assertThat(tally).containsExactly(Map.entry(b, 3), Map.entry(a, 2));
        assertThat(PhaseOrder.arrows(a)).isEqualTo("a > b");
    }
}
