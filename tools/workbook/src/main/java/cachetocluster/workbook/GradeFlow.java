package cachetocluster.workbook;

import cachetocluster.workbook.grading.Grader;
import cachetocluster.workbook.grading.ScoreCard;
import cachetocluster.workbook.grading.TestOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * `workbook grade N`: grades every exercise of a lab, prints the score table with the first failing
 * message and where to get a hint, records progress, and shows the reference after a first pass.
 */
public final class GradeFlow {

    private final Project project;
    private final Curriculum curriculum;
    private final Style style;
    private final PrintStream out;

    public GradeFlow(Project project, Curriculum curriculum, Style style, PrintStream out) {
        this.project = project;
        this.curriculum = curriculum;
        this.style = style;
        this.out = out;
    }

    /** Grades the lab (or one exercise of it) and returns the score card. */
    public ScoreCard grade(Curriculum.Lab lab, String onlyExercise) {
        if (lab.exercises().isEmpty()) {
            throw new UserError("workbook: " + lab.label() + " has no exercises to grade");
        }
        List<Curriculum.Exercise> exercises = onlyExercise == null ? lab.exercises()
                : List.of(lab.exercise(onlyExercise).orElseThrow(() -> new UserError(
                        "workbook: " + lab.label() + " has no exercise '" + onlyExercise + "' (it has: "
                                + String.join(", ", lab.exercises().stream().map(Curriculum.Exercise::name).toList()) + ")", 2)));
        var build = new LabBuild(project, curriculum, lab);
        build.ensureBuilt();
        var grader = new Grader(project, build);
        List<Grader.Result> results = new ArrayList<>();
        for (Curriculum.Exercise exercise : exercises) {
            results.add(grader.gradeLearner(exercise));
        }
        var card = new ScoreCard(lab, results);
        print(card, build);
        return card;
    }

    private void print(ScoreCard card, LabBuild build) {
        Curriculum.Lab lab = card.lab();
        Progress progress = Progress.load(project);
        out.println(style.bold(card.headline()));
        boolean messageShown = false;
        List<ScoreCard.Task> tasks = card.tasks(); // derived from every outcome: compute once
        for (Grader.Result result : card.results()) {
            Curriculum.Exercise exercise = result.exercise();
            out.println();
            out.println("  " + style.bold(exercise.name()) + "  " + style.dim(exercise.title() == null ? "" : exercise.title()));
            if (!result.compiled()) {
                out.println("    " + style.fail() + " does not compile: " + result.compileError());
                messageShown = true;
            } else if (result.timedOut()) {
                out.println("    " + style.fail() + " the graded tests did not finish in " + exercise.timeout() + " s (an endless loop? a wait that never ends?)");
                messageShown = true;
            } else {
                for (ScoreCard.Task task : tasks) {
                    if (task.exercise() != exercise) continue;
                    TestOutcome shown = task.tests().stream().filter(t -> !t.passed()).findFirst().orElse(task.tests().getFirst());
                    String label = task.number() == 0 ? "untagged" : "task " + task.number();
                    String more = task.tests().size() > 1 ? style.dim("  (" + task.tests().size() + " tests)") : "";
                    out.println("    " + (task.passed() ? style.pass() : style.fail()) + " " + label + "  " + shown.displayName() + more);
                    if (!task.passed() && !messageShown) {
                        shown.explanation().lines().limit(6).forEach(l -> out.println("        " + style.yellow(l)));
                        messageShown = true;
                    }
                }
            }
            int passed = (int) tasks.stream().filter(t -> t.exercise() == exercise && t.passed()).count();
            int total = (int) tasks.stream().filter(t -> t.exercise() == exercise).count();
            boolean firstPass = progress.recordGrade(lab, exercise, passed, total, result.allPassed());
            if (result.allPassed()) {
                out.println("    " + style.green("Exercise done.") + " The reference solution: " + project.display(build.referenceFile(exercise)));
                if (firstPass) {
                    showReference(build, exercise);
                }
            } else {
                int shownHints = progress.get(lab, exercise).hintsShown();
                out.println("    Your file: " + project.display(build.learnerFile(exercise)));
                if (shownHints < exercise.hints().size()) {
                    out.println("    Stuck? " + style.cyan("./workbook hint " + lab.id() + " " + exercise.name())
                            + style.dim("  (hint " + (shownHints + 1) + " of " + exercise.hints().size() + ")"));
                } else {
                    out.println("    All " + exercise.hints().size() + " hints shown; the lab sheet is labs/" + lab.dir() + "/README.md");
                }
            }
        }
    }

    private void showReference(LabBuild build, Curriculum.Exercise exercise) {
        try {
            List<String> lines = Files.readAllLines(build.referenceFile(exercise));
            out.println(style.dim("    ---- reference (shown once, after your first pass; compare it with yours) ----"));
            lines.forEach(l -> out.println(style.dim("    | ") + l));
            out.println(style.dim("    ----"));
        } catch (IOException e) {
            out.println("    (cannot read the reference: " + e.getMessage() + ")");
        }
    }
}
