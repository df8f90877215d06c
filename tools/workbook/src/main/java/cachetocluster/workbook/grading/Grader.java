package cachetocluster.workbook.grading;

import cachetocluster.workbook.Curriculum;
import cachetocluster.workbook.JavaCompilation;
import cachetocluster.workbook.LabBuild;
import cachetocluster.workbook.Processes;
import cachetocluster.workbook.Project;
import cachetocluster.workbook.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades one exercise: compiles a version of the exercise class (the learner's, or the shipped stub)
 * against the lab, puts it first on the class path so it shadows the reference, and runs the graded
 * tests in a fresh JVM. With no version given, the tests run against the reference itself.
 */
public final class Grader {

    /** What was graded and how it went: either a compile error or the outcome of every graded test. */
    public record Result(Curriculum.Exercise exercise, String compileError, List<TestOutcome> outcomes,
                         boolean timedOut, String output) {
        public boolean compiled() {
            return compileError == null;
        }

        public boolean allPassed() {
            return compiled() && !timedOut && !outcomes.isEmpty() && outcomes.stream().allMatch(TestOutcome::passed);
        }
    }

    private final Project project;
    private final LabBuild build;

    public Grader(Project project, LabBuild build) {
        this.project = project;
        this.build = build;
    }

    /** Grades the learner's copy in the lab's exercises/ folder. */
    public Result gradeLearner(Curriculum.Exercise exercise) {
        return grade(exercise, build.learnerFile(exercise));
    }

    /** Runs the graded tests against the reference implementation. */
    public Result gradeReference(Curriculum.Exercise exercise) {
        return grade(exercise, null);
    }

    /**
     * @param source the exercise class to put in place of the reference, or null for the reference
     */
    public Result grade(Curriculum.Exercise exercise, Path source) {
        Path work = build.target().resolve("grade").resolve(exercise.name());
        List<Path> classPath = new ArrayList<>();
        if (source != null) {
            if (!Files.isRegularFile(source)) {
                throw new UserError("workbook: " + project.display(source) + " is missing; ./workbook reset "
                        + build.lab().id() + " " + exercise.name() + " restores it");
            }
            Path classes = work.resolve("classes");
            LabBuild.deleteTree(classes);
            var compiled = JavaCompilation.compile(List.of(source), build.runtimeClassPath(), classes, project);
            if (!compiled.ok()) {
                return new Result(exercise, compiled.firstError(), List.of(), false, "");
            }
            classPath.add(classes);
        }
        classPath.add(runnerClasses());
        classPath.addAll(build.testClassPath());

        Path report = work.resolve("report.tsv");
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                Project.javaLauncher("java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-classpath", String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                GradedTestRunner.class.getName(), report.toString()));
        command.addAll(exercise.tests());
        Processes.Result run = Processes.run(command, build.dir(), exercise.timeout());
        if (run.timedOut()) {
            return new Result(exercise, null, List.of(), true, run.output());
        }
        if (!Files.isRegularFile(report)) {
            throw new UserError("workbook: the graded tests of " + exercise.name() + " did not report (exit " + run.exitCode()
                    + "): " + run.output().lines().limit(3).reduce((a, b) -> a + " / " + b).orElse(""));
        }
        try {
            List<TestOutcome> outcomes = Files.readAllLines(report).stream()
                    .filter(l -> !l.isBlank()).map(TestOutcome::parse).toList();
            if (outcomes.stream().anyMatch(o -> o.status() == TestOutcome.Status.NO_TESTS)) {
                throw new UserError("workbook: no graded tests found in " + exercise.tests() + " (is the class name in curriculum.yaml right?)");
            }
            return new Result(exercise, null, outcomes, false, run.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The runner's own class files, copied out of whatever holds the workbook (JBang's jar, Maven's
     * target/classes) into a folder of their own, so the tests' JVM sees nothing else of the workbook.
     */
    private Path runnerClasses() {
        Path dir = project.root().resolve(".cache/grader");
        String[] names = {"GradedTestRunner.class", "GradedTestRunner$Listener.class"};
        Path pkg = dir.resolve(GradedTestRunner.class.getPackageName().replace('.', '/'));
        try {
            Files.createDirectories(pkg);
            for (String name : names) {
                try (InputStream in = GradedTestRunner.class.getResourceAsStream(name)) {
                    if (in == null) throw new IllegalStateException("missing " + name);
                    byte[] bytes = in.readAllBytes();
                    Path target = pkg.resolve(name);
                    if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                        Files.write(target, bytes);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
