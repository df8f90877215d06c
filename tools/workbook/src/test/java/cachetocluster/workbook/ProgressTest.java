package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    private final Curriculum.Exercise exercise = new Curriculum.Exercise("cache-size", "t", "a/B.java", List.of("a.BTest"),
            List.of("one", "two", "three"), null);
    private final Curriculum.Lab lab = new Curriculum.Lab(0, "00-setup", "Machine tour", null, "ready", null, null, null, null, null, List.of(exercise));

    @Test
    void hintsAreShownOneMorePerCallUpToTheLastAndSurviveARestart(@TempDir Path root) {
        var project = new Project(root);
        assertThat(Progress.load(project).nextHint(lab, exercise)).isEqualTo(1);
        assertThat(Progress.load(project).nextHint(lab, exercise)).isEqualTo(2);
        assertThat(Progress.load(project).nextHint(lab, exercise)).isEqualTo(3);
        assertThat(Progress.load(project).nextHint(lab, exercise)).isEqualTo(3);
    }

    @Test
    void aFirstPassIsReportedOnceAndCounted(@TempDir Path root) {
        var project = new Project(root);
        assertThat(Progress.load(project).recordGrade(lab, exercise, 2, 4, false)).isFalse();
        assertThat(Progress.load(project).recordGrade(lab, exercise, 4, 4, true)).isTrue();
        assertThat(Progress.load(project).recordGrade(lab, exercise, 4, 4, true)).isFalse();
        assertThat(Progress.load(project).passedCount(lab)).isEqualTo(1);
    }

    @Test
    void aDamagedStateFileIsSetAsideNotFatal(@TempDir Path root) throws Exception {
        var project = new Project(root);
        Files.createDirectories(project.stateDir());
        Files.writeString(project.stateDir().resolve("progress.json"), "{not json");
        assertThat(Progress.load(project).passed(lab, exercise)).isFalse();
        try (var files = Files.list(project.stateDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("progress.json.damaged-"));
        }
    }
}
