package cachetocluster.child.startup;

import cachetocluster.child.JunixsocketLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration of the start-up ladder: a name, the JVM options it adds, and what it saves, in a sentence.
 *
 * @param key        a short name for {@code --only} ("aot")
 * @param label      what the table prints ("AOT cache (JEP 483/514/515)")
 * @param jvmOptions what it adds to the child's command line (archive paths resolved)
 * @param baseline   true for a JVM started without a channel (timed to its first line on stdout, not a message)
 * @param saves      what it saves, or costs, and why, in one sentence
 */
public record Rung(String key, String label, List<String> jvmOptions, boolean baseline, String saves) {

    /** The flags that each help a short-lived JVM a little; together they are the "small flags" rung. */
    public static final List<String> SMALL_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    /** Every key, in the order the ladder is printed. */
    public static final List<String> KEYS = List.of("baseline", "baseline-native-access", "default", "xshare-off", "c1",
            "serial", "no-perfdata", "small-flags", "library-per-child", "appcds", "aot", "aot-no-profiles", "best");

    /** The files the archive rungs need; made by {@link StartupStudy} before the ladder runs. */
    public record Artifacts(Path appCdsArchive, Path aotCache, Path bestAotCache) {}

    /**
     * Turns fork's library override off: a property of junixsocket's given in execArgv stops fork from adding its own,
     * and an empty override makes junixsocket search as it does by itself (copy the .so out of its jar, load, delete).
     */
    public static final String LIBRARY_PER_CHILD = "-D" + JunixsocketLibrary.OVERRIDE_PROPERTY + "=";

    /** The options a training run of {@code rung} adds: the archive is written where {@code rung} reads it. */
    public static List<String> trainingOptions(String key, Artifacts a) {
        return switch (key) {
            case "appcds" -> List.of("-XX:ArchiveClassesAtExit=" + a.appCdsArchive());
            case "aot" -> List.of("-XX:AOTCacheOutput=" + a.aotCache());
            case "best" -> with(SMALL_FLAGS, "-XX:AOTCacheOutput=" + a.bestAotCache());
            default -> throw new IllegalArgumentException("no training for " + key);
        };
    }

    /** The whole ladder, in order. */
    public static List<Rung> ladder(Artifacts a) {
        return List.of(
                new Rung("baseline", "java alone (no fork, no channel)", List.of(), true,
                        "The floor: exec, JVM boot with the JDK's CDS archive, one class that prints a line."),
                new Rung("baseline-native-access", "java alone + --enable-native-access", List.of("--enable-native-access=ALL-UNNAMED"), true,
                        "The flag fork adds for JNI and FFM: the default CDS archive's module graph no longer applies (-Xlog:cds says so) and is built at start."),
                new Rung("default", "fork, default", List.of(), false,
                        "The reference: fork as it is; the JDK's classes come parsed from the default CDS archive, ours and the libraries' from jars, junixsocket's .so from the parent's one copy."),
                new Rung("xshare-off", "-Xshare:off", List.of("-Xshare:off"), false,
                        "No CDS at all: every JDK class parsed and verified again; the gap is what the default archive already saves."),
                new Rung("c1", "-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"), false,
                        "C1 only: no C2 compiles competing for the cores while the child starts (at the price of peak speed later)."),
                new Rung("serial", "-XX:+UseSerialGC", List.of("-XX:+UseSerialGC"), false,
                        "A collector with less to set up than G1 (no concurrent threads, no remembered sets); a small heap needs no more."),
                new Rung("no-perfdata", "-XX:-UsePerfData", List.of("-XX:-UsePerfData"), false,
                        "No hsperfdata file to create and map in /tmp (jps and jstat no longer see the JVM)."),
                new Rung("small-flags", "the three flags above", SMALL_FLAGS, false,
                        "C1 only, Serial GC, no perf data, together."),
                new Rung("library-per-child", "junixsocket library copied per child", List.of(LIBRARY_PER_CHILD), false,
                        "What fork did before it passed -Dorg.newsclub.net.unix.library.override: every child copies the .so out of its jar to a temp file, loads it, deletes it."),
                new Rung("appcds", "AppCDS archive (JDK 13)", List.of("-XX:SharedArchiveFile=" + a.appCdsArchive()), false,
                        "A dynamic CDS archive of this app's classes too (parsed and verified ahead of time), not only the JDK's."),
                new Rung("aot", "AOT cache (JEP 483/514/515)", List.of("-XX:AOTCache=" + a.aotCache()), false,
                        "Classes loaded and linked ahead of time, plus method profiles, from one training run (-XX:AOTCacheOutput)."),
                new Rung("aot-no-profiles", "AOT cache without profiles", List.of("-XX:AOTCache=" + a.aotCache(),
                        "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"), false,
                        "The same cache with JEP 515's profiles ignored: what they add or cost for a child timed to its first message."),
                new Rung("best", "AOT cache + small flags", with(SMALL_FLAGS, "-XX:AOTCache=" + a.bestAotCache()), false,
                        "Everything that helped, with a cache trained under the same flags."));
    }

    private static List<String> with(List<String> options, String more) {
        List<String> all = new ArrayList<>(options);
        all.add(more);
        return List.copyOf(all);
    }
}
