package cachetocluster.workbook;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root, seen from a test running in tools/workbook. */
final class RepoRoot {
    private RepoRoot() {
    }

    static Path get() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Project.CURRICULUM))) return dir;
        }
        throw new IllegalStateException("no labs/curriculum.yaml above " + Path.of("").toAbsolutePath());
    }

    static Project project() {
        return new Project(get());
    }
}
