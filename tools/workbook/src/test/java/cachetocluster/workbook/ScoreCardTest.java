package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.workbook.grading.Grader;
import cachetocluster.workbook.grading.ScoreCard;
import cachetocluster.workbook.grading.TestOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreCardTest {

    private final Curriculum.Lab lab = new Curriculum.Lab(3, "03-event-loop", "Event loop", null, "ready", null, null, null, null, null, null);
    private final Curriculum.Exercise heap = new Curriculum.Exercise("timer-heap", "t", "a/B.java", List.of("a.BTest"), List.of(), null);
    private final Curriculum.Exercise parser = new Curriculum.Exercise("parser", "p", "a/C.java", List.of("a.CTest"), List.of(), null);

    private static TestOutcome test(int task, boolean passed) {
        return TestOutcome.parse(String.join("\t", passed ? "SUCCESSFUL" : "FAILED", "a.T", "m" + task, "Task " + task,
                "task:" + task, passed ? "" : "org.opentest4j.AssertionFailedError", "false", ""));
    }

    @Test
    void aTaskPassesOnlyWhenAllItsTestsPassAndTheHeadlineCountsTasks() {
        var heapResult = new Grader.Result(heap, null, List.of(test(1, true), test(1, true), test(2, true), test(2, false)), false, "");
        var parserResult = new Grader.Result(parser, null, List.of(test(1, true), test(2, true), test(3, false)), false, "");
        var card = new ScoreCard(lab, List.of(heapResult, parserResult));
        assertThat(card.totalTasks()).isEqualTo(5);
        assertThat(card.passedTasks()).isEqualTo(3);
        assertThat(card.headline()).isEqualTo("Lab 03 - Event loop: 3/5 tasks, 60%");
    }

    @Test
    void anExerciseThatDoesNotCompileScoresNothing() {
        var broken = new Grader.Result(heap, "B.java:3: error: ';' expected", List.of(), false, "");
        var card = new ScoreCard(lab, List.of(broken));
        assertThat(card.passedTasks()).isZero();
        assertThat(card.totalTasks()).isEqualTo(1);
        assertThat(broken.allPassed()).isFalse();
    }
}
