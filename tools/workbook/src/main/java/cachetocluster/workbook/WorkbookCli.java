package cachetocluster.workbook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of ./workbook. Each command is a few lines that hand over to a tested class. */
@Command(name = "workbook", mixinStandardHelpOptions = true, version = "Cache to Cluster workbook 0.1",
        description = "Labs from the CPU cache to a supervised cluster: run them, grade your exercises, get hints.",
        subcommands = {CommandLine.HelpCommand.class})
public final class WorkbookCli implements Callable<Integer> {

    private final Project project = Project.locate();
    private final Style style = Style.detect();
    private final PrintStream out = System.out;
    private Curriculum curriculum;

    private Curriculum curriculum() {
        if (curriculum == null) curriculum = Curriculum.load(project.curriculumFile());
        return curriculum;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        CommandLine cli;
        try {
            cli = new CommandLine(new WorkbookCli());
        } catch (UserError e) {
            System.err.println(e.getMessage());
            return e.exitCode();
        }
        // picocli lists method subcommands in reflection order; a learner should read them in the
        // order of the work: look, run, grade, get help, then the instructor's and maintainer's tools.
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
            var text = new StringBuilder();
            for (String name : List.of("list", "run", "grade", "watch", "hint", "reset", "notebook", "bench", "doctor", "verify", "test", "help")) {
                CommandLine.Help sub = help.subcommands().get(name);
                if (sub == null) continue;
                String[] description = sub.commandSpec().usageMessage().description();
                String about = name.equals("help") ? "Show a command's options: ./workbook help grade."
                        : description.length == 0 ? "" : description[0];
                text.append("  %-9s %s%n".formatted(name, about));
            }
            return text.toString();
        });
        // `./workbook run 3 serve --port 3000`: the options after the step are the step's, and JMH's
        // after `bench N`; they reach them in order, with or without a `--` before them.
        cli.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        cli.getSubcommands().get("bench").setUnmatchedOptionsArePositionalParams(true);
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("workbook: " + e.getMessage() + " (./workbook --help lists the commands)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError user) {
                System.err.println(user.getMessage());
                return user.exitCode();
            }
            if (System.getenv("C2C_DEBUG") != null) e.printStackTrace();
            System.err.println("workbook: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (C2C_DEBUG=1 shows the stack trace; please report it)");
            return 70;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        return list();
    }

    @Command(name = "list", description = "List the labs with their status and your progress.")
    int list() {
        Progress progress = Progress.load(project);
        out.println(style.bold("Cache to Cluster") + style.dim("  - from the CPU cache to a supervised cluster"));
        out.println();
        int titleWidth = curriculum().labs().stream().mapToInt(l -> l.title().length()).max().orElse(10);
        for (Curriculum.Lab lab : curriculum().labs()) {
            String status = lab.ready() ? style.green("ready ") : style.dim("coming");
            String exercises = lab.exercises().isEmpty() ? ""
                    : progress.passedCount(lab) + "/" + lab.exercises().size() + " exercises";
            out.println("  %s  %s  %s  %s  %s".formatted(style.bold("%02d".formatted(lab.id())),
                    padRight(lab.title(), titleWidth), status, padRight(exercises, 13), style.dim(lab.node() == null ? "" : lab.node())));
        }
        out.println();
        curriculum().readyLabs().stream()
                .filter(lab -> lab.exercises().stream().anyMatch(e -> !progress.passed(lab, e)))
                .findFirst()
                .ifPresentOrElse(
                        lab -> out.println("Next: read labs/" + lab.dir() + "/README.md, then "
                                + style.cyan("./workbook run " + lab.id()) + " and " + style.cyan("./workbook grade " + lab.id())),
                        () -> out.println("Every exercise of the ready labs passes. More labs are coming."));
        return 0;
    }

    @Command(name = "run", description = "Run a lab's demo step (the first step unless you name one).")
    int run(@Parameters(index = "0", paramLabel = "LAB") String labArg,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "STEP|ARGS") List<String> rest,
            @Option(names = "--mine", description = "Run on your own exercise code instead of the reference.") boolean mine) {
        Curriculum.Lab lab = curriculum().readyLab(labArg);
        List<String> args = rest == null ? new ArrayList<>() : new ArrayList<>(rest);
        Curriculum.Step step;
        if (!args.isEmpty() && lab.step(args.getFirst()).isPresent()) {
            step = lab.step(args.removeFirst()).orElseThrow();
        } else if (!args.isEmpty() && !args.getFirst().startsWith("-")) {
            throw new UserError("workbook: " + lab.label() + " has no step '" + args.getFirst() + "' (steps: "
                    + String.join(", ", lab.steps().stream().map(Curriculum.Step::name).toList()) + ")", 2);
        } else if (lab.steps().isEmpty()) {
            throw new UserError("workbook: " + lab.label() + " has no steps to run");
        } else {
            step = lab.steps().getFirst();
        }
        var build = new LabBuild(project, curriculum(), lab);
        build.ensureBuilt();
        List<Path> classPath = new ArrayList<>();
        if (mine) {
            Path mineDir = build.target().resolve("mine");
            var compiled = build.compileLearnerFiles(lab.exercises(), mineDir);
            if (!compiled.ok()) throw new UserError(compiled.firstError());
            classPath.add(mineDir);
            System.err.println(style.dim("[workbook] running on your code: " + String.join(", ",
                    lab.exercises().stream().map(e -> project.display(build.learnerFile(e))).toList())));
        }
        classPath.add(build.compiledStep(step));
        classPath.addAll(build.runtimeClassPath());
        // No dynamic CDS archive here: the JVM archives classes from jars only and refuses to dump with
        // a class directory on the path ("Cannot have non-empty directory in paths"), and a step's
        // path is made of class directories. The JDK's default archive still covers the JDK's classes.
        List<String> command = new ArrayList<>(List.of(Project.javaLauncher("java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(build.stepJavaOptions(step));
        command.addAll(List.of("-classpath", joinPath(classPath), step.className()));
        command.addAll(args);
        return Processes.runInteractive(command, project.root());
    }

    @Command(name = "grade", description = "Grade your exercises of a lab (all of them, or the one you name).")
    int grade(@Parameters(index = "0", paramLabel = "LAB") String labArg,
              @Parameters(index = "1", arity = "0..1", paramLabel = "EXERCISE") String exercise) {
        var card = new GradeFlow(project, curriculum(), style, out).grade(curriculum().readyLab(labArg), exercise);
        return card.passedTasks() == card.totalTasks() ? 0 : 1;
    }

    @Command(name = "watch", description = "Grade again on every save of an exercise file (Enter, h, q at the prompt).")
    int watch(@Parameters(index = "0", arity = "0..1", paramLabel = "LAB") String labArg,
              @Option(names = "--manual", description = "Do not watch files; grade again when you press Enter.") boolean manual)
            throws InterruptedException {
        Progress progress = Progress.load(project);
        Curriculum.Lab lab = labArg != null ? curriculum().readyLab(labArg)
                : curriculum().readyLabs().stream()
                        .filter(l -> l.exercises().stream().anyMatch(e -> !progress.passed(l, e)))
                        .findFirst().orElse(curriculum().readyLabs().getFirst());
        return new Watch(project, curriculum(), style, out).run(lab, manual);
    }

    @Command(name = "hint", description = "Show the next hint for an exercise (one more each time).")
    int hint(@Parameters(index = "0", paramLabel = "LAB") String labArg,
             @Parameters(index = "1", arity = "0..1", paramLabel = "EXERCISE") String exercise) {
        new HintFlow(project, style, out).showNext(curriculum().readyLab(labArg), exercise);
        return 0;
    }

    @Command(name = "reset", description = "Put the shipped stub of an exercise back (your version is kept in .workbook/backup).")
    int reset(@Parameters(index = "0", paramLabel = "LAB") String labArg,
              @Parameters(index = "1", paramLabel = "EXERCISE") String exerciseName) throws IOException {
        Curriculum.Lab lab = curriculum().readyLab(labArg);
        Curriculum.Exercise exercise = lab.exercise(exerciseName).orElseThrow(() -> new UserError(
                "workbook: " + lab.label() + " has no exercise '" + exerciseName + "'", 2));
        Path file = new LabBuild(project, curriculum(), lab).learnerFile(exercise);
        String relative = project.root().relativize(file).toString();
        var shipped = Processes.run(List.of("git", "show", "HEAD:" + relative), project.root(), 30);
        if (shipped.exitCode() != 0) {
            throw new UserError("workbook: cannot read the shipped " + relative + " from git: " + shipped.output().strip().lines().findFirst().orElse(""));
        }
        if (Files.exists(file)) {
            if (Files.readString(file).equals(shipped.output())) {
                out.println(relative + " is already the shipped stub.");
                return 0;
            }
            Path backup = project.stateDir().resolve("backup").resolve(exercise.name() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".java");
            Files.createDirectories(backup.getParent());
            Files.copy(file, backup);
            out.println("Your version is saved as " + project.display(backup));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, shipped.output());
        out.println("Restored the shipped stub: " + relative);
        return 0;
    }

    @Command(name = "notebook", description = "Open a lab's JShell notebook with the lab's classes (or --check it).")
    int notebook(@Parameters(index = "0", paramLabel = "LAB") String labArg,
                 @Option(names = "--check", description = "Run it top to bottom without a terminal; fail on any error.") boolean check)
            throws IOException {
        Curriculum.Lab lab = curriculum().lab(labArg);
        if (lab.notebook() == null || !Files.isRegularFile(project.root().resolve(lab.notebook()))) {
            throw new UserError("workbook: " + lab.label() + " has no notebook yet");
        }
        Path notebook = project.root().resolve(lab.notebook());
        List<Path> classPath = List.of();
        if (lab.ready()) {
            var build = new LabBuild(project, curriculum(), lab);
            build.ensureBuilt();
            classPath = build.runtimeClassPath();
        }
        if (check) {
            var result = NotebookCheck.run(notebook, classPath, project);
            out.print(result.output());
            out.println((result.ok() ? style.pass() : style.fail()) + " " + lab.notebook() + ": " + result.snippets() + " snippets"
                    + (result.ok() ? " ran clean" : "; " + result.problem()));
            return result.ok() ? 0 : 1;
        }
        List<String> command = new ArrayList<>(List.of(Project.javaLauncher("jshell").toString(), "-R--enable-native-access=ALL-UNNAMED"));
        if (!classPath.isEmpty()) {
            command.add("--class-path");
            command.add(joinPath(classPath));
        }
        command.add(notebook.toString());
        out.println(style.dim("Opening " + lab.notebook() + " in JShell; /exit leaves, /list shows the snippets, /help helps."));
        return Processes.runInteractive(command, project.root());
    }

    @Command(name = "bench", description = "Run a lab's JMH benchmarks (options after -- go to JMH), then its report.")
    int bench(@Parameters(index = "0", paramLabel = "LAB") String labArg,
              @Parameters(index = "1..*", arity = "0..*", paramLabel = "JMH_ARGS") List<String> jmhArgs) {
        Curriculum.Lab lab = curriculum().readyLab(labArg);
        if (lab.bench() == null) {
            throw new UserError("workbook: " + lab.label() + " has no benchmarks");
        }
        Path jar = project.root().resolve("jmh/target/benchmarks.jar");
        List<Path> inputs = new ArrayList<>(List.of(project.root().resolve("jmh/src"), project.root().resolve("jmh/pom.xml")));
        curriculum().labs().forEach(l -> inputs.add(project.labDir(l).resolve("src/main")));
        if (JavaCompilation.newerThan(inputs, jar)) {
            System.err.println("[workbook] building the benchmarks with Maven (first run, or sources changed)...");
            var built = Processes.run(List.of(project.mvnw().toString(), "-B", "-q", "-pl", "jmh", "-am", "package",
                    "-DskipTests"), project.root(), 900);
            if (built.exitCode() != 0) {
                System.err.println(built.mavenErrors());
                throw new UserError("workbook: Maven could not build jmh/target/benchmarks.jar (the lines above say why)");
            }
        }
        List<String> given = jmhArgs == null ? List.of() : jmhArgs;
        List<String> options = new ArrayList<>(given.isEmpty() && !lab.benchArgs().isEmpty() ? lab.benchArgs()
                : given.isEmpty() ? List.of("-f", "1", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s") : given);
        // The lab's report step reads JMH's JSON; asking JMH for a list or help makes no results.
        Path results = project.root().resolve("results").resolve(lab.dir()).resolve("bench").resolve("jmh.json");
        boolean report = lab.benchReport() != null && !options.contains("-rf") && !options.contains("-l") && !options.contains("-h");
        if (report) {
            options.addAll(List.of("-rf", "json", "-rff", results.toString()));
            try {
                Files.createDirectories(results.getParent());
                Files.deleteIfExists(results);
            } catch (IOException e) {
                throw new UserError("workbook: cannot prepare " + project.display(results) + ": " + e.getMessage());
            }
        }
        List<String> command = new ArrayList<>(List.of(Project.javaLauncher("java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString(), lab.bench()));
        command.addAll(options);
        out.println(style.dim("java -jar jmh/target/benchmarks.jar " + String.join(" ", command.subList(5, command.size()))));
        int jmh = Processes.runInteractive(command, project.root());
        if (jmh != 0 || !report) {
            return jmh;
        }
        if (!Files.isRegularFile(results)) {
            throw new UserError("workbook: JMH wrote no results to " + project.display(results));
        }
        out.println();
        out.println(style.bold("== " + lab.step(lab.benchReport()).orElseThrow().about()));
        List<String> reportArgs = new ArrayList<>(List.of(lab.benchReport(), "--jmh", results.toString()));
        return run(labArg, reportArgs, false);
    }

    @Command(name = "verify", description = "Check the curriculum: each graded test fails on its stub and passes on the reference; notebooks run.")
    int verify(@Option(names = "--no-notebooks", description = "Skip the notebook checks.") boolean noNotebooks) {
        return new CurriculumCheck(project, curriculum(), style, out).run(!noNotebooks) ? 0 : 1;
    }

    @Command(name = "doctor", description = "Check this machine for what the course needs, and say how to fix what is missing.")
    int doctor() {
        return new Doctor(project, curriculum(), style, out).run() ? 0 : 1;
    }

    @Command(name = "test", description = "The project's test command: the Maven build with all tests, then verify.")
    int test() {
        out.println(style.bold("== ./mvnw -B verify"));
        int maven = Processes.runInteractive(List.of(project.mvnw().toString(), "-B", "verify"), project.root());
        if (maven != 0) {
            out.println(style.red("The Maven build failed (exit " + maven + "); the curriculum check did not run."));
            return maven;
        }
        out.println(style.bold("== ./workbook verify"));
        return verify(false);
    }

    private static String joinPath(List<Path> paths) {
        return String.join(java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
