package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root scripts as a user runs them: real bash, real JDKs. The first run of ./workbook or ./jbang
 * on a machine fetches JBang from Maven Central and builds the workbook; later runs are cached.
 */
class ShimsTest {

    private final Path root = RepoRoot.get();

    record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(env);
        builder.environment().put("C2C_COLOR", "never");
        Path out = Files.createTempFile("shim", ".out");
        Path err = Files.createTempFile("shim", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertOneCleanLine(Run run, int exit, String expected) {
        assertThat(run.exit()).as("exit code; stderr was: " + run.err()).isEqualTo(exit);
        assertThat(run.err().lines().filter(l -> !l.startsWith("[workbook]")).toList())
                .as("stderr").singleElement().asString().contains(expected);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void wrongLabNumbersGetOneLineAndExitTwo() throws Exception {
        assertOneCleanLine(run(Map.of(), "./workbook", "run", "99"), 2, "there is no lab 99");
        assertOneCleanLine(run(Map.of(), "./workbook", "grade", "abc"), 2, "'abc' is not a lab number");
        assertOneCleanLine(run(Map.of(), "./workbook", "--no-such-flag"), 2, "Unknown option: '--no-such-flag'");
    }

    @Test
    void withoutAJdk25TheShimSaysWhatToInstall(@TempDir Path dir) throws Exception {
        // The user's machine without JDK 25: JAVA_HOME empty, a PATH with the shell tools and a
        // java 17 only, and no usual JDK folders to search.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "readlink", "cat", "find", "sed", "grep", "cut", "cksum", "tail", "mv")) {
            for (String folder : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(folder, tool)) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(folder, tool));
                }
            }
        }
        Path old = fakeJdk(dir.resolve("jdk-17"), "17.0.15");
        Files.createSymbolicLink(bin.resolve("java"), old.resolve("bin/java"));
        var env = Map.of("JAVA_HOME", "", "PATH", bin.toString(), "C2C_JDK_DIRS", "");
        assertOneCleanLine(run(env, "./workbook", "list"), 1, "needs JDK 25+, none found");
        assertOneCleanLine(run(env, "./jbang", "--version"), 1, "needs JDK 25+, none found");
    }

    @Test
    void theFinderSkipsOlderJdksAndTakesTheFirstJdk25(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir.resolve("jdk-17"), "17.0.15");
        Path current = fakeJdk(dir.resolve("jdk-25"), "25.0.1");
        var env = Map.of("JAVA_HOME", old.toString(), "C2C_JDK_DIRS", old + " " + current, "PATH", "/usr/bin:/bin");
        Run found = run(env, "bash", "-c", ". scripts/lib/jdk.sh && c2c_find_jdk");
        assertThat(found.exit()).isZero();
        assertThat(found.out().strip()).isEqualTo(current.toString());
    }

    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path file = Files.writeString(home.resolve("bin").resolve(tool), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void aJBangCatalogAliasFromThisRepositoryResolves() throws Exception {
        // jbang-cli 0.132.1 stopped finding local catalog aliases; the pinned version must keep finding them.
        Run run = run(Map.of(), "./jbang", "lab0", "--help");
        assertThat(run.exit()).as("exit; stderr: " + run.err()).isZero();
        assertThat(run.out()).contains("--json");
    }
}
