package cachetocluster.child.startup;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs the directories of a class path into jars, because the JVM archives classes only from jars: given a class
 * directory, {@code -XX:AOTCacheOutput} and {@code -XX:ArchiveClassesAtExit} refuse to dump ("Cannot have non-empty
 * directory in paths"). A build tool's class path ({@code target/classes}, the workbook's) is made of directories; a
 * jbang or a JMH class path is already all jars and passes through unchanged.
 *
 * <p>The jars are reproducible (entries sorted, one fixed timestamp) and a jar is rewritten only when its bytes would
 * change, so its modification time stays put while the classes do: an archive made from it stays valid.
 */
public final class ClassPathJars {

    /** 1 January 2000: any fixed time will do, as long as it never changes (ZIP cannot store times before 1980). */
    private static final long FIXED_TIME = 946_684_800_000L;

    private ClassPathJars() {}

    /**
     * The class path with every directory entry replaced by a jar of its contents, written into {@code jarDirectory};
     * jars and missing entries are kept as they are, in order.
     */
    public static String packed(String classPath, Path jarDirectory) throws IOException {
        List<String> entries = new ArrayList<>();
        List<String> usedNames = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            String name = jarName(path.toAbsolutePath().normalize(), usedNames);
            usedNames.add(name);
            Path jar = jarDirectory.resolve(name);
            writeIfChanged(jar, jarOf(path));
            entries.add(jar.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** True if every entry of the class path is a file (a jar), which is what the JVM can archive. */
    public static boolean allJars(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                .noneMatch(e -> Files.isDirectory(Path.of(e)));
    }

    /** {@code labs/04-child-processes/target/classes} becomes {@code 04-child-processes-classes.jar}. */
    static String jarName(Path directory, List<String> taken) {
        Path module = directory.getParent() != null && directory.getParent().getFileName() != null
                && directory.getParent().getFileName().toString().equals("target")
                ? directory.getParent().getParent() : directory.getParent();
        String base = (module != null && module.getFileName() != null ? module.getFileName() + "-" : "")
                + directory.getFileName();
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base + ".jar";
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i + ".jar";
        }
        return name;
    }

    static byte[] jarOf(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            List<String> directories = new ArrayList<>();
            for (Path file : files) {
                String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
                // Directory entries first, as the jar tool writes them: some class loaders look packages up by them.
                String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                for (int i = parent.indexOf('/'); i >= 0; i = parent.indexOf('/', i + 1)) {
                    String dir = parent.substring(0, i + 1);
                    if (!directories.contains(dir)) {
                        directories.add(dir);
                        jar.putNextEntry(entry(dir));
                        jar.closeEntry();
                    }
                }
                jar.putNextEntry(entry(name));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static JarEntry entry(String name) {
        JarEntry entry = new JarEntry(name);
        entry.setTime(FIXED_TIME);
        return entry;
    }

    private static void writeIfChanged(Path jar, byte[] content) throws IOException {
        if (Files.isRegularFile(jar) && Arrays.equals(Files.readAllBytes(jar), content)) {
            return;
        }
        Files.createDirectories(jar.getParent());
        Path temporary = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
