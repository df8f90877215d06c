package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.workbook.grading.TestOutcome;
import cachetocluster.workbook.grading.VerifyVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyVerdictTest {

    private static TestOutcome outcome(String method, String status, String type, boolean linkage, String tags) {
        return TestOutcome.parse(String.join("\t", status, "x.GradedTest", method, "Task sentence " + method, tags, type,
                Boolean.toString(linkage), "msg"));
    }

    private static TestOutcome passed(String method) {
        return outcome(method, "SUCCESSFUL", "", false, "task:1");
    }

    private static TestOutcome failed(String method) {
        return outcome(method, "FAILED", "java.lang.UnsupportedOperationException", false, "task:1");
    }

    @Test
    void aTestThatFailsOnTheStubAndPassesOnTheReferenceIsSound() {
        var verdicts = VerifyVerdict.judge(List.of(passed("a")), null, List.of(failed("a")));
        assertThat(verdicts).singleElement().satisfies(v -> assertThat(v.sound()).isTrue());
    }

    @Test
    void aVacuousTestThatPassesOnTheStubIsCaught() {
        var verdicts = VerifyVerdict.judge(List.of(passed("a"), passed("b")), null, List.of(failed("a"), passed("b")));
        assertThat(verdicts.get(0).sound()).isTrue();
        assertThat(verdicts.get(1).problem()).contains("PASSES on the stub");
    }

    @Test
    void aTestThatFailsOnTheReferenceIsCaught() {
        var verdicts = VerifyVerdict.judge(List.of(failed("a")), null, List.of(failed("a")));
        assertThat(verdicts.getFirst().problem()).startsWith("fails on the reference");
    }

    @Test
    void aStubWhoseApiDiffersIsCaughtEvenThoughTheTestFails() {
        var verdicts = VerifyVerdict.judge(List.of(passed("a")), null,
                List.of(outcome("a", "FAILED", "java.lang.NoSuchMethodError", true, "task:1")));
        assertThat(verdicts.getFirst().problem()).contains("API differs");
    }

    @Test
    void untaggedTestsAndAStubThatDoesNotCompileAreCaught() {
        var untagged = outcome("a", "SUCCESSFUL", "", false, "");
        assertThat(VerifyVerdict.judge(List.of(untagged), null, List.of(failed("a"))).getFirst().problem()).contains("task:N");
        assertThat(VerifyVerdict.judge(List.of(passed("a")), "X.java:3: error: ';' expected", List.of()).getFirst().problem())
                .contains("does not compile");
        assertThat(VerifyVerdict.judge(List.of(), null, List.of()).getFirst().sound()).isFalse();
    }
}
