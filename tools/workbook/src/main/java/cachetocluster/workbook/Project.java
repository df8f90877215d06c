package cachetocluster.workbook;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in a clone of Cache to Cluster. */
public record Project(Path root) {

    public static final String CURRICULUM = "labs/curriculum.yaml";

    /** The root the ./workbook shim passed in, or the first folder upwards that holds the curriculum. */
    public static Project locate() {
        String given = System.getProperty("c2c.root");
        if (given != null && !given.isBlank()) {
            return new Project(Path.of(given).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CURRICULUM))) {
                return new Project(dir);
            }
        }
        throw new UserError("workbook: cannot find " + CURRICULUM + " here or above; run ./workbook from the project folder");
    }

    public Path curriculumFile() {
        return root.resolve(CURRICULUM);
    }

    public Path labDir(Curriculum.Lab lab) {
        return root.resolve("labs").resolve(lab.dir());
    }

    /** Git-ignored: the learner's progress and the backups `reset` makes. */
    public Path stateDir() {
        return root.resolve(".workbook");
    }

    public Path mvnw() {
        return root.resolve("mvnw");
    }

    /** Shows a path the way a user would type it from the project folder. */
    public String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    /** The java launcher of the JDK this workbook runs on (JDK 25, found by the shim). */
    public static Path javaLauncher(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool);
    }
}
