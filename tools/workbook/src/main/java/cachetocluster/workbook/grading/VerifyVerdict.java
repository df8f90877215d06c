package cachetocluster.workbook.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The curriculum's own test (rustlings' `dev check`): every graded test must FAIL on the shipped stub
 * and PASS on the reference. A test that passes on the stub cannot tell a learner anything; one that
 * fails on the reference is broken; one that fails on the stub only because the stub's API differs
 * (a LinkageError) would fail the learner for the wrong reason.
 */
public final class VerifyVerdict {

    /** One graded test's verdict; {@code problem} is null when it is sound. */
    public record TestVerdict(String displayName, String problem) {
        public boolean sound() {
            return problem == null;
        }
    }

    private VerifyVerdict() {
    }

    static String identity(TestOutcome o) {
        return o.className() + "#" + o.method() + "#" + o.displayName();
    }

    public static List<TestVerdict> judge(List<TestOutcome> onReference, String stubCompileError, List<TestOutcome> onStub) {
        List<TestVerdict> verdicts = new ArrayList<>();
        if (onReference.isEmpty()) {
            verdicts.add(new TestVerdict("(no graded tests)", "no graded test ran on the reference"));
            return verdicts;
        }
        Map<String, TestOutcome> stubById = onStub.stream()
                .collect(Collectors.toMap(VerifyVerdict::identity, Function.identity(), (a, b) -> a));
        for (TestOutcome ref : onReference) {
            verdicts.add(new TestVerdict(ref.displayName(), problemWith(ref, stubCompileError, stubById.get(identity(ref)))));
        }
        return verdicts;
    }

    private static String problemWith(TestOutcome ref, String stubCompileError, TestOutcome stub) {
        if (!ref.passed()) {
            return "fails on the reference: " + ref.explanation();
        }
        if (ref.task().isEmpty()) {
            return "has no @Tag(\"task:N\"), so no task of the lab sheet owns it";
        }
        if (!ref.hasWrittenDisplayName()) {
            return "has no @DisplayName written as the task";
        }
        if (stubCompileError != null) {
            return "the shipped stub does not compile: " + stubCompileError;
        }
        if (stub == null) {
            return "did not run on the stub";
        }
        if (stub.passed()) {
            return "PASSES on the stub: it cannot fail, so it grades nothing";
        }
        if (stub.linkageError()) {
            return "fails on the stub with " + stub.throwableType() + " (the stub's API differs from the reference)";
        }
        return null;
    }
}
