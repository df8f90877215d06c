package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurriculumTest {

    private final Project project = RepoRoot.project();
    private final Curriculum curriculum = Curriculum.load(project.curriculumFile());

    @Test
    void theManifestListsLabsZeroToEightInOrderEachWithAModule() {
        assertThat(curriculum.labs()).extracting(Curriculum.Lab::id).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        for (Curriculum.Lab lab : curriculum.labs()) {
            assertThat(project.labDir(lab).resolve("pom.xml")).as(lab.label() + " module").isRegularFile();
        }
    }

    @Test
    void everyModuleOfTheLabsPomIsInTheManifest() throws Exception {
        String labsPom = Files.readString(project.root().resolve("labs/pom.xml"));
        for (Curriculum.Lab lab : curriculum.labs()) {
            assertThat(labsPom).contains("<module>" + lab.dir() + "</module>");
        }
    }

    @Test
    void readyLabsNameFilesThatExist() {
        for (Curriculum.Lab lab : curriculum.readyLabs()) {
            for (Curriculum.Step step : lab.steps()) {
                assertThat(project.labDir(lab).resolve(step.script())).isRegularFile();
            }
            for (Curriculum.Exercise exercise : lab.exercises()) {
                assertThat(project.labDir(lab).resolve("exercises").resolve(exercise.file())).isRegularFile();
                assertThat(project.labDir(lab).resolve("src/main/java").resolve(exercise.file())).isRegularFile();
                assertThat(exercise.hints()).as(exercise.name() + " hints").hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aLabNumberIsReadAsTypedAndBadOnesGetOneClearLine() {
        assertThat(curriculum.lab("03").id()).isEqualTo(3);
        assertThatThrownBy(() -> curriculum.lab("abc")).isInstanceOf(UserError.class)
                .hasMessage("workbook: 'abc' is not a lab number (labs are 0 to 8; ./workbook list shows them)");
        assertThatThrownBy(() -> curriculum.lab("99")).isInstanceOf(UserError.class)
                .hasMessageContaining("there is no lab 99");
        assertThatThrownBy(() -> curriculum.readyLab("8")).isInstanceOf(UserError.class)
                .hasMessageContaining("is coming");
    }

    @Test
    void aMalformedManifestIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("curriculum.yaml");
        Files.writeString(file, "labs:\n  - id: 0\n    dir: x\n    title: T\n    status: ready\n    colour: blue\n");
        assertThatThrownBy(() -> Curriculum.load(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("curriculum.yaml is malformed").hasMessageContaining("colour").hasMessageContaining("line");
        Files.writeString(file, "labs:\n  - id: 1\n    dir: x\n    title: T\n    status: ready\n");
        assertThatThrownBy(() -> Curriculum.load(file)).hasMessageContaining("ids must be 0, 1, 2");
    }
}
