package cachetocluster.workbook.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs graded test classes in a JVM of their own (started by {@link Grader}) and writes one line per
 * test to a report file. A separate JVM keeps a learner's infinite loop, System.exit or stray thread
 * away from the workbook, and lets the learner's class shadow the reference on the class path.
 *
 * <p>Usage: {@code GradedTestRunner REPORT_FILE TEST_CLASS...}. Only the JUnit Platform Launcher
 * API is used here, because this class runs on the lab's class path, not the workbook's.
 */
public final class GradedTestRunner {

    public static void main(String[] args) throws IOException {
        Path report = Path.of(args[0]);
        List<String> classes = List.of(args).subList(1, args.length);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(classes.stream().map(c -> selectClass(c)).toList())
                .build();
        var listener = new Listener();
        var lines = listener.lines;
        var launcher = LauncherFactory.create();
        var testPlan = launcher.discover(request);
        if (!testPlan.containsTests()) {
            lines.add(String.join("\t", "NO_TESTS", escape(String.join(",", classes)), "", "", "", "", "", ""));
        }
        launcher.execute(testPlan, listener);
        try (var out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8))) {
            lines.forEach(out::println);
        }
        System.exit(0);
    }

    /** Collects one report line per finished test (and per container that failed to start). */
    static final class Listener implements TestExecutionListener {
        final List<String> lines = new ArrayList<>();
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) lines.add(line(plan, id, "SKIPPED", null, reason));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable thrown = result.getThrowable().orElse(null);
            if (id.isTest()) {
                lines.add(line(plan, id, result.getStatus().name(), thrown, null));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.getSource().isPresent()) {
                // A class that cannot even start (its @BeforeAll failed, it cannot be loaded)
                // counts as one failure under the class's name, so it is never silently lost.
                lines.add(line(plan, id, "CONTAINER_FAILED", thrown, null));
            }
        }
    }

    /** status, class, method, display name, tags, throwable class, linkage error?, message */
    private static String line(TestPlan plan, TestIdentifier id, String status, Throwable thrown, String reason) {
        String className = "";
        String method = "";
        if (id.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.MethodSource m) {
            className = m.getClassName();
            method = m.getMethodName();
        } else if (id.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
            className = c.getClassName();
        }
        String display = id.getDisplayName();
        // A parameterized invocation named by JUnit's default ("[1] 48K") says nothing alone; its
        // parent holds the task's sentence. A name the author wrote for invocations stands alone.
        var parent = plan == null ? null : plan.getParent(id).orElse(null);
        if (parent != null && display.startsWith("[")
                && parent.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.MethodSource) {
            display = parent.getDisplayName() + " " + display;
        }
        String tags = id.getTags().stream().map(t -> t.getName()).sorted().collect(Collectors.joining(","));
        String message = reason;
        String type = "";
        boolean linkage = false;
        if (thrown != null) {
            type = thrown.getClass().getName();
            message = thrown.getMessage() == null ? "" : thrown.getMessage();
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof LinkageError) linkage = true;
            }
        }
        return String.join("\t", status, escape(className), escape(method), escape(display), escape(tags),
                escape(type), Boolean.toString(linkage), escape(message == null ? "" : message));
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }
}
