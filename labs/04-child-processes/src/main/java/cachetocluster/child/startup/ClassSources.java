package cachetocluster.child.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a child's classes came from, as the JVM itself logs it ({@code -Xlog:class+load}): parsed from a jar or the
 * JDK's module image, or mapped from an archive ({@code source: shared objects file}). It is the proof that an AOT
 * cache or a CDS archive was used, and by how much: the JVM silently starts without an archive that does not match
 * its class path or options (it only logs why).
 *
 * @param loaded      classes loaded up to the first message
 * @param fromArchive of those, the ones mapped from an archive (the default CDS archive, an AppCDS archive or an AOT
 *                    cache)
 * @param probeSource where {@link ProbeChild}, a class of ours, came from: {@code shared objects file} only when an
 *                    archive made for this class path was used
 */
public record ClassSources(int loaded, int fromArchive, String probeSource) {

    private static final String ARCHIVE = "shared objects file";

    /** True if our own class was mapped from an archive (AppCDS or an AOT cache), not read from its jar. */
    public boolean probeFromArchive() {
        return probeSource.startsWith(ARCHIVE);
    }

    /**
     * Forks the probe once with {@code jvmOptions} plus a class-load log into {@code log}, and reads the log. Not timed:
     * logging a thousand lines to a file slows a start by a few milliseconds.
     */
    public static ClassSources of(String classPath, List<String> jvmOptions, Path log) throws IOException, InterruptedException {
        String file = log.toAbsolutePath().toString();
        if (file.contains(":") || file.contains(",")) {
            throw new IOException("-Xlog cannot write to a path with ':' or ',': " + file);
        }
        Files.deleteIfExists(log);
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xlog:class+load=info:file=" + file);
        FirstMessage.fork(classPath, options, new ArrayList<>());
        return parse(Files.readAllLines(log));
    }

    /** Reads {@code [0.154s][info][class,load] a.B source: shared objects file} lines. */
    static ClassSources parse(List<String> lines) {
        int loaded = 0;
        int archived = 0;
        String probe = "not loaded";
        String probeName = " " + ProbeChild.class.getName() + " source: ";
        for (String line : lines) {
            int at = line.indexOf(" source: ");
            if (at < 0) {
                continue;
            }
            loaded++;
            String source = line.substring(at + " source: ".length());
            if (source.startsWith(ARCHIVE)) {
                archived++;
            }
            int probeAt = line.indexOf(probeName);
            if (probeAt >= 0) {
                probe = line.substring(probeAt + probeName.length());
            }
        }
        return new ClassSources(loaded, archived, probe);
    }
}
