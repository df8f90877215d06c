package cachetocluster.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learner's progress, kept in .workbook/progress.json (git-ignored): per exercise, how many
 * hints were shown, the last score, and whether and when it passed.
 */
public final class Progress {

    /** Progress on one exercise; keys are "lab/exercise", e.g. "0/cache-size". */
    public record Entry(int hintsShown, boolean passed, String passedAt, int tasksPassed, int tasks) {
        static final Entry NEW = new Entry(0, false, null, 0, 0);
    }

    public record State(Map<String, Entry> exercises) {
        public State {
            exercises = exercises == null ? new TreeMap<>() : new TreeMap<>(exercises);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final State state;

    private Progress(Path file, State state) {
        this.file = file;
        this.state = state;
    }

    public static Progress load(Project project) {
        Path file = project.stateDir().resolve("progress.json");
        if (!Files.exists(file)) {
            return new Progress(file, new State(null));
        }
        try {
            return new Progress(file, JSON.readValue(Files.readString(file), State.class));
        } catch (IOException | JacksonException e) {
            // A damaged state file must not lock the learner out; keep it aside and start afresh.
            try {
                Files.move(file, file.resolveSibling("progress.json.damaged-" + System.currentTimeMillis()));
            } catch (IOException ignored) {
                // nothing more to save
            }
            System.err.println("workbook: " + file + " was unreadable; kept it aside and started a new one");
            return new Progress(file, new State(null));
        }
    }

    public static String key(Curriculum.Lab lab, Curriculum.Exercise exercise) {
        return lab.id() + "/" + exercise.name();
    }

    public Entry get(Curriculum.Lab lab, Curriculum.Exercise exercise) {
        return state.exercises().getOrDefault(key(lab, exercise), Entry.NEW);
    }

    public boolean passed(Curriculum.Lab lab, Curriculum.Exercise exercise) {
        return get(lab, exercise).passed();
    }

    public long passedCount(Curriculum.Lab lab) {
        return lab.exercises().stream().filter(e -> passed(lab, e)).count();
    }

    /** Records a grade; returns true when this is the first time the exercise passed. */
    public boolean recordGrade(Curriculum.Lab lab, Curriculum.Exercise exercise, int tasksPassed, int tasks, boolean passed) {
        Entry old = get(lab, exercise);
        String passedAt = passed ? (old.passed() ? old.passedAt() : Instant.now().toString()) : null;
        state.exercises().put(key(lab, exercise), new Entry(old.hintsShown(), passed, passedAt, tasksPassed, tasks));
        save();
        return passed && !old.passed();
    }

    /** Shows one more hint (up to the last) and returns how many are now shown. */
    public int nextHint(Curriculum.Lab lab, Curriculum.Exercise exercise) {
        Entry old = get(lab, exercise);
        int shown = Math.min(old.hintsShown() + 1, exercise.hints().size());
        state.exercises().put(key(lab, exercise), new Entry(shown, old.passed(), old.passedAt(), old.tasksPassed(), old.tasks()));
        save();
        return shown;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("progress.json.tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save progress to " + file, e);
        }
    }
}
