package cachetocluster.child;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * junixsocket's native library, copied out of its jar once per parent JVM, so that every child {@link ChildProcesses#fork}
 * starts loads it from there.
 *
 * <p>What junixsocket does at every start otherwise (NativeLibraryLoader, 2.10): it looks for the library on
 * {@code java.library.path} (not there), then finds {@code lib/<arch>-<os>-clang/jni/libjunixsocket-native-<version>.so}
 * inside junixsocket-native-common's jar, copies it into a new temporary file, {@code System.load}s it and deletes the
 * file. The copy is small (55 kB) but it is file creation, a write and a delete, plus the zip lookups and some 120
 * classes, on the path of every fork: the start-up study measured 40 to 100 ms. Its documented system property
 * {@code org.newsclub.net.unix.library.override=/path/lib.so} skips all of that: it loads the named file straight away,
 * and falls back to the usual search if that fails (so a child never fails to start because of it).
 *
 * <p>The parent cannot hand over its own copy: junixsocket deleted it right after loading it. So the first fork
 * extracts the library again, into a new directory that only our user can read or write (0700: a library is code the
 * JVM will run, and the shared temporary directory junixsocket uses is writable by everyone).
 */
public final class JunixsocketLibrary {

    /** The system property junixsocket reads (org.newsclub.net.unix.NativeLibraryLoader). */
    public static final String OVERRIDE_PROPERTY = "org.newsclub.net.unix.library.override";
    /** Every property junixsocket reads about its library: override, override.force, disable, tmpdir. */
    static final String PROPERTY_PREFIX = "-Dorg.newsclub.net.unix.library.";
    /** {@code c2c-junixsocket-<pid>-<random>} in the temporary directory: one per parent JVM. */
    static final String DIRECTORY_PREFIX = "c2c-junixsocket-";
    private static final String PROVIDER = "org.newsclub.lib.junixsocket.common.NarMetadata";
    private static final String POM_PROPERTIES =
            "/META-INF/maven/com.kohlschutter.junixsocket/junixsocket-native-common/pom.properties";

    private JunixsocketLibrary() {}

    /** This JVM's copy, made by the first fork that asks (the holder idiom: once, thread-safe, and lazy). */
    private static final class Extracted {
        static final Optional<Path> LIBRARY = extractForThisProcess();
    }

    /**
     * The option {@code fork} adds to a child's command line: {@code -Dorg.newsclub.net.unix.library.override=<this
     * JVM's copy>}. None when the options turn it off, when the user's {@code execArgv} already sets one of
     * junixsocket's library properties (theirs wins), when the child's class path does not hold the jar this JVM's
     * junixsocket came from (another version's library must not be loaded into it), or when it could not be
     * extracted. A property given in {@code JAVA_TOOL_OPTIONS} would lose to ours: give it in {@code execArgv}.
     */
    static Optional<String> childOption(ForkOptions options) {
        if (!options.extractNativeLibraryOnce
                || options.execArgv.stream().anyMatch(option -> option.startsWith(PROPERTY_PREFIX))
                || (options.classPath != null && !holdsOurJar(options.classPath))) {
            return Optional.empty();
        }
        return Extracted.LIBRARY.map(JunixsocketLibrary::overrideOption);
    }

    /** The JVM option that makes a child load the library from {@code library}. */
    public static String overrideOption(Path library) {
        return "-D" + OVERRIDE_PROPERTY + "=" + library.toAbsolutePath();
    }

    /**
     * Into a fresh private directory, deleted when this JVM exits. Children still running are not hurt by that: Linux
     * (and macOS) keep a loaded library mapped after its file is unlinked, as junixsocket's own delete-after-load
     * relies on. A child that has not loaded it yet by then falls back to junixsocket's own copy. A parent that
     * exits without running its exit hooks (SIGKILL, Runtime.halt) leaves its directory behind: its pid is in the
     * directory's name, and the next parent to extract one removes the directories of pids that no longer run.
     */
    private static Optional<Path> extractForThisProcess() {
        try {
            String prefix = DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-";
            Path directory = Files.createTempDirectory(prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            directory.toFile().deleteOnExit(); // registered first, so deleted last: after the library in it
            Path library = extract(directory);
            library.toFile().deleteOnExit();
            removeLeftovers(directory);
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            // No library for this platform, no POSIX file system, no writable temporary directory: children copy
            // their own, as they would without us. Never a reason for fork to fail.
            return Optional.empty();
        }
    }

    /** Best effort: the directories of parents that are gone (c2c-junixsocket-<pid>-<random>, ours only). */
    static void removeLeftovers(Path ours) {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(ours.getParent(), DIRECTORY_PREFIX + "*")) {
            for (Path dir : siblings) {
                String rest = dir.getFileName().toString().substring(DIRECTORY_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid = dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        ? Long.parseLong(rest.substring(0, dash)) : -1;
                if (pid > 0 && ProcessHandle.of(pid).isEmpty() && !dir.equals(ours)
                        && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(ours))) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                        for (Path file : files) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // another parent removed it first, or the temporary directory cannot be listed: it is only tidying up
        }
    }

    /** Extracts the library for this platform into {@code directory} (once: kept if unchanged) and returns its path. */
    public static Path extract(Path directory) throws IOException {
        Class<?> provider = provider();
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

    /** True if {@code classPath} names the jar (or directory) this JVM loaded junixsocket's native jar from. */
    static boolean holdsOurJar(String classPath) {
        try {
            Path ours = Path.of(provider().getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
            return Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                    .anyMatch(e -> Path.of(e).toAbsolutePath().normalize().equals(ours));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false; // no code source to compare with: leave the child to junixsocket's own search
        }
    }

    private static Class<?> provider() throws IOException {
        try {
            return Class.forName(PROVIDER);
        } catch (ClassNotFoundException e) {
            throw new IOException("junixsocket-native-common is not on the class path", e);
        }
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
