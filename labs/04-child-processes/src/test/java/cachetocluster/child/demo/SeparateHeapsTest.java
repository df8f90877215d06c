package cachetocluster.child.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.demo.DemoAssertions.Captured;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Step 2 (heaps): one static field, two JVMs, two values. */
@DisplayName("Lab 04 demo: separate heaps")
class SeparateHeapsTest {

    @Test
    @DisplayName("The parent's and the child's counters diverge; a message is a copy; the child's heap has its own limit")
    void countersDiverge() throws Exception {
        SeparateHeaps.Result r = SeparateHeaps.run(4, 10, 3);
        assertThat(r.parentCounts()).as("the parent's counter after each round (+10 each)").containsExactly(10, 20, 30, 40);
        assertThat(r.childCounts()).as("the child's counter after each round (+1 per message, 3 messages)")
                .containsExactly(3, 6, 9, 12);
        assertThat(SeparateHeaps.counter).as("the parent's field after the child counted to 12").isEqualTo(40);
        assertThat(r.child().pid()).as("the child's pid").isNotEqualTo(r.parent().pid());
        assertThat(r.childsList()).as("the list the child answered with").isEqualTo(List.of(1, 2, 3, 4));
        assertThat(r.sentList()).as("the parent's list after the child appended to its copy").containsExactly(1, 2, 3);
        assertThat(r.child().maxHeapBytes()).as("the child's max heap (-Xmx64m)").isLessThanOrEqualTo(64L << 20).isPositive();
        DemoAssertions.gone(r.child().pid());
    }

    @Test
    @DisplayName("Bad options: one line on stderr, status 2")
    void badOptions() {
        for (List<String> args : List.of(List.of("--rounds", "0"), List.of("--rounds", "x"), List.of("--what"))) {
            Captured out = Captured.open();
            Captured err = Captured.open();
            assertThat(SeparateHeaps.command(args.toArray(String[]::new), out.stream(), err.stream())).as("status for %s", args).isEqualTo(2);
            assertThat(err.text().lines()).as("stderr for %s", args).hasSize(1).first().asString().startsWith("heaps: ");
        }
    }
}
