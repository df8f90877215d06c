package cachetocluster.workbook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * `workbook doctor`: checks what the course needs on this machine and says, for each problem, the
 * one thing to do about it. Exit code 1 when something must be fixed.
 */
public final class Doctor {

    private final Project project;
    private final Curriculum curriculum;
    private final Style style;
    private final PrintStream out;
    private boolean healthy = true;

    public Doctor(Project project, Curriculum curriculum, Style style, PrintStream out) {
        this.project = project;
        this.curriculum = curriculum;
        this.style = style;
        this.out = out;
    }

    public boolean run() {
        Runtime.Version version = Runtime.version();
        report(version.feature() >= 25, "JDK " + version + " at " + System.getProperty("java.home"),
                "install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME to one");
        note("the default `java` on PATH does not matter: ./workbook, ./jbang and ./jload find JDK 25 themselves");

        Path jbangLib = project.root().resolve(".cache/jbang/lib");
        report(Files.isDirectory(jbangLib) || onPath("jbang"), "JBang available (" + (Files.isDirectory(jbangLib)
                ? "fetched into .cache/jbang" : "on PATH") + ")", "run ./jbang --version once; it fetches JBang from Maven Central");

        Path wrapperDists = Path.of(System.getProperty("user.home"), ".m2", "wrapper", "dists");
        report(Files.isDirectory(wrapperDists), "Maven (through ./mvnw) downloaded into ~/.m2/wrapper",
                "run ./mvnw -v once; it downloads Maven 3.9 from Maven Central");

        report(onPath("git"), "git on PATH (used by `workbook reset` and `verify`)", "install git (sudo apt-get install git)");

        try {
            long freeMiB = Files.getFileStore(project.root()).getUsableSpace() >> 20;
            report(freeMiB >= 1024, "disk: " + freeMiB + " MiB free where the project lives",
                    "free at least 1 GiB: builds, JMH runs and load-test reports need room");
        } catch (IOException e) {
            report(false, "disk: cannot read free space (" + e.getMessage() + ")", "check the file system");
        }

        Path watches = Path.of("/proc/sys/fs/inotify/max_user_watches");
        if (Files.isReadable(watches)) {
            try {
                // readAllLines, not readString: some sandboxes answer a sized read of this proc file short.
                long max = Long.parseLong(Files.readAllLines(watches).getFirst().strip());
                report(max >= 8192, "file watching: inotify allows " + max + " watches",
                        "use ./workbook watch --manual, or raise fs.inotify.max_user_watches");
            } catch (IOException | NumberFormatException e) {
                note("file watching: cannot read " + watches + "; if ./workbook watch misses saves, use --manual");
            }
        } else {
            note("file watching: if ./workbook watch misses saves (network drives, WSL's /mnt/c), use --manual");
        }

        int cpus = Runtime.getRuntime().availableProcessors();
        report(cpus >= 1, "CPUs this JVM may use: " + cpus + (cpus < 2 ? " (cluster labs show more with 2+)" : ""), "");

        for (Curriculum.Lab lab : curriculum.readyLabs()) {
            boolean built = new LabBuild(project, curriculum, lab).upToDate();
            note(lab.label() + ": " + (built ? "built" : "not built yet (the first run or grade builds it)"));
        }
        note("colour: " + (style.colour() ? "on" : "off (not a terminal, NO_COLOR or TERM=dumb; C2C_COLOR=always forces it)"));
        out.println(healthy ? style.green("All set.") : style.red("Fix the lines marked above, then run ./workbook doctor again."));
        return healthy;
    }

    private void report(boolean ok, String what, String fix) {
        out.println((ok ? style.pass() : style.fail()) + " " + what + (ok || fix.isEmpty() ? "" : style.yellow("  -> " + fix)));
        healthy &= ok;
    }

    private void note(String what) {
        out.println(style.dot() + " " + what);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        return List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
