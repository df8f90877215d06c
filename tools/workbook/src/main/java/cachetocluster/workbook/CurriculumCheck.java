package cachetocluster.workbook;

import cachetocluster.workbook.grading.Grader;
import cachetocluster.workbook.grading.VerifyVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * `workbook verify`: the curriculum's own test, run by CI. For every exercise, each graded test must
 * fail on the stub as shipped and pass on the reference; every file the manifest names must exist;
 * every notebook must run top to bottom. Ends with a "verify: N passed, M failed" line.
 */
public final class CurriculumCheck {

    private final Project project;
    private final Curriculum curriculum;
    private final Style style;
    private final PrintStream out;
    private int passed;
    private int failed;

    public CurriculumCheck(Project project, Curriculum curriculum, Style style, PrintStream out) {
        this.project = project;
        this.curriculum = curriculum;
        this.style = style;
        this.out = out;
    }

    /** Runs every check and returns true when all passed. */
    public boolean run(boolean notebooks) {
        for (Curriculum.Lab lab : curriculum.labs()) {
            Path dir = project.labDir(lab);
            check(Files.isRegularFile(dir.resolve("pom.xml")), lab.label() + ": module " + project.display(dir) + " exists");
            if (!lab.ready()) continue;
            check(Files.isRegularFile(dir.resolve("README.md")), lab.label() + ": has a lab sheet (README.md)");
            for (Curriculum.Step step : lab.steps()) {
                check(Files.isRegularFile(dir.resolve(step.script())), lab.label() + ": step script " + step.script() + " exists");
            }
            if (!lab.exercises().isEmpty()) {
                verifyExercises(lab);
            }
        }
        if (notebooks) {
            for (Curriculum.Lab lab : curriculum.labs()) {
                if (lab.notebook() != null && Files.isRegularFile(project.root().resolve(lab.notebook()))) {
                    checkNotebook(lab);
                } else if (lab.ready()) {
                    check(false, lab.label() + ": notebook " + lab.notebook() + " exists");
                }
            }
        }
        out.println();
        out.println("verify: " + passed + " passed, " + failed + " failed");
        return failed == 0;
    }

    private void verifyExercises(Curriculum.Lab lab) {
        var build = new LabBuild(project, curriculum, lab);
        build.ensureBuilt();
        var grader = new Grader(project, build);
        for (Curriculum.Exercise exercise : lab.exercises()) {
            String name = lab.label() + " / " + exercise.name();
            boolean files = check(Files.isRegularFile(build.learnerFile(exercise)), name + ": stub " + project.display(build.learnerFile(exercise)) + " exists")
                    & check(Files.isRegularFile(build.referenceFile(exercise)), name + ": reference " + project.display(build.referenceFile(exercise)) + " exists");
            check(exercise.hints().size() >= 2, name + ": has graduated hints (at least 2, has " + exercise.hints().size() + ")");
            if (!files) continue;
            Path stub = shippedStub(build, exercise);
            Grader.Result onReference = grader.gradeReference(exercise);
            Grader.Result onStub = grader.grade(exercise, stub);
            if (onReference.timedOut() || onStub.timedOut()) {
                check(false, name + ": graded tests finish within " + exercise.timeout() + " s on stub and reference");
                continue;
            }
            for (VerifyVerdict.TestVerdict verdict : VerifyVerdict.judge(onReference.outcomes(), onStub.compileError(), onStub.outcomes())) {
                check(verdict.sound(), name + ": " + verdict.displayName()
                        + (verdict.sound() ? style.dim("  (fails on stub, passes on reference)") : "  -- " + verdict.problem()));
            }
        }
    }

    /**
     * The stub as shipped (git HEAD), not the learner's edited copy: verify checks the course, not the
     * learner. Outside a git checkout the file in the tree is used.
     */
    private Path shippedStub(LabBuild build, Curriculum.Exercise exercise) {
        Path file = build.learnerFile(exercise);
        String relative = project.root().relativize(file).toString();
        var shown = Processes.run(List.of("git", "show", "HEAD:" + relative), project.root(), 30);
        if (shown.exitCode() != 0 || shown.timedOut()) {
            return file;
        }
        Path copy = build.target().resolve("verify").resolve(exercise.name()).resolve(file.getFileName());
        try {
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, shown.output());
        } catch (IOException e) {
            return file;
        }
        return copy;
    }

    private void checkNotebook(Curriculum.Lab lab) {
        Path notebook = project.root().resolve(lab.notebook());
        List<Path> classPath = List.of();
        if (lab.ready()) {
            var build = new LabBuild(project, curriculum, lab);
            build.ensureBuilt();
            classPath = build.runtimeClassPath();
        }
        try {
            NotebookCheck.Result result = NotebookCheck.run(notebook, classPath, project);
            check(result.ok(), lab.label() + ": notebook " + lab.notebook() + " runs top to bottom ("
                    + result.snippets() + " snippets)" + (result.ok() ? "" : "  -- " + result.problem()));
        } catch (IOException e) {
            check(false, lab.label() + ": notebook " + lab.notebook() + " is readable (" + e.getMessage() + ")");
        }
    }

    private boolean check(boolean ok, String what) {
        if (ok) passed++;
        else failed++;
        out.println((ok ? style.pass() : style.fail()) + " " + what);
        return ok;
    }
}
