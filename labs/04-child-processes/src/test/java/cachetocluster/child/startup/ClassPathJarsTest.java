package cachetocluster.child.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Class directories become reproducible jars; jars pass through")
class ClassPathJarsTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("A directory is packed with its files, and packing again leaves the jar untouched")
    void packsAndKeepsTheJarStable() throws Exception {
        Path classes = tmp.resolve("lab/target/classes");
        Files.createDirectories(classes.resolve("a/b"));
        Files.writeString(classes.resolve("a/b/C.class"), "not really a class");
        Files.writeString(classes.resolve("top.txt"), "resource");
        Path existingJar = Files.writeString(tmp.resolve("lib.jar"), "a jar already");
        String classPath = classes + File.pathSeparator + existingJar;

        String packed = ClassPathJars.packed(classPath, tmp.resolve("jars"));
        Path jar = tmp.resolve("jars/lab-classes.jar");
        assertThat(packed).isEqualTo(jar.toAbsolutePath() + File.pathSeparator + existingJar);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(Collections.list(file.entries()).stream().map(ZipEntry::getName))
                    .containsExactly("a/", "a/b/", "a/b/C.class", "top.txt");
            assertThat(new String(file.getInputStream(file.getEntry("a/b/C.class")).readAllBytes())).isEqualTo("not really a class");
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000_000_000L));
        ClassPathJars.packed(classPath, tmp.resolve("jars"));
        assertThat(Files.getLastModifiedTime(jar).toMillis()).as("mtime after packing unchanged classes").isEqualTo(1_000_000_000_000L);

        Files.writeString(classes.resolve("top.txt"), "changed");
        ClassPathJars.packed(classPath, tmp.resolve("jars"));
        assertThat(Files.getLastModifiedTime(jar).toMillis()).as("mtime after a class changed").isNotEqualTo(1_000_000_000_000L);
        assertThat(ClassPathJars.allJars(classPath)).isFalse();
        assertThat(ClassPathJars.allJars(ClassPathJars.packed(classPath, tmp.resolve("jars")))).isTrue();
    }

    @Test
    @DisplayName("Two directories with the same name get two jars")
    void namesDoNotClash() {
        assertThat(ClassPathJars.jarName(Path.of("/x/lab/target/classes"), List.of())).isEqualTo("lab-classes.jar");
        assertThat(ClassPathJars.jarName(Path.of("/y/lab/target/classes"), List.of("lab-classes.jar"))).isEqualTo("lab-classes-2.jar");
        assertThat(ClassPathJars.jarName(Path.of("/some/out"), List.of())).isEqualTo("some-out.jar");
    }

    @Test
    @DisplayName("The class-load log is read as the JVM writes it")
    void classLoadLog() {
        ClassSources sources = ClassSources.parse(List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.150s][info][class,load] org.x.Y source: file:/tmp/y.jar",
                "[0.160s][info][class,load] cachetocluster.child.startup.ProbeChild source: shared objects file (top)",
                "[0.170s][info][gc] something else"));
        assertThat(sources).isEqualTo(new ClassSources(3, 2, "shared objects file (top)"));
        assertThat(sources.probeFromArchive()).isTrue();
    }
}
