package cachetocluster.child.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * junixsocket's native library, copied out of its jar once, so that a child JVM can load it from there.
 *
 * <p>What junixsocket does at every start otherwise (NativeLibraryLoader, 2.10): it looks for the library on
 * {@code java.library.path} (not there), then finds {@code lib/<arch>-<os>-clang/jni/libjunixsocket-native-<version>.so}
 * inside junixsocket-native-common's jar, copies it into a new temporary file, {@code System.load}s it and deletes the
 * file. The copy is small (55 kB) but it is file creation, a write and a delete, plus the zip lookups, on the path of
 * every fork. Its documented system property {@code org.newsclub.net.unix.library.override=/path/lib.so} skips all of
 * that: it loads the named file straight away (and falls back to the usual search if that fails).
 *
 * <p>A library that a JVM loads is code that runs in it: the directory it is extracted to must be writable by our
 * user only (0700 here), as the temporary directory junixsocket uses is not.
 */
public final class JunixsocketLibrary {

    /** The system property junixsocket reads (org.newsclub.net.unix.NativeLibraryLoader). */
    public static final String OVERRIDE_PROPERTY = "org.newsclub.net.unix.library.override";
    private static final String PROVIDER = "org.newsclub.lib.junixsocket.common.NarMetadata";
    private static final String POM_PROPERTIES =
            "/META-INF/maven/com.kohlschutter.junixsocket/junixsocket-native-common/pom.properties";

    private JunixsocketLibrary() {}

    /** Extracts the library for this platform into {@code directory} (once: kept if unchanged) and returns its path. */
    public static Path extract(Path directory) throws IOException {
        Class<?> provider;
        try {
            provider = Class.forName(PROVIDER);
        } catch (ClassNotFoundException e) {
            throw new IOException("junixsocket-native-common is not on the class path", e);
        }
        String version = version(provider);
        String file = System.mapLibraryName("junixsocket-native-" + version);
        for (String resource : candidates(file)) {
            try (InputStream in = provider.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                byte[] bytes = in.readAllBytes();
                createPrivateDirectory(directory);
                Path library = directory.resolve(file);
                if (!Files.isRegularFile(library) || !Arrays.equals(Files.readAllBytes(library), bytes)) {
                    Path temporary = Files.createTempFile(directory, file, ".tmp");
                    Files.write(temporary, bytes);
                    Files.move(temporary, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return library.toAbsolutePath();
            }
        }
        throw new IOException("junixsocket has no native library for " + archAndOs() + " (looked for " + file + ")");
    }

    /** The JVM option that makes a child load the library from {@code library}. */
    public static String overrideOption(Path library) {
        return "-D" + OVERRIDE_PROPERTY + "=" + library.toAbsolutePath();
    }

    private static String version(Class<?> provider) throws IOException {
        try (InputStream in = provider.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IOException("no " + POM_PROPERTIES + " in junixsocket-native-common");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    /** Where junixsocket's jar keeps the library, as NativeLibraryLoader looks for it (clang builds first). */
    static List<String> candidates(String file) {
        String archOs = archAndOs();
        return List.of("/lib/" + archOs + "-clang/jni/" + file, "/lib/" + archOs + "-gcc/jni/" + file);
    }

    private static String archAndOs() {
        // junixsocket's own simplification of os.arch and os.name: "amd64-Linux", "aarch64-MacOSX".
        return simplified(System.getProperty("os.arch", "UnknownArch")) + "-"
                + simplified(System.getProperty("os.name", "UnknownOS"));
    }

    private static String simplified(String value) {
        return value.replaceAll("[ /\\\\'\";:$]", "");
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        if (!Files.isWritable(directory)) {
            throw new IOException(directory + " is not writable");
        }
    }
}
