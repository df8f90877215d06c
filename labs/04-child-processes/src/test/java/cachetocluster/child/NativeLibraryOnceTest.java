package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.startup.ProbeChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * fork hands its children junixsocket's native library, extracted once by the parent, with junixsocket's own override
 * property. Each child says which library it loaded ({@code AFSocket.getLoadedLibrary()}: the override's path when the
 * override was used, "junixsocket-native-common/..." when junixsocket copied the library out of its jar itself).
 */
@DisplayName("fork: junixsocket's native library is extracted once per parent")
@Execution(ExecutionMode.CONCURRENT)
class NativeLibraryOnceTest {

    private static final String OVERRIDE = "-D" + JunixsocketLibrary.OVERRIDE_PROPERTY + "=";
    private static final String FILE = System.mapLibraryName("junixsocket-native-" + org.newsclub.net.unix.AFSocket.getVersion());

    private record Loaded(String library, List<String> spawnargs) {}

    private static Loaded forkAndAsk(ForkOptions options) throws Exception {
        ChildProcess child = ChildProcesses.fork(ProbeChild.class, List.of(), options);
        try {
            Map<?, ?> hello = Recorder.of(child).nextWith("hello");
            return new Loaded(String.valueOf(hello.get("library")), child.spawnargs());
        } finally {
            child.disconnect(); // the probe exits once its channel closes
            child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static List<String> overrides(List<String> spawnargs) {
        return spawnargs.stream().filter(a -> a.startsWith(OVERRIDE)).toList();
    }

    @Test
    @DisplayName("By default two children load the same copy, in a directory only this user may enter (0700)")
    void childrenLoadTheParentsCopy() throws Exception {
        Loaded first = forkAndAsk(Recorder.lean());
        Loaded second = forkAndAsk(Recorder.lean());
        Path library = Path.of(first.library());
        assertThat(library).as("the library the first child loaded").isAbsolute().isRegularFile().hasFileName(FILE);
        assertThat(second.library()).as("the library the second child loaded: the same copy").isEqualTo(first.library());
        assertThat(overrides(first.spawnargs())).as("the override on the child's command line")
                .containsExactly(OVERRIDE + library);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())))
                .as("permissions of %s", library.getParent()).isEqualTo("rwx------");
        assertThat(library.getParent().getFileName().toString()).as("the directory's name: this JVM's pid in it")
                .startsWith(JunixsocketLibrary.DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-");
    }

    @Test
    @DisplayName("A user's own override in execArgv is kept, and used; fork adds none of its own")
    void usersOverrideWins(@TempDir Path dir) throws Exception {
        Path mine = JunixsocketLibrary.extract(dir.resolve("mine"));
        Loaded loaded = forkAndAsk(Recorder.lean().execArgv(JunixsocketLibrary.overrideOption(mine)));
        assertThat(loaded.library()).as("the library the child loaded").isEqualTo(mine.toString());
        assertThat(overrides(loaded.spawnargs())).as("overrides on the command line").containsExactly(OVERRIDE + mine);
    }

    @Test
    @DisplayName("extractNativeLibraryOnce(false): the child copies the library out of its jar itself, as before")
    void turnedOff() throws Exception {
        Loaded loaded = forkAndAsk(Recorder.lean().extractNativeLibraryOnce(false));
        assertThat(loaded.library()).as("the library the child loaded").startsWith("junixsocket-native-common/");
        assertThat(overrides(loaded.spawnargs())).as("overrides on the command line").isEmpty();
    }

    @Test
    @DisplayName("A child on a class path without this JVM's junixsocket jar gets no override (its version may differ)")
    void otherClassPath() {
        String ours = System.getProperty("java.class.path");
        assertThat(JunixsocketLibrary.childOption(new ForkOptions().classPath("/nowhere/junixsocket-native-common-0.1.jar")))
                .as("option for a class path without our jar").isEmpty();
        assertThat(JunixsocketLibrary.holdsOurJar(ours)).as("this JVM's own class path holds our jar: %s", ours).isTrue();
    }

    @Test
    @DisplayName("A parent that died without its exit hooks left its directory: the next one removes it, and only it")
    void leftoversOfDeadParentsRemoved(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path ours = Files.createDirectory(tmp.resolve(JunixsocketLibrary.DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-1"));
        Path dead = Files.createDirectory(tmp.resolve(JunixsocketLibrary.DIRECTORY_PREFIX + gone.pid() + "-2"));
        Files.writeString(dead.resolve(FILE), "a library");
        Path alive = Files.createDirectory(tmp.resolve(JunixsocketLibrary.DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-3"));
        Path oldStyle = Files.createDirectory(tmp.resolve(JunixsocketLibrary.DIRECTORY_PREFIX + "12345678901234"));
        JunixsocketLibrary.removeLeftovers(ours);
        assertThat(dead).as("the directory of pid %d, which has exited", gone.pid()).doesNotExist();
        assertThat(List.of(ours, alive, oldStyle)).as("the others").allSatisfy(d -> assertThat(d).isDirectory());
    }
}
