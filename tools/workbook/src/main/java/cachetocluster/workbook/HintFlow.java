package cachetocluster.workbook;

import java.io.PrintStream;

/** `workbook hint N [exercise]`: one more hint per call, the earlier ones repeated above it. */
public final class HintFlow {

    private final Project project;
    private final Style style;
    private final PrintStream out;

    public HintFlow(Project project, Style style, PrintStream out) {
        this.project = project;
        this.style = style;
        this.out = out;
    }

    public void showNext(Curriculum.Lab lab, String exerciseName) {
        if (lab.exercises().isEmpty()) {
            throw new UserError("workbook: " + lab.label() + " has no exercises, so no hints");
        }
        Progress progress = Progress.load(project);
        Curriculum.Exercise exercise = exerciseName != null
                ? lab.exercise(exerciseName).orElseThrow(() -> new UserError("workbook: " + lab.label()
                        + " has no exercise '" + exerciseName + "'", 2))
                : lab.exercises().stream().filter(e -> !progress.passed(lab, e)).findFirst().orElse(lab.exercises().getLast());
        if (exercise.hints().isEmpty()) {
            throw new UserError("workbook: " + exercise.name() + " has no hints; read labs/" + lab.dir() + "/README.md");
        }
        int before = progress.get(lab, exercise).hintsShown();
        int shown = progress.nextHint(lab, exercise);
        out.println(style.bold("Hints for " + exercise.name()) + style.dim("  (" + lab.label() + ")"));
        for (int i = 0; i < shown; i++) {
            String text = exercise.hints().get(i);
            String label = "Hint " + (i + 1) + " of " + exercise.hints().size() + ": ";
            out.println();
            out.println(i < before ? style.dim(label + text) : style.bold(label) + text);
        }
        out.println();
        if (shown == exercise.hints().size()) {
            out.println(style.dim("That was the last hint. The reference solution is shown after your first pass."));
        } else {
            out.println(style.dim("Run the same command again for the next hint. Grade with ./workbook grade " + lab.id() + "."));
        }
    }
}
