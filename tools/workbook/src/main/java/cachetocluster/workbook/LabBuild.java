package cachetocluster.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab's compiled classes and class paths. Maven builds a lab the first time (and again when its
 * sources or poms change); after that the workbook compiles only the learner's files and step
 * scripts itself, which keeps `grade` and `run` fast enough to use on every save.
 */
public final class LabBuild {

    private final Project project;
    private final Curriculum curriculum;
    private final Curriculum.Lab lab;
    private final Path dir;

    public LabBuild(Project project, Curriculum curriculum, Curriculum.Lab lab) {
        this.project = project;
        this.curriculum = curriculum;
        this.lab = lab;
        this.dir = project.labDir(lab);
    }

    public Curriculum.Lab lab() {
        return lab;
    }

    public Path dir() {
        return dir;
    }

    public Path target() {
        return dir.resolve("target");
    }

    public Path classes() {
        return target().resolve("classes");
    }

    public Path testClasses() {
        return target().resolve("test-classes");
    }

    private Path stamp() {
        return target().resolve("workbook-built.stamp");
    }

    /** What a change to should trigger a Maven build: this lab's and earlier labs' sources, and the poms. */
    private List<Path> buildInputs() {
        List<Path> inputs = new ArrayList<>(List.of(project.root().resolve("pom.xml"), project.root().resolve("labs/pom.xml")));
        for (Curriculum.Lab earlier : curriculum.labs()) {
            if (earlier.id() > lab.id()) break;
            Path labDir = project.labDir(earlier);
            inputs.add(labDir.resolve("pom.xml"));
            inputs.add(labDir.resolve("src"));
        }
        return inputs;
    }

    public boolean upToDate() {
        return Files.isDirectory(classes()) && Files.isRegularFile(target().resolve("classpath-test.txt"))
                && !JavaCompilation.newerThan(buildInputs(), stamp());
    }

    /** Builds the lab with Maven when needed; says so on stderr, since the first build takes a while. */
    public void ensureBuilt() {
        if (upToDate()) return;
        System.err.println("[workbook] building " + lab.label() + " with Maven (first run, or its sources changed)...");
        String module = project.display(dir);
        var command = List.of(project.mvnw().toString(), "-B", "-q", "-pl", module, "-am", "test-compile");
        Processes.Result result = Processes.run(command, project.root(), 900);
        if (result.exitCode() != 0) {
            System.err.println(result.mavenErrors());
            throw new UserError("workbook: Maven could not build " + lab.label() + " (the lines above say why; try ./mvnw -pl " + module + " -am test-compile)");
        }
        touch(stamp());
    }

    public List<Path> runtimeClassPath() {
        List<Path> path = new ArrayList<>(List.of(classes()));
        path.addAll(readClassPath(target().resolve("classpath-runtime.txt")));
        return path;
    }

    public List<Path> testClassPath() {
        List<Path> path = new ArrayList<>(List.of(testClasses(), classes()));
        path.addAll(readClassPath(target().resolve("classpath-test.txt")));
        return path;
    }

    private static List<Path> readClassPath(Path file) {
        try {
            String text = Files.readString(file).strip();
            if (text.isEmpty()) return List.of();
            return java.util.Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
        } catch (IOException e) {
            throw new UserError("workbook: " + file + " is missing; rebuild with ./mvnw -pl labs/" + file.getParent().getParent().getFileName() + " -am test-compile");
        }
    }

    /** The learner's copy of an exercise. */
    public Path learnerFile(Curriculum.Exercise exercise) {
        return dir.resolve("exercises").resolve(exercise.file());
    }

    /** The reference implementation, shown after a pass. */
    public Path referenceFile(Curriculum.Exercise exercise) {
        return dir.resolve("src/main/java").resolve(exercise.file());
    }

    /** Compiles the learner's copies of the given exercises against the lab, into their own folder. */
    public JavaCompilation.Result compileLearnerFiles(List<Curriculum.Exercise> exercises, Path output) {
        deleteTree(output);
        List<Path> sources = exercises.stream().map(this::learnerFile).toList();
        for (Path source : sources) {
            if (!Files.isRegularFile(source)) {
                throw new UserError("workbook: " + project.display(source) + " is missing; ./workbook reset " + lab.id() + " <exercise> restores it");
            }
        }
        return JavaCompilation.compile(sources, runtimeClassPath(), output, project);
    }

    /** Compiles a step script (a compact source file in the lab folder), once per change. */
    public Path compiledStep(Curriculum.Step step) {
        Path script = dir.resolve(step.script());
        if (!Files.isRegularFile(script)) {
            throw new UserError("workbook: the step script " + project.display(script) + " is missing");
        }
        Path out = target().resolve("steps").resolve(step.name());
        Path stampFile = out.resolve(".stamp");
        if (JavaCompilation.newerThan(List.of(script), stampFile) || JavaCompilation.newerThan(List.of(classes()), stampFile)) {
            deleteTree(out);
            var result = JavaCompilation.compile(List.of(script), runtimeClassPath(), out, project);
            if (!result.ok()) {
                throw new UserError(result.firstError());
            }
            touch(stampFile);
        }
        return out;
    }

    /**
     * The JVM options a step script asks for in its {@code //JAVA_OPTIONS} lines, so that a step runs
     * the same through the workbook as through JBang (which reads the same lines).
     */
    public List<String> stepJavaOptions(Curriculum.Step step) {
        try (var lines = Files.lines(dir.resolve(step.script()))) {
            return lines.takeWhile(line -> line.startsWith("//") || line.isBlank())
                    .filter(line -> line.startsWith("//JAVA_OPTIONS ") || line.startsWith("//RUNTIME_OPTIONS "))
                    .flatMap(line -> java.util.Arrays.stream(line.substring(line.indexOf(' ') + 1).trim().split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
