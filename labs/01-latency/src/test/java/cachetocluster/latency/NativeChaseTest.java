package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native reference: its output parser (no compiler needed), finding a compiler on a PATH made
 * of real directories, and, where gcc or cc exists, a real compile and run on a few small sizes.
 * No assertion on how fast anything is: only on shape and order.
 */
class NativeChaseTest {

    private static final List<Long> SMALL_SIZES = List.of(4096L, 16384L, 65536L);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void parsesOnePointPerLineSkippingCommentsAndBlankLines() {
        String output = """
                # mode int, best of 5 rounds, bytes ns_per_load
                4096 1.453
                16384 1.456

                268435456 227.721
                """;

        assertThat(NativeChase.parse(output)).containsExactly(
                new ChasePoint(4096, 1.453), new ChasePoint(16384, 1.456), new ChasePoint(268435456, 227.721));
    }

    @Test
    void emptyOutputIsNoPoints() {
        assertThat(NativeChase.parse("# mode ptr\n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"16384", "16384 fast", "sixteen 1.5", "16384 1.5 extra", "16384 -1.0", "16384 nan",
            "0 1.0", "Segmentation fault"})
    void aMalformedLineIsAnErrorThatQuotesIt(String line) {
        assertThatThrownBy(() -> NativeChase.parse("4096 1.4\n" + line + "\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"" + line + "\"");
    }

    @Test
    void findsNoCompilerOnAPathWithoutOne() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        assertThat(NativeChase.findCompiler(empty.toString())).isEmpty();
        assertThat(NativeChase.findCompiler("")).isEmpty();
    }

    @Test
    void prefersGccAndSkipsWhatIsNotExecutable() throws IOException {
        Path first = Files.createDirectory(temp.resolve("first"));
        Path second = Files.createDirectory(temp.resolve("second"));
        Files.writeString(first.resolve("gcc"), "not executable");
        Path cc = executable(first.resolve("cc"));
        Path gcc = executable(second.resolve("gcc"));
        String path = first + java.io.File.pathSeparator + second;

        assertThat(NativeChase.findCompiler(path)).contains(gcc);
        Files.delete(gcc);
        assertThat(NativeChase.findCompiler(path)).contains(cc);
    }

    @Test
    void findsTheSourceFromTheModuleOrTheRepositoryRoot() {
        Path source = NativeChase.findSource(Path.of("")).orElseThrow();

        assertThat(source).endsWith(NativeChase.SOURCE);
        assertThat(NativeChase.findSource(source.getParent())).contains(source);
        assertThat(NativeChase.findSource(temp)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(NativeChase.Mode.class)
    void compilesAndMeasuresSmallWorkingSetsInOrder(NativeChase.Mode mode) throws Exception {
        NativeChase chase = compiledOrSkip(temp.resolve("bin"));

        List<ChasePoint> points = chase.run(SMALL_SIZES, mode, TIMEOUT);

        assertThat(points).extracting(ChasePoint::workingSetBytes).containsExactlyElementsOf(SMALL_SIZES);
        assertThat(points).allSatisfy(point -> assertThat(point.nsPerLoad()).isPositive().isFinite());
    }

    @Test
    void hugePagesAreARequestNotARequirement() throws Exception {
        NativeChase chase = compiledOrSkip(temp.resolve("bin"));

        assertThat(chase.run(List.of(2L << 20), NativeChase.Mode.INT, true, TIMEOUT))
                .extracting(ChasePoint::workingSetBytes).containsExactly(2L << 20);
    }

    @Test
    void aRelativeDirectoryWorksThoughTheCompilerRunsInsideIt() throws Exception {
        // The bench report passes results/01-latency/bench/native, relative to where it runs.
        Path relative = Path.of("").toAbsolutePath().relativize(temp.resolve("relative").resolve("bin"));
        assertThat(relative.isAbsolute()).isFalse();
        NativeChase chase = compiledOrSkip(relative);
        assertThat(chase.run(List.of(4096L), NativeChase.Mode.INT, TIMEOUT)).hasSize(1);
    }

    @Test
    void recompilesOnlyWhenTheSourceIsNewerThanTheBinary() throws Exception {
        Path source = Files.copy(repositorySource(), temp.resolve("chase.c"));
        Path directory = temp.resolve("bin");
        Path compiler = NativeChase.findCompiler().orElse(null);
        assumeTrue(compiler != null, NativeChase.NO_COMPILER);
        Path binary = NativeChase.compile(compiler, source, directory).binary();

        FileTime later = FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 60_000);
        Files.setLastModifiedTime(binary, later);
        NativeChase.compile(compiler, source, directory);
        assertThat(Files.getLastModifiedTime(binary)).as("binary newer than source: kept").isEqualTo(later);

        Files.setLastModifiedTime(source, FileTime.fromMillis(later.toMillis() + 60_000));
        NativeChase.compile(compiler, source, directory);
        assertThat(Files.getLastModifiedTime(binary)).as("source newer than binary: rebuilt").isNotEqualTo(later);
        assertThat(directory).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void aSourceThatDoesNotCompileIsAnErrorWithTheCompilersMessage() throws Exception {
        Path compiler = NativeChase.findCompiler().orElse(null);
        assumeTrue(compiler != null, NativeChase.NO_COMPILER);
        Path broken = Files.writeString(temp.resolve("broken.c"), "int main(void) { return missing; }\n");

        assertThatThrownBy(() -> NativeChase.compile(compiler, broken, temp.resolve("bin")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void refusesAWorkingSetThatIsNotWholeLines() throws Exception {
        NativeChase chase = compiledOrSkip(temp.resolve("bin"));

        assertThatThrownBy(() -> chase.run(List.of(4096L, 100L), NativeChase.Mode.INT, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100");
    }

    private static Path repositorySource() {
        return NativeChase.findSource(Path.of("")).orElseThrow();
    }

    private static NativeChase compiledOrSkip(Path directory) throws Exception {
        Optional<NativeChase> chase = NativeChase.compile(repositorySource(), directory);
        assumeTrue(chase.isPresent(), NativeChase.NO_COMPILER);
        return chase.get();
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
