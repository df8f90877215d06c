package cachetocluster.workbook.grading;

import cachetocluster.workbook.Curriculum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lab's score: tasks passed out of tasks, where a task (a numbered task of the lab sheet, the
 * tests' {@code @Tag("task:N")}) passes when every test of it passes.
 */
public record ScoreCard(Curriculum.Lab lab, List<Grader.Result> results) {

    /** One task of one exercise, with the tests that make it up. */
    public record Task(Curriculum.Exercise exercise, int number, List<TestOutcome> tests, boolean passed) {
    }

    /** Tasks in exercise order, then task number. An exercise that did not compile fails all its tasks. */
    public List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        for (Grader.Result result : results) {
            Map<Integer, List<TestOutcome>> byTask = new TreeMap<>();
            for (TestOutcome outcome : result.outcomes()) {
                byTask.computeIfAbsent(outcome.task().orElse(0), k -> new ArrayList<>()).add(outcome);
            }
            if (byTask.isEmpty()) {
                // Did not compile or timed out: count it as one failed task so the score never rises.
                tasks.add(new Task(result.exercise(), 0, List.of(), false));
            }
            byTask.forEach((n, tests) -> tasks.add(new Task(result.exercise(), n, tests,
                    result.compiled() && !result.timedOut() && tests.stream().allMatch(TestOutcome::passed))));
        }
        return tasks;
    }

    public int passedTasks() {
        return (int) tasks().stream().filter(Task::passed).count();
    }

    public int totalTasks() {
        return tasks().size();
    }

    public int percent() {
        return totalTasks() == 0 ? 0 : Math.round(100f * passedTasks() / totalTasks());
    }

    /** "Lab 00 - Machine tour: 2/4 tasks, 50%" */
    public String headline() {
        return "%s: %d/%d tasks, %d%%".formatted(lab.label(), passedTasks(), totalTasks(), percent());
    }
}
